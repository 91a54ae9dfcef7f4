/** What Ctrl-C says: in `destroy` or the cleanup, run `destroy` again; in a challenge, that challenge command; elsewhere, the lesson. Commands set the key, bin.ts renders it. */
let key = "engine.interrupted";
let destroy = "npx privatelink-lab destroy";
/** The command to run again, for a notice that names one (`{again}`): the lesson's own once the learner is known. */
let again = "npx privatelink-lab";
/** The command that shows where the lesson is and what exists, for a notice that names it (`{status}`). */
let status = "npx privatelink-lab status";
/** The line that gives the learner's shell back to AWS, for a notice that names it (`{unset}`: `sandbox serve`'s). */
let unset = "";

export function setInterruptNotice(messageKey: string, rerun?: string, unsetLine = ""): void {
  key = messageKey;
  if (rerun !== undefined) again = rerun;
  unset = unsetLine;
}

/** Which delete command the notice names (set once the learner's prefix and backend are known). */
export function setDestroyCommand(command: string): void {
  destroy = command;
}

/** The lesson's notice names this learner's own commands (shell/lab-command.ts's `lessonCommands`): how to continue, where it is, how to delete. */
export function setLessonCommands(commands: { again: string; destroy: string; status: string }): void {
  setDestroyCommand(commands.destroy);
  again = commands.again;
  status = commands.status;
}

/** Ctrl-C at a question (the prompt library's own error): stopped like a signal, said once by bin.ts. */
export function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError");
}

export function interruptNotice(): [string, { destroy: string; again: string; status: string; unset: string }] {
  return [key, { destroy, again, status, unset }];
}
