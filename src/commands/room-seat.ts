/**
 * A learner seated in a workshop room (`join` recorded it): which seat this terminal's keys are, and whether it is in
 * the room at all. The room's answer (GetCallerIdentity's IAM user) is the truth; the progress file a hint.
 */
import { LabError } from "../errors.js";
import { prefixProblem } from "../participant.js";
import { onServedSandbox } from "../sandbox/shell-env.js";
import { freshState, type LessonState } from "../state/schema.js";
import type { StateFile } from "../state/state-file.js";
import { timeoutSeconds } from "../aws/network-guard.js";
import { regionFromEnv } from "../aws/credentials.js";
import type { GlobalOptions } from "./options.js";
import type { Environment } from "./environment.js";

const FACILITATOR = "facilitator";
/** A key that may act as any seat. */
const ANYONE = Symbol("anyone");

/** Two addresses of one endpoint (a trailing slash aside). */
function sameEndpoint(a: string | undefined, b: string | undefined): boolean {
  const bare = (u: string | undefined) => u?.replace(/\/+$/, "");
  return a !== undefined && bare(a) === bare(b);
}

/** The learner goes elsewhere on purpose: the sandbox on this computer, an AWS profile, another endpoint. */
function leavesRoom(opts: GlobalOptions, saved: LessonState): boolean {
  return Boolean(opts.sandbox) || opts.profile !== undefined || (opts.endpointUrl !== undefined && !sameEndpoint(opts.endpointUrl, saved.endpointUrl));
}

/** This progress is a room's, and the flags do not take the learner elsewhere: its calls must go to the room. */
function staysInRoom(opts: GlobalOptions, saved: LessonState | undefined): saved is LessonState & { room: NonNullable<LessonState["room"]> } {
  return saved?.room !== undefined && saved.backend === "aws" && sameEndpoint(saved.endpointUrl, saved.room.url) && !leavesRoom(opts, saved);
}

/** The progress is a room's but the flags name another target (its progress starts afresh there, without the room's address). */
export function movesOutOfRoom(opts: GlobalOptions, saved: LessonState | undefined): boolean {
  return saved?.room !== undefined && leavesRoom(opts, saved);
}

/** A room's progress in a terminal without the join line: refused before anything is sent (no keys cross over). */
export function checkInRoom(opts: GlobalOptions, env: NodeJS.ProcessEnv, saved: LessonState | undefined): void {
  if (!staysInRoom(opts, saved)) return;
  if (onServedSandbox(env, env.AWS_ENDPOINT_URL) && sameEndpoint(env.AWS_ENDPOINT_URL, saved.room.url)) return;
  throw new LabError("room.notJoinedHere", { room: saved.room.name, url: saved.room.url, prefix: saved.prefix }, { source: "local" });
}

/** Who the room says this key is (`anyone`: the facilitator's, a plain served sandbox's); undefined when silent. */
async function askRoom(endpointUrl: string, e: Environment): Promise<string | typeof ANYONE | undefined> {
  const region = regionFromEnv(e.env) ?? "us-east-1";
  try {
    const [{ createAwsClients }, { awsPort }, { SANDBOX_USER }] = await Promise.all([import("../aws/clients.js"), import("../aws/port.js"), import("../sandbox/middleware.js")]);
    const clients = e.makeClients
      ? await e.makeClients({ ...freshState("room-seat", region, "aws"), endpointUrl })
      : await createAwsClients({ region, endpointUrl, maxAttempts: 1, timeoutSeconds: timeoutSeconds(e.env) });
    const me = await awsPort(clients).sts.getCallerIdentity({});
    const user = /:user\/([^/]+)$/.exec(me.Arn ?? "")?.[1];
    return user === FACILITATOR || user === SANDBOX_USER ? ANYONE : user;
  } catch {
    return undefined;
  }
}

/** The seat the progress file remembers for this room address (the last participant's, when `join` recorded it). */
function seatRemembered(stateFile: StateFile, endpointUrl: string): string | undefined {
  const state = stateFile.lastState();
  return state?.room !== undefined && sameEndpoint(state.room.url, endpointUrl) ? state.prefix : undefined;
}

/** `--prefix` in a terminal whose keys are a seat's: another seat is refused before anything is written. */
export async function checkSeat(prefix: string, opts: GlobalOptions, e: Environment, stateFile: StateFile): Promise<void> {
  if (opts.sandbox || opts.profile !== undefined) return;
  const endpointUrl = opts.endpointUrl ?? e.env.AWS_ENDPOINT_URL;
  if (endpointUrl === undefined || !onServedSandbox(e.env, endpointUrl)) return;
  const said = await askRoom(endpointUrl, e);
  if (said === ANYONE) return;
  const seat = said !== undefined && prefixProblem(said) === undefined ? said : seatRemembered(stateFile, endpointUrl);
  if (seat !== undefined && seat !== prefix) throw new LabError("room.usage.notYourSeat", { asked: prefix, seat });
}
