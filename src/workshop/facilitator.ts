/** What a facilitator's command works with, and a way to act as one participant so the lesson's own code does the work. */
import type { AwsClients } from "../aws/clients.js";
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import type { LessonContext } from "../lesson/context.js";
import { namesFor } from "../participant.js";
import type { Clock } from "../sandbox/clock.js";
import { StateFile } from "../state/state-file.js";
import type { IoHost } from "../ui/io-host.js";
import type { CommandPlace } from "../shell/lab-command.js";
import { freshState } from "../state/schema.js";

export interface Facilitator {
  lang: Lang;
  t: Translate;
  io: IoHost;
  clients: AwsClients;
  region: string;
  backend: "aws" | "sandbox";
  /** The room's account as the facilitator named it (`--profile`, `--endpoint-url`), for the commands printed for them to run. */
  profile?: string;
  endpointUrl?: string;
  /** The clients reach a sandbox room this tool serves (`join`): its account bills nothing. */
  servedSandbox?: boolean;
  /** The room's seats, when its room file names them: status shows each, started or not. */
  roster?: string[];
  /** A room served on this computer: how many computers joined each seat so far (read at each refresh). */
  computers?: () => Record<string, number>;
  clock: Clock;
  /** How often waits poll (ms of the clock); it may change (a served room says its speed on its first answer). */
  readonly pollMs: number;
  stateFile: StateFile;
}

/** Where the commands printed for the facilitator go: the room's account (its endpoint, its profile: the flag, else AWS_PROFILE), in their shell. */
export function facilitatorPlace(f: Facilitator): CommandPlace {
  const target = { backend: f.backend, prefix: "", ...(f.profile ? { profile: f.profile } : {}), ...(f.endpointUrl ? { endpointUrl: f.endpointUrl } : {}) };
  return { state: target, clients: f.clients, io: f.io, ...(f.servedSandbox ? { servedSandbox: true } : {}) };
}

/** A facilitator never writes a learner's progress file: the learner's own machine has it. */
class NoStateFile extends StateFile {
  override save(): void {}
}

/** The lesson context of one participant, as the facilitator acts for them. */
export function actAs(f: Facilitator, prefix: string, io: IoHost, over: { clients?: AwsClients; clock?: Clock } = {}): LessonContext {
  return {
    lesson: "privatelink",
    clients: over.clients ?? f.clients,
    state: freshState(prefix, f.region, f.backend),
    stateFile: new NoStateFile(f.stateFile.dir),
    io,
    t: f.t,
    clock: over.clock ?? f.clock,
    // The facilitator's current interval at each wait, not the one when the context was made.
    get pollMs() {
      return f.pollMs;
    },
    names: namesFor(prefix),
    mode: "guided",
  };
}
