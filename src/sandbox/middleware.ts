/**
 * The sandbox plugs into the real SDK clients as a middleware at the `deserialize` step with high
 * priority: it runs inside the SDK's retry loop, after the signing step (sandbox clients get a
 * signer that adds no signature: see clients.ts), answers the command from the simulated account
 * and never calls the network. Errors it throws are SDK ServiceExceptions, so
 * retries, waiters and error handling in the product run exactly as against AWS.
 */
import type { MetadataBearer } from "@smithy/types";
import { awsError, type ServiceKey } from "./aws-error.js";
import { after, DEFAULT_SPEED, systemClock, type Clock, type Speed } from "./clock.js";
import { dryRunError, isDryRun } from "./dry-run.js";
import { FaultPlan } from "./faults.js";
import { READ_ONLY, type HandlerContext, type HandlerTables } from "./handler.js";
import type { WorldStore } from "./store.js";
import { emptyRegion, regionOf } from "./world.js";
import { allHandlers } from "./handlers/index.js";
import { retryBlockedDeletes } from "./cfn/delete-retry.js";
import { pageOf } from "./paging.js";

/** The IAM user a sandbox call is made as, unless a served room names its participant. */
export const SANDBOX_USER = "sandbox-learner";

const SERVICE_OF_CLIENT: Record<string, ServiceKey> = {
  EC2Client: "ec2",
  CloudFormationClient: "cloudformation",
  ElasticLoadBalancingV2Client: "elbv2",
  SSMClient: "ssm",
  STSClient: "sts",
  IAMClient: "iam",
  ServiceQuotasClient: "servicequotas",
};

export interface SandboxOptions {
  store: WorldStore;
  clock?: Clock;
  speed?: Speed;
  faults?: FaultPlan;
  handlers?: HandlerTables;
}

/** Anything with a middleware stack and a region provider: every SDK v3 client. */
export interface SandboxableClient {
  middlewareStack: { add: (mw: never, options: { step: "deserialize"; priority: "high"; name: string }) => void };
  config: { region: string | (() => Promise<string>) };
}

export interface CallRecord {
  service: ServiceKey;
  command: string;
  region: string;
  /** An EC2 request with `DryRun: true` (it changed nothing). */
  dryRun?: true;
}

/** What the SDK sees when the connection drops after the request was sent: a retryable network error. */
function lostAnswer(command: string): Error {
  const err = new Error(`socket hang up (injected: the answer to ${command} was lost)`);
  return Object.assign(err, { name: "TimeoutError", code: "ECONNRESET", $metadata: {} });
}

/** How many of the latest calls a sandbox remembers. */
export const CALLS_KEPT = 10_000;
/**
 * Calls recorded beyond CALLS_KEPT before the oldest are dropped, all at once: dropping one on every call moved the
 * whole list each time (~0.1 ms a call at 10,000, a third of a served read's answer, once a long-running server or a
 * workshop room had answered that many).
 */
const CALLS_SLACK = 1_000;

export class Sandbox {
  readonly store: WorldStore;
  readonly clock: Clock;
  speed: Speed;
  readonly faults: FaultPlan;
  private readonly handlers: HandlerTables;
  /** Every call recorded, up to CALLS_SLACK more than are kept. */
  private readonly recorded: CallRecord[] = [];

  constructor(options: SandboxOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.speed = options.speed ?? DEFAULT_SPEED;
    this.faults = options.faults ?? new FaultPlan();
    this.handlers = options.handlers ?? allHandlers;
  }

  /** Adds the sandbox to an SDK client; returns the same client. */
  attach<C extends SandboxableClient>(client: C): C {
    const middleware =
      (_next: unknown, context: { clientName?: string; commandName?: string }) =>
      async (args: { input: object }): Promise<{ output: MetadataBearer; response: object }> => {
        const service = SERVICE_OF_CLIENT[context.clientName ?? ""];
        if (!service) throw new Error(`The sandbox does not simulate ${context.clientName ?? "this client"}.`);
        const r = client.config.region;
        const region = typeof r === "function" ? await r() : r;
        const output = this.call(service, context.commandName ?? "", args.input, region);
        return { output: { ...output, $metadata: { httpStatusCode: 200 } }, response: {} };
      };
    client.middlewareStack.add(middleware as never, { step: "deserialize", priority: "high", name: "privatelinkLabSandbox" });
    return client;
  }

  /** The commands answered (or failed), in order, the last {@link CALLS_KEPT} of them: tests count AWS calls with it (a served room runs for hours). */
  get calls(): readonly CallRecord[] {
    return this.recorded.length > CALLS_KEPT ? this.recorded.slice(-CALLS_KEPT) : this.recorded;
  }

  private record(call: CallRecord): void {
    if (this.recorded.length >= CALLS_KEPT + CALLS_SLACK) this.recorded.splice(0, this.recorded.length - CALLS_KEPT);
    this.recorded.push(call);
  }

  /** Answers one command, as the middleware does; tests may call it directly. `caller`: who signed it (served). */
  call(service: ServiceKey, command: string, input: object, region: string, caller = SANDBOX_USER): object {
    if (isDryRun(service, input)) {
      this.record({ service, command, region, dryRun: true });
      throw dryRunError(command, this.faults, { region, accountId: this.store.transact((world) => world.accountId, true), caller });
    }
    this.record({ service, command, region });
    const fault = this.faults.take(command);
    if (fault?.before === "kill") process.kill(process.pid, "SIGKILL");
    if (fault && !fault.after) {
      throw awsError(service, fault.code, fault.message ?? `Injected fault: ${fault.code}`, fault.status);
    }
    const handle = this.handlers[service][command];
    if (!handle) {
      throw awsError(service, "InvalidAction", `The sandbox does not simulate ${command.replace(/Command$/, "")}.`, 400);
    }
    const now = this.clock.now();
    const speed = this.speed;
    const readOnly = READ_ONLY.test(command);
    const run = () => this.store.transact((world) => {
      const ctx: HandlerContext = {
        world,
        region,
        // A read never adds the region: it answers from an empty one.
        rw: readOnly ? (world.regions[region] ?? emptyRegion()) : regionOf(world, region),
        now,
        caller,
        speed,
        after: (seconds) => after(now, seconds, speed),
        fail: (code, message, status) => {
          throw awsError(service, code, message, status);
        },
      };
      const output = handle(ctx, input as never);
      // CloudFormation retries blocked deletes while they run: a blocker removed now frees them.
      if (!readOnly) retryBlockedDeletes(ctx);
      return readOnly ? pageOf(service, input, output, ctx.fail) : output;
    }, readOnly);
    let answer: object;
    try {
      answer = run();
    } catch (e) {
      // `after` faults hit a call that succeeds: one that failed (e.g. a token's mismatch) leaves it for the next.
      if (fault?.after) this.faults.giveBack(fault);
      throw e;
    }
    if (fault?.after === "kill") process.kill(process.pid, "SIGKILL");
    if (fault?.after === "lose") throw lostAnswer(command);
    return answer;
  }
}
