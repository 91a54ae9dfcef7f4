/** What every `workshop` subcommand starts from: language, host, and clients for the room's account (no prefix). */
import { credentialSourceHint, regionFromEnv } from "../../aws/credentials.js";
import type { Facilitator } from "../../workshop/facilitator.js";
import { freshState } from "../../state/schema.js";
import { onServedSandbox } from "../../sandbox/shell-env.js";
import { LabError } from "../../errors.js";
import { readServed } from "../../sandbox/served-file.js";
import { roomDir, roomFiles, roomNames, roomOfKey } from "../../workshop/room/room-file.js";
import { computersBySeat, readJoins } from "../../workshop/room/seat-joins.js";
import type { GlobalOptions } from "../options.js";
import { clientsFor, openSession, pollInterval, type Environment, type Session } from "../session.js";

/** A room shares one region: `--region` (or AWS_REGION), else one default — never the language's (ja and en apart). */
export const ROOM_DEFAULT_REGION = "us-east-1";

export function roomRegion(opts: GlobalOptions, env: NodeJS.ProcessEnv): string {
  return opts.region ?? regionFromEnv(env) ?? ROOM_DEFAULT_REGION;
}

/** A room this computer serves now (its server's record names a running process), if any. */
function servedRoom(e: Environment): string | undefined {
  return roomNames(e.env, e.stateDir).find((name) => readServed(roomFiles(roomDir(e.env, name, e.stateDir)).served) !== undefined);
}

function roomBackend(opts: GlobalOptions, e: Environment, s: Session): "aws" | "sandbox" {
  if (opts.sandbox) return "sandbox";
  // A room is served here and no flag names another account: this terminal lacks the facilitator's join line.
  const room = opts.profile || opts.endpointUrl || onServedSandbox(e.env, e.env.AWS_ENDPOINT_URL) ? undefined : servedRoom(e);
  if (room !== undefined) throw new LabError("room.facilitatorNotJoined", { room }, { source: "local" });
  if (opts.profile || opts.endpointUrl || credentialSourceHint(e.env)) return "aws";
  s.io.notify({ type: "notice", level: "warn", message: s.t("session.noCredentials") });
  s.io.notify({ type: "notice", level: "info", message: s.t("session.usingSandbox") });
  return "sandbox";
}

export async function openFacilitator(opts: GlobalOptions, e: Environment): Promise<Facilitator> {
  const s = await openSession(opts, e);
  const backend = roomBackend(opts, e, s);
  const region = roomRegion(opts, e.env);
  const state = {
    ...freshState("workshop", region, backend),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
  };
  const clients = await clientsFor(state, opts, e, s.io);
  // A sandbox room this computer serves, reached with the facilitator's join line: its roster is in the room file.
  const servedSandbox = backend === "aws" && !opts.profile && onServedSandbox(e.env, opts.endpointUrl ?? e.env.AWS_ENDPOINT_URL);
  const room = servedSandbox ? roomOfKey(e.env, e.env.AWS_ACCESS_KEY_ID ?? "", e.stateDir) : undefined;
  return {
    ...s,
    ...(servedSandbox ? { servedSandbox } : {}),
    ...(room ? { roster: room.participants.map((p) => p.prefix), computers: () => computersBySeat(readJoins(roomDir(e.env, room.name, e.stateDir))) } : {}),
    clients,
    region,
    backend,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    clock: clients.sandbox?.clock ?? e.clock,
    // As a served room's speed says; never under 2 s: a rehearsed room's stacks create at AWS's own pace.
    get pollMs() {
      return Math.max(2000, pollInterval(clients));
    },
  };
}
