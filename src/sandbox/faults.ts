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
  /** The call succeeds, then its answer is lost: `kill` ends the process (SIGKILL) at once; `lose` throws a network error the SDK retries. */
  after?: "kill" | "lose";
  /** `kill`: the process ends at once (SIGKILL) before the call reaches the account. */
  before?: "kill";
}

/** Does a fault's name (`SendCommand` or `SendCommandCommand`) name this call (the SDK class's name)? Only the call's `Command` suffix comes off. */
function sameCommand(faultName: string, call: string): boolean {
  const operation = call.endsWith("Command") ? call.slice(0, -"Command".length) : call;
  return faultName === operation || faultName === `${operation}Command` || faultName === call;
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
    const f = this.pending.find((p) => sameCommand(p.command, command) && p.left > 0 && accept(p));
    if (!f) return undefined;
    f.left -= 1;
    return f;
  }

  /** A fault whose call failed before its answer could be lost (or the process killed after it) is not used up. */
  giveBack(fault: Fault): void {
    const f = this.pending.find((p) => p === fault);
    if (f) f.left += 1;
  }

  /** Faults from a JSON array (the env var); a `FaultsProblem` names what is wrong (with `known`: also a command the sandbox does not answer). */
  static fromJson(text: string, known?: ReadonlySet<string>): FaultPlan {
    const plan = new FaultPlan();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new FaultsProblem("json", e instanceof Error ? e.message : String(e));
    }
    if (!Array.isArray(data)) throw new FaultsProblem("array", "");
    data.forEach((item: unknown, n) => {
      const at = `#${n + 1}`;
      if (typeof item !== "object" || item === null || Array.isArray(item)) throw new FaultsProblem("object", at);
      const rec = item as Record<string, unknown>;
      const after = rec.after === "kill" || rec.after === "lose" ? rec.after : undefined;
      if (rec.after !== undefined && !after) throw new FaultsProblem("after", `${at}: ${JSON.stringify(rec.after)}`);
      const before = rec.before === "kill" ? rec.before : undefined;
      if (rec.before !== undefined && !before) throw new FaultsProblem("after", `${at}: ${JSON.stringify(rec.before)}`);
      if (typeof rec.command !== "string" || !rec.command || ((typeof rec.code !== "string" || !rec.code) && !after && !before)) throw new FaultsProblem("fields", at);
      const command = rec.command;
      if (known && !known.has(command) && !known.has(command.replace(/Command$/, ""))) throw new FaultsProblem("command", `${at}: ${rec.command}`);
      if (rec.times !== undefined && !(typeof rec.times === "number" && Number.isInteger(rec.times) && rec.times >= 1 && rec.times <= 1000)) {
        throw new FaultsProblem("times", `${at}: ${JSON.stringify(rec.times)}`);
      }
      if (rec.status !== undefined && !(typeof rec.status === "number" && Number.isInteger(rec.status) && rec.status >= 400 && rec.status <= 599)) {
        throw new FaultsProblem("status", `${at}: ${JSON.stringify(rec.status)}`);
      }
      plan.add({
        command,
        code: typeof rec.code === "string" ? rec.code : "",
        ...(after ? { after } : {}),
        ...(before ? { before } : {}),
        times: typeof rec.times === "number" ? rec.times : 1,
        ...(typeof rec.message === "string" ? { message: rec.message } : {}),
        ...(typeof rec.status === "number" ? { status: rec.status } : {}),
      });
    });
    return plan;
  }
}

/** What is wrong with a fault list: `problem` names the rule, `where` the entry. */
export class FaultsProblem extends Error {
  constructor(
    readonly problem: "json" | "array" | "object" | "fields" | "command" | "times" | "status" | "after",
    readonly where: string,
  ) {
    super(`faults: ${problem} ${where}`);
    this.name = "FaultsProblem";
  }
}
