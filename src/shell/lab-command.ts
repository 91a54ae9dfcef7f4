/**
 * The `npx privatelink-lab …` commands the product prints for the learner to run (again): continue, delete, a step, a
 * challenge command, a workshop sheet's line. One builder, so that each names the same lesson in the same words — its
 * prefix, its Region when that matters, `--sandbox` or its `--endpoint-url`, and the AWS profile its credentials come
 * from — and pasted into any terminal (a new one, without the progress file) reaches the same account. Values that come
 * from outside (an endpoint, a profile name) are quoted for the learner's shell as the lesson's commands are (render.ts).
 * The `aws …` commands a fix names for the same account (`awsCommands`) carry the same endpoint and profile; in the
 * sandbox, the address that serves it on this computer (never none: a bare `aws` command would reach AWS).
 */
import { renderArg, renderCommand, type Shell } from "./render.js";
import type { Arg, Command } from "./script.js";

/**
 * Why a name cannot be the profile here. The AWS CLI takes any other (`aws configure --profile "my work"` writes
 * `[profile 'my work']`): empty; a line break or another control character, which no section of the AWS files can hold;
 * a double quote, which cmd.exe cannot pass inside an argument, so that no printed command could name it.
 */
export type ProfileProblem = "empty" | "control" | "doubleQuote";

export function profileProblem(name: string): ProfileProblem | undefined {
  if (name === "") return "empty";
  if (/\p{Cc}/u.test(name)) return "control";
  return name.includes('"') ? "doubleQuote" : undefined;
}

/** A profile name as the learner's shell takes it in a command: bare when plain, else quoted (`'my work'`, cmd `"my work"`). */
export function profileArg(name: string, shell: Shell): string {
  return renderArg(word(name), shell);
}

/** Where a learner's lesson lives, as their progress file says: the sandbox, or AWS (at `--endpoint-url`, when they gave one). */
export interface LessonTarget {
  backend: "sandbox" | "aws";
  endpointUrl?: string | undefined;
  /** On AWS: the named profile its credentials come from (`--profile`, the saved one). */
  profile?: string | undefined;
}

/** One printed command: the subcommand and its own words (`destroy`, `step deploy`, `--restart`), then whose lesson, where. */
export interface LabCommand extends LessonTarget {
  command?: string;
  prefix?: string;
  region?: string;
}

/** Characters bash reads as themselves in a bare word; anything else is single-quoted. */
const BASH_BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

function word(value: string): Arg {
  return BASH_BARE.test(value) ? { value } : { value, quote: "'" };
}

/** `--name value`, or nothing without a value. */
function flag(name: string, value: string | undefined): Arg[] {
  return value ? [{ value: name }, word(value)] : [];
}

/** `npx privatelink-lab [command] [--prefix P] [--region R] [--sandbox | --endpoint-url U] [--profile N]`, for `shell`. */
export function labCommand(c: LabCommand, shell: Shell = "bash"): string {
  const words = (c.command ?? "").split(" ").filter(Boolean).map((value) => ({ value }));
  const target = c.backend === "sandbox" ? [{ value: "--sandbox" }] : flag("--endpoint-url", c.endpointUrl);
  const args = [{ value: "privatelink-lab" }, ...words, ...flag("--prefix", c.prefix), ...flag("--region", c.region), ...target, ...(c.backend === "aws" ? flag("--profile", c.profile) : [])];
  return renderCommand({ program: "npx", args }, shell, { oneLine: true });
}

/**
 * What a command knows of the learner's lesson: its state, the AWS clients (their profile: `--profile` or the saved one,
 * else AWS_PROFILE), the learner's shell, and whether the endpoint is a sandbox this tool serves.
 */
export interface CommandPlace {
  state: LessonTarget & { prefix: string };
  clients?: { profile?: string | undefined };
  io?: { shell?: Shell | undefined };
  servedSandbox?: boolean | undefined;
  /** In the sandbox: where it is served on this computer (`sandbox serve`), for the `aws` commands a fix names. */
  sandboxUrl?: string | undefined;
}

