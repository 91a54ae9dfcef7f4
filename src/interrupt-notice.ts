/**
 * What Ctrl-C says depends on what was interrupted: inside `destroy` (or the lesson's cleanup),
 * running `destroy` again finishes the deletion; elsewhere, running the lesson again continues it.
 * Commands set the key; the edge (bin.ts) renders it in the learner's language when a signal comes.
 */
let key = "engine.interrupted";

export function setInterruptNotice(messageKey: string): void {
  key = messageKey;
}

export function interruptNotice(): string {
  return key;
}
