/**
 * Work that waits until the learner has a question on screen: the first prompt is drawn as soon as its modules load,
 * the rest (the SDK, the sandbox, the engine) compiles while the learner reads it. With no question, nothing runs here.
 */
const waiting: Array<() => void> = [];
let shown = false;

/** Runs `task` right after the first question is drawn (or at once, if one already was). */
export function afterFirstQuestion(task: () => void): void {
  if (shown) setImmediate(task);
  else waiting.push(task);
}

/** Called by the terminal host once a question is on screen. */
export function questionShown(): void {
  if (shown) return;
  shown = true;
  // setImmediate: the prompt's first frame is already written; the tasks run in the next turn.
  setImmediate(() => waiting.splice(0).forEach((task) => task()));
}