/**
 * The profile a printed command names: the one the lesson's clients use, so that a new terminal (where AWS_PROFILE is not
 * set) reaches the same account. None in the sandbox, nor AWS_PROFILE's at a sandbox this tool serves (its keys are in the
 * shell, not a profile); validate.ts refused any name a shell could not be given.
 */
export function printedProfile(place: CommandPlace): string | undefined {
  if (place.state.backend !== "aws") return undefined;
  // At a served sandbox the keys are the shell's (`sandbox env`), unless the learner named a profile that holds them.
  const profile = place.state.profile ?? (place.servedSandbox ? undefined : place.clients?.profile);
  return profile && !profileProblem(profile) ? profile : undefined;
}

/** `npx privatelink-lab <command>` for the same lesson (`--sandbox`, or its `--endpoint-url`; its profile), for any terminal. */
export function lessonCommand(command: string, place: CommandPlace, o: { prefix?: string; region?: string } = {}): string {
  const profile = printedProfile(place);
  const { backend, endpointUrl } = place.state;
  return labCommand({ command, backend, ...(endpointUrl ? { endpointUrl } : {}), ...(profile ? { profile } : {}), ...o }, place.io?.shell ?? "bash");
}

/** `npx privatelink-lab <command>` for this learner's own lesson (or, same account, `prefix`'s): their prefix, and where it lives. */
export function learnerCommand(command: string, place: CommandPlace, o: { prefix?: string; region?: string } = {}): string {
  return lessonCommand(command, place, { prefix: place.state.prefix, ...o });
}

/**
 * The command that continues this learner's lesson: with their prefix and `--sandbox` (or their `--endpoint-url`, and
 * their profile), so that it goes on with the same lesson even when the progress file is lost (a bare
 * `npx privatelink-lab` would then follow the AWS credentials in the shell).
 */
export function continueCommand(place: CommandPlace): string {
  return learnerCommand("", place);
}

/** The complete command that deletes what this learner's lesson made (or, in the same account, `prefix`'s lab). */
export function destroyCommand(place: CommandPlace, prefix = place.state.prefix): string {
  return learnerCommand("destroy", place, { prefix });
}

/** How the lesson's stop notice names this learner's own commands: how to continue, where it is (`status`), and how to delete. */
export function lessonCommands(place: CommandPlace): { again: string; destroy: string; status: string } {
  return { again: continueCommand(place), destroy: destroyCommand(place), status: learnerCommand("status", place) };
}

/** How each shell runs a command only after the one before it succeeded (Windows PowerShell 5.1 has no `&&`: in sequence). */
const AND_THEN: Record<Shell, string> = { bash: " && ", cmd: " && ", powershell: "; " };

/** This computer, where a sandbox is served: what a sandbox's `aws` command names when its port is not known. */
const LOOPBACK = "http://127.0.0.1";

/**
 * Where a printed `aws` command goes: the lesson's `--endpoint-url` on AWS (none: AWS itself); in the sandbox always this
 * computer (where it is served), so that pasted into a terminal not pointed at it, it never reaches the learner's AWS account.
 */
function awsEndpoint(place: CommandPlace): string | undefined {
  const { backend, endpointUrl } = place.state;
  return backend === "sandbox" ? place.sandboxUrl ?? LOOPBACK : endpointUrl;
}

/**
 * `aws <words>` as a program and its arguments, aimed at the lesson's account: its `--endpoint-url` (in the sandbox, where
 * it is served), and the profile the printed lesson commands name.
 */
export function awsCommand(words: readonly string[], place: CommandPlace): Command {
  return { program: "aws", args: [...words.map(word), ...flag("--endpoint-url", awsEndpoint(place)), ...flag("--profile", printedProfile(place))] };
}

/** `aws <words>` for each command, in order, as one line for the learner's shell, aimed at the lesson's account (`awsCommand`). */
export function awsCommands(commands: readonly (readonly string[])[], place: CommandPlace): string {
  const shell = place.io?.shell ?? "bash";
  return commands.map((words) => renderCommand(awsCommand(words, place), shell, { oneLine: true })).join(AND_THEN[shell]);
}
