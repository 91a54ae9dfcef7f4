/** What a command may touch from the outside world; the real process's, or a test's. */
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import type { AwsClients } from "../aws/clients.js";
import { systemClock, type Clock } from "../sandbox/clock.js";
import type { LessonState } from "../state/schema.js";
import type { IoHost } from "../ui/io-host.js";
import type { Output, StandardOutputs } from "../standard-output.js";

export interface Environment {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: Output;
  /** Usage errors and help asked for by mistake (default: process.stderr). */
  stderr?: Output;
  /** Whether `stderr` goes into the same pipe or file as `stdout` (`2>&1 | less`): its lines are then wrapped like the lesson's. */
  stderrMerged?: () => boolean;
  clock: Clock;
  /** Builds the IoHost (terminal or JSON); tests pass a recorder. */
  makeHost?: (lang: Lang, t: Translate, interactive: boolean) => IoHost;
  /** Tests inject clients (e.g. a sandbox on a MemoryStore). */
  makeClients?: (state: LessonState) => Promise<AwsClients>;
  stateDir?: string;
  /** The operating system the paths and the shell are chosen for (default: process.platform). */
  platform?: NodeJS.Platform;
  /** Tests that act on the sandbox through the SDK as a learner would in the console/CLI. */
  learnerReachesSandbox?: boolean;
}

/** The operating system this command acts for: the test's, else this process's. */
export function platformOf(e: Pick<Environment, "platform">): NodeJS.Platform {
  return e.platform ?? process.platform;
}

/** The real process's: standard input, output and error are each opened on first use. */
export function processEnvironment(outputs: StandardOutputs): Environment {
  return {
    env: process.env,
    // Node makes process.stdin on first read (it opens standard input): `--help` and `--json` runs never need it.
    get stdin() {
      return process.stdin;
    },
    stdout: outputs.stdout,
    stderr: outputs.stderr,
    stderrMerged: outputs.merged,
    clock: systemClock,
  };
}
