/**
 * When the network, not AWS, is the problem (no answer in time, refused, unknown host), the learner is told which
 * endpoint did not answer and what to check, and every later call on the same clients fails at once (a lesson does not
 * wait out the timeout once per call on its way out). At the learner's workshop room the message is the room's: it is
 * not answering, or it does not know their key (a re-created room, another room's line); at another served sandbox, that
 * it accepts only its own keys.
 */
import { LabError } from "../errors.js";
import { roomRefusedKey, servedRefusedKey } from "./error-translation.js";

/** Seconds a request may go unanswered (connect, or the whole answer) before it is abandoned. */
export const TIMEOUT_ENV = "PRIVATELINK_LAB_TIMEOUT";
export const DEFAULT_TIMEOUT_SECONDS = 20;
/** Attempts per request against AWS (the SDK retries timeouts, throttling and 5xx). */
export const AWS_MAX_ATTEMPTS = 4;

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "refused",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  ETIMEDOUT: "timeout",
};

/** `refused`, `timeout`, `dns`, `reset`, `unreachable`, or undefined when AWS answered. */
function networkProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return undefined; // an answer came back: AWS's error, not the network's
  if (err.name === "TimeoutError" || /timed? ?out/i.test(err.message) && !(err as { $fault?: string }).$fault) return "timeout";
  const code = (err as NodeJS.ErrnoException).code;
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code];
  if (/socket hang up/i.test(err.message)) return "reset";
  return undefined;
}

export function timeoutSeconds(env: NodeJS.ProcessEnv): number {
  const n = Number(env[TIMEOUT_ENV]);
  return env[TIMEOUT_ENV] !== undefined && Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_SECONDS;
}

interface GuardableClient {
  middlewareStack: {
    add(mw: never, options: { step: "initialize"; priority: "high"; name: string }): void;
    add(mw: never, options: { step: "deserialize"; priority: "high"; name: string }): void;
  };
}

/** What the learner is told when a request first goes unanswered: it is tried again, this often, each this long. */
export type NoAnswerListener = (info: { endpoint: string; seconds: number; retries: number }) => void;

/** The clients' shared state: the failure that ended them (every later call fails at once), and whether the first silence was told. */
export interface Breaker {
  down?: LabError;
  told?: boolean;
}

/** Each guarded client's breaker, so that a caller that waits on purpose (the facilitator's watch) can try the endpoint again. */
const BREAKERS = new WeakMap<object, Breaker>();

/** After a network failure, lets the next call of these clients reach the endpoint again (it fails at once until then). */
export function tryAgain(clients: object): void {
  for (const client of Object.values(clients)) {
    const breaker = typeof client === "object" && client !== null ? BREAKERS.get(client) : undefined;
    if (breaker) delete breaker.down;
  }
}

/** The endpoint a client talks to (URL or AWS host, as messages name it); `room`: the learner's workshop room. */
interface Place {
  endpoint: string;
  seconds: number;
  attempts: number;
  room?: string | undefined;
}

function networkError(problem: string, err: unknown, { endpoint, seconds, attempts, room }: Place): LabError {
  if (room) return new LabError("roomOffline.down", { endpoint, room, problem }, { cause: err, source: "network" });
  return new LabError(`guard.network.${problem}`, { endpoint, seconds, attempts }, { cause: err, source: "network" });
}

/**
 * Adds the guard to a client. A request left unanswered is tried again by the SDK (`attempts` in all): the first
 * time, `onNoAnswer` says so, so that a silent endpoint is not minutes of nothing on the screen.
 */
export function guardNetwork<C extends GuardableClient>(
  client: C,
  place: Place,
  breaker: Breaker,
  onNoAnswer?: NoAnswerListener,
): C {
  const { endpoint, seconds, attempts, room } = place;
  BREAKERS.set(client, breaker);
  // Each attempt (below the SDK's retries): the first one left unanswered is told about.
  const attempt = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (err) {
      if (onNoAnswer && !breaker.told && attempts > 1 && networkProblem(err) === "timeout") {
        breaker.told = true;
        onNoAnswer({ endpoint, seconds, retries: attempts - 1 });
      }
      throw err;
    }
  };
  client.middlewareStack.add(attempt as never, { step: "deserialize", priority: "high", name: "privatelinkLabNoAnswer" });
  const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    if (breaker.down) throw breaker.down;
    try {
      return await next(args);
    } catch (err) {
      const problem = networkProblem(err);
      if (!problem) throw (room ? roomRefusedKey(err, room, endpoint) : servedRefusedKey(err, endpoint)) ?? err;
      breaker.down = networkError(problem, err, place);
      throw breaker.down;
    }
  };
  client.middlewareStack.add(middleware as never, { step: "initialize", priority: "high", name: "privatelinkLabNetworkGuard" });
  return client;
}
