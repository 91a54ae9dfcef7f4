/** What Ctrl-C says: in `destroy` or the cleanup, run `destroy` again; elsewhere, run the lesson again. Commands set the key, bin.ts renders it. */
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

export function interruptNotice(): [string, { destroy: string }] {
  return [key, { destroy }];
}
