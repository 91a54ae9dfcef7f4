/** The one error type: a message key rendered at the edge, its values, the cause; `source` says whether the learner can fix it. */
type ErrorSource = "user" | "aws" | "internal" | "local" | "network" | "busy" | "starting";

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  aws: 3,
  /** A file on this machine could not be read or written (progress file, sandbox account, lock), or it holds no usable AWS credentials (AWS was not asked). */
  local: 4,
  /** The endpoint did not answer (timeout, connection refused, unknown host). */
  network: 5,
  /** Another privatelink-lab process is working on the same participant. */
  busy: 6,
  /** Nothing is broken, but AWS is still starting part of it (an instance, an endpoint, health checks): run it again in a while. */
  starting: 7,
  /** Signals: 128 + the signal's number, as shells report them. */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

/** One entry of a list an error names (a message key and its values), said in the reader's language at the edge. */
export interface ListEntry {
  key: string;
  vars: Record<string, string | number>;
}

export class LabError extends Error {
  readonly key: string;
  readonly vars: Record<string, string | number>;
  /** Values that are lists of translatable entries (`{problems}`: one entry per prefix), rendered and joined at the edge. */
  readonly lists: Record<string, readonly ListEntry[]>;
  readonly source: ErrorSource;
  override readonly cause?: unknown;

  constructor(key: string, vars: Record<string, string | number> = {}, options: { cause?: unknown; source?: ErrorSource; lists?: Record<string, readonly ListEntry[]> } = {}) {
    super(key);
    this.name = "LabError";
    this.key = key;
    this.vars = vars;
    this.lists = options.lists ?? {};
    this.source = options.source ?? "user";
    this.cause = options.cause;
  }

  get exitCode(): number {
    const bySource: Partial<Record<ErrorSource, number>> = { aws: EXIT.aws, local: EXIT.local, network: EXIT.network, busy: EXIT.busy, starting: EXIT.starting };
    return bySource[this.source] ?? (this.key.startsWith("usage.") || this.key.includes(".usage.") ? EXIT.usage : EXIT.failure);
  }
}

/** The AWS error code of an SDK error (its `name`), if it is one. */
export function awsCode(err: unknown): string | undefined {
  // The SDK stamps `$metadata` on anything thrown inside a client, our own bugs included: a TypeError is never AWS's answer.
  if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError) return undefined;
  if (err && typeof err === "object" && "$metadata" in err && "name" in err) {
    return String((err as { name: unknown }).name);
  }
  return undefined;
}

/** AWS's answer (a refusal, a missing thing) or one already said as a LabError (no answer, a local file): not a bug of ours. */
export function isSaidFailure(err: unknown): boolean {
  return awsCode(err) !== undefined || err instanceof LabError;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
