/**
 * What Ctrl-C says depends on what was interrupted: inside `destroy` (or the lesson's cleanup),
 * running `destroy` again finishes the deletion; elsewhere, running the lesson again continues it.
 * Commands set the key; the edge (bin.ts) renders it in the learner's language when a signal comes.
 * The delete command it names is the learner's own (their prefix, --sandbox), the same one the
 * lesson names when it is left with resources up (destroyCommand).
 */
let key = "engine.interrupted";
let destroy = "npx privatelink-lab destroy";

export function setInterruptNotice(messageKey: string): void {
  key = messageKey;
}

/** The complete command that deletes what this learner's lesson made (from their progress: prefix and backend). */
export function destroyCommand(state: { prefix: string; backend: "sandbox" | "aws" }): string {
  return `npx privatelink-lab destroy --prefix ${state.prefix}${state.backend === "sandbox" ? " --sandbox" : ""}`;
}

/** Which delete command the notice names (set once the learner's prefix and backend are known). */
export function setDestroyCommand(command: string): void {
  destroy = command;
}

/** The message key and its values. */
export function interruptNotice(): [string, { destroy: string }] {
  return [key, { destroy }];
}
