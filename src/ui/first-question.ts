/**
 * Work that should wait until the learner has a question on screen: the first prompt is drawn
 * as soon as its own modules are loaded, and the rest (the SDK, the sandbox, the lesson engine)
 * is compiled while the learner reads it. Without a question (--yes, no terminal) nothing here
 * runs, and the work happens where it is needed.
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
