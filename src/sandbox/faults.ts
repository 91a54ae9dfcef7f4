/**
 * Faults for tests (and rehearsals): make a command fail N times with a given AWS error before it
 * starts succeeding. Also readable from the environment so the built CLI can be tested with them:
 * PRIVATELINK_LAB_SANDBOX_FAULTS='[{"command":"CreateVpcEndpoint","code":"Unavailable","times":2}]'
 */

export interface Fault {
  /** Command name without the `Command` suffix, e.g. `CreateVpcEndpoint`. */
  command: string;
  /** AWS error code, e.g. `RequestLimitExceeded`, `Unavailable`, `AccessDenied`. */
  code: string;
  /** How many calls fail (default 1). Infinity for every call. */
  times?: number;
  message?: string;
  /** HTTP status; defaults to what AWS uses for the code. */
  status?: number;
  /**
   * The call succeeds, then its answer is lost: `kill` ends the process at once (SIGKILL, between
   * the AWS call and anything the tool would write); `lose` throws a network error the SDK retries.
   */
  after?: "kill" | "lose";
}

export const FAULTS_ENV = "PRIVATELINK_LAB_SANDBOX_FAULTS";

export class FaultPlan {
  private readonly pending: (Fault & { left: number })[] = [];

  add(fault: Fault): this {
    this.pending.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  /** The fault that hits this call, if any (it is used up); `accept` limits which faults may. */
  take(command: string, accept: (fault: Fault) => boolean = () => true): Fault | undefined {
    const name = command.replace(/Command$/, "");
    const f = this.pending.find((p) => p.command.replace(/Command$/, "") === name && p.left > 0 && accept(p));
    if (!f) return undefined;
    f.left -= 1;
    return f;
  }

  /** Faults from a JSON array (the env var); throws a plain Error on malformed input. */
  static fromJson(text: string): FaultPlan {
    const plan = new FaultPlan();
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error("faults must be a JSON array");
    for (const item of data) {
      if (typeof item !== "object" || item === null) throw new Error("each fault must be an object");
      const rec = item as Record<string, unknown>;
      const after = rec.after === "kill" || rec.after === "lose" ? rec.after : undefined;
      if (typeof rec.command !== "string" || (typeof rec.code !== "string" && !after)) {
        throw new Error("each fault needs string `command` and `code` (or `after`: kill | lose)");
      }
      plan.add({
        command: rec.command,
        code: typeof rec.code === "string" ? rec.code : "",
        ...(after ? { after } : {}),
        times: typeof rec.times === "number" ? rec.times : 1,
        message: typeof rec.message === "string" ? rec.message : undefined,
        status: typeof rec.status === "number" ? rec.status : undefined,
      });
    }
    return plan;
  }
}
