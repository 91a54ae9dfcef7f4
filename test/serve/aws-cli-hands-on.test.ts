/**
 * Hands-on in the sandbox with the learner's own hands: the lesson serves the account, says what
 * to paste into a second terminal, and the real AWS CLI (the machine's `aws`, v1 ≥ 1.29) runs
 * every command the lesson prints — taken from its explain events as `--json` writes them,
 * verbatim, through `bash -c`, with nothing but the pasted variables in the environment. Then
 * "I did it myself — verify" finds each step done, and the tool itself made nothing.
 */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import type { Choice, LabEvent } from "../../src/ui/io-host.js";
import { awsExecutable, exportsOf, learnerShellEnv, runScript, shellBlocks, type CliRun } from "../helpers/aws-cli.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

type Served = Extract<LabEvent, { type: "served" }>;

/** A learner at a terminal: unfolds each step's reference, types its `aws` commands in a second terminal, then verifies. */
class CliLearner extends RecordingHost {
  served: Served | undefined;
  readonly runs: (CliRun & { step: string })[] = [];
  private step = "";
  private pending: { step: string; markdown: string } | undefined;
  private readonly verified = new Set<string>();

  constructor(private readonly aws: string) {
    super("en", true);
  }

  override notify(event: LabEvent): void {
    super.notify(event);
    // What `--json` would write: the event as data.
    const data = JSON.parse(JSON.stringify(event)) as LabEvent;
    if (data.type === "served") this.served = data;
    if (data.type === "step-started") this.step = data.step;
    if (data.type === "explain" && data.section === "cli") this.pending = { step: data.step, markdown: data.markdown };
  }

  private async typeCommands(): Promise<void> {
    const p = this.pending;
    if (!p || p.step !== this.step) return;
    this.pending = undefined;
    if (!this.served) throw new Error("the lesson never said what to paste into a second terminal");
    const vars = exportsOf(this.served.lines);
    const env = learnerShellEnv(this.aws, {
      url: vars.AWS_ENDPOINT_URL!,
      accessKeyId: vars.AWS_ACCESS_KEY_ID!,
      secretAccessKey: vars.AWS_SECRET_ACCESS_KEY!,
      region: vars.AWS_DEFAULT_REGION!,
    });
    for (const script of shellBlocks(p.markdown)) this.runs.push({ step: p.step, ...(await runScript(script, env)) });
  }

  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    const values = choices.map((c) => c.value as unknown);
    const pick = (v: string) => choices.find((c) => c.value === (v as unknown))!.value;
    if (values.includes("show")) return pick("show");
    if (values.includes("verify")) {
      if (this.verified.has(this.step)) throw new Error(`verify did not see the commands of ${this.step} done:\n${JSON.stringify(this.runs.filter((r) => r.step === this.step), null, 2)}`);
      this.verified.add(this.step);
      await this.typeCommands();
      return pick("verify");
    }
    if (values.includes("go")) {
      await this.typeCommands(); // read-only steps: their commands only look
      return pick("go");
    }
    return super.select(message, choices, defaultValue);
  }
}

/** Errors the served sandbox must never give the CLI: the request did not reach a handler as AWS would answer it. */
const SERVER_FAULT = /Could not connect|InvalidAction|UnknownOperation|SignatureDoesNotMatch|InvalidClientTokenId|IncompleteSignature|InternalFailure|Unable to parse|Traceback/;

describe("the real AWS CLI in hands-on mode, against the sandbox the lesson serves", () => {
  it("every aws command the lesson prints runs as printed, and verify finds each step done", async () => {
    const aws = awsExecutable();
    const learner = new CliLearner(aws);
    const h = harness({ host: learner, opts: { prefix: "cli", mode: "hands-on", yes: false } });
    await start(h.opts, h.env);

    expect(learner.served?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(learner.ofType("served")).toHaveLength(1); // said once
    // Every step the learner does by hand, done by their commands and seen by verify.
    const done = learner.ofType("step-finished").filter((e) => e.status === "done").map((e) => e.step);
    for (const s of ["deploy", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "cleanup"]) expect(done, s).toContain(s);
    expect(learner.ofType("resource-created"), "the tool made nothing itself").toEqual([]);

    const steps = [...new Set(learner.runs.map((r) => r.step))];
    expect(steps).toEqual(["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review", "cleanup"]);
    for (const r of learner.runs) {
      expect(r.stderr, `${r.step}: ${r.script}`).not.toMatch(SERVER_FAULT);
      // The cleanup's last two commands prove things are gone: they fail with "not found".
      if (r.step !== "cleanup") expect(r.code, `${r.step} exited ${r.code}:\n${r.stderr}`).toBe(0);
    }
    const cleanup = learner.runs.find((r) => r.step === "cleanup")!;
    expect(cleanup.stderr).toMatch(/LoadBalancerNotFound/);
    // The curl came back through get-command-invocation: the Provider's page.
    const curl = learner.runs.find((r) => r.step === "curl")!;
    expect(curl.stdout).toMatch(/^Success\s/m);
  }, 600_000);
});
