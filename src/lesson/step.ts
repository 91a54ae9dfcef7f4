/** A lesson step: reads the cloud to know whether it is done, and knows how to do it. */
import type { CloudView } from "./cloud-view.js";
import type { LessonContext } from "./context.js";
import type { LessonState } from "../state/schema.js";
import { LabError } from "../errors.js";
import { awsCommands, continueCommand, type CommandPlace } from "../shell/lab-command.js";

export interface Detection {
  done: boolean;
  /** Message key saying why (e.g. `detect.endpoint.pendingAcceptance`), for status and hints. */
  why: string;
  vars?: Record<string, string>;
  /**
   * The `aws` commands its texts name (`{command}`), as the words after `aws`: the step decides them, the screen that says
   * the text aims them at the lesson's account (`detectionVars`): in the sandbox its address on this computer, never AWS.
   */
  commands?: Record<string, readonly string[]>;
  /** A lesson note (`## note: <key>`) that explains this situation, e.g. why the step is already done. */
  note?: string;
  /** Notes (`## note: <key>`) that explain what happened on this path, shown once the step is done. */
  teaches?: string[];
  /** Which `## done: <variant>` text tells what happened, when it is not the usual `## done`. */
  doneVariant?: string;
  /** A message (key, filled with `vars`) added to the done text: something left that the learner should still deal with. */
  doneAlso?: string;
  /** Right so far and still becoming ready (pending, a stack creating): waited for, not hinted at. A step may be done and settling (an endpoint made, still pending). */
  settling?: true;
  /** Counted as done because a later step has begun for good (see `Step.supersedes`). */
  passed?: true;
}

/** The values of a detection's texts, its `aws` commands rendered for `place`'s account and shell (shell/lab-command.ts). */
export function detectionVars(d: Pick<Detection, "vars" | "commands">, place: CommandPlace): Record<string, string> {
  const commands = Object.entries(d.commands ?? {}).map(([name, words]) => [name, awsCommands([words], place)] as const);
  return { ...d.vars, ...Object.fromEntries(commands) };
}

/** AWS's own word for a resource made right and still becoming ready. */
export function becoming(state: string): { settling?: true } {
  return state.toLowerCase() === "pending" ? { settling: true } : {};
}

/** What an earlier step makes; without it, that step is missing (said with the command that continues `place`'s lesson in order). */
export function madeBy<T>(value: T | undefined, step: string, place: CommandPlace): T {
  if (!value) throw new LabError("error.missingStep", { step, again: continueCommand(place) });
  return value;
}

/** A console-like form the learner fills in hands-on mode (same fields as the AWS console). */
export interface HandsOn {
  /** Asks the fields and applies the learner's choices, wrong ones included; returns note keys to explain. */
  run(ctx: LessonContext, view: CloudView): Promise<string[]>;
}

export interface Step {
  id: string;
  requires: string[];
  detect(view: CloudView, state: LessonState): Detection;
  /** Guided: the tool performs the step; it may return the cloud it read after its last change, so it is not read again. */
  perform(ctx: LessonContext, view: CloudView): Promise<CloudView | void>;
  handsOn?: HandsOn;
  /** Which `## concept: <variant>` (and `## done: <variant>`, if the detection names none) is true of the cloud as it is, or of an account that bills nothing (`free`); undefined: the usual ones. */
  conceptVariant?(view: CloudView, free: boolean): string | undefined;
  /** Which `## concept|console|cli|hints: <variant>` tell the way as the cloud is now (a cleanup half done); undefined: the usual ones. */
  cloudVariant?(view: CloudView): string | undefined;
  /** The step leaves nothing in the cloud (preflight, tour, review): it is recorded in the state. */
  traceless?: boolean;
  /** How the lesson asks to go on: "Run this step now?" (default), just "Continue?", or "Start the quiz?". */
  pace?: "read-only" | "quiz";
  /** The cloud shows this step begun for good (cleanup): it is then current whatever earlier steps detect, so nothing is rebuilt. */
  supersedes?(view: CloudView, state: LessonState): boolean;
}
