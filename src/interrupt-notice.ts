/** What Ctrl-C says: in `destroy` or the cleanup, run `destroy` again; in a challenge, that challenge command; elsewhere, the lesson. Commands set the key, bin.ts renders it. */
let key = "engine.interrupted";
let destroy = "npx privatelink-lab destroy";
/** The command to run again, for a notice that names one (`{again}`): the lesson's own once the learner is known. */
let again = "npx privatelink-lab";
/** The line that gives the learner's shell back to AWS, for a notice that names it (`{unset}`: `sandbox serve`'s). */
let unset = "";

export function setInterruptNotice(messageKey: string, rerun?: string, unsetLine = ""): void {
  key = messageKey;
  if (rerun !== undefined) again = rerun;
  unset = unsetLine;
}

/** Where a learner's lesson lives, as their progress file says: the sandbox, or AWS (at `--endpoint-url`, when they gave one). */
export interface LessonTarget {
  backend: "sandbox" | "aws";
  endpointUrl?: string;
}

/** `npx privatelink-lab <command>` for the same lesson (`--sandbox`, or its `--endpoint-url`), for any terminal. */
export function lessonCommand(command: string, state: LessonTarget): string {
  const target = state.backend === "sandbox" ? "--sandbox" : state.endpointUrl ? `--endpoint-url ${state.endpointUrl}` : "";
  return ["npx privatelink-lab", command, target].filter(Boolean).join(" ");
}

/** `npx privatelink-lab <command>` for this learner's own lesson: their prefix, and where it lives. */
export function learnerCommand(command: string, state: LessonTarget & { prefix: string }): string {
  return lessonCommand([command, `--prefix ${state.prefix}`].filter(Boolean).join(" "), state);
}

/**
 * The command that continues this learner's lesson: with their prefix and `--sandbox` (or their `--endpoint-url`), so
 * that it goes on with the same lesson even when the progress file is lost (a bare `npx privatelink-lab` would then
 * follow the AWS credentials in the shell).
 */
export function continueCommand(state: LessonTarget & { prefix: string }): string {
  return learnerCommand("", state);
}

/** The complete command that deletes what this learner's lesson made (from their progress: prefix and where it lives). */
export function destroyCommand(state: LessonTarget & { prefix: string }): string {
  return learnerCommand("destroy", state);
}

/** Which delete command the notice names (set once the learner's prefix and backend are known). */
export function setDestroyCommand(command: string): void {
  destroy = command;
}

/** The lesson's notice names this learner's own commands: how to continue, and how to delete. */
export function setLessonCommands(state: LessonTarget & { prefix: string }): void {
  setDestroyCommand(destroyCommand(state));
  again = continueCommand(state);
}

/** Ctrl-C at a question (the prompt library's own error): stopped like a signal, said once by bin.ts. */
export function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError");
}

export function interruptNotice(): [string, { destroy: string; again: string; unset: string }] {
  return [key, { destroy, again, unset }];
}
