/**
 * `--json` gives data, not rendered rows: `status` is one event with each step (id, done, reason
 * key and text), each resource (kind, id, name), the cost and the next action; no command's JSON
 * stream carries a `table` of pre-rendered cells.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { destroy } from "../../src/commands/destroy.js";
import { doctor } from "../../src/commands/doctor.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

type JsonEvent = { type: string } & Record<string, unknown>;

/** Runs a command with the real JSON host writing to a captured stdout; returns its events. */
async function json(h: Harness, run: (h: Harness) => Promise<void>): Promise<JsonEvent[]> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  const env = { ...h.env, stdout: out as unknown as NodeJS.WriteStream };
  delete env.makeHost;
  await run({ ...h, env, opts: { ...h.opts, json: true } });
  return text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as JsonEvent);
}

describe("--json is data", () => {
  it("status: steps with id, done, reason and text; resources; cost; next action", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) await stepCommand(id, h.opts, h.env);
    const events = await json(h, (x) => status(x.opts, x.env));
    expect(events.filter((e) => e.type === "table")).toEqual([]);
    const report = events.find((e) => e.type === "status") as unknown as {
      steps: { id: string; done: boolean; current: boolean; reason: string; text: string }[];
      resources: { kind: string; id: string; name?: string }[];
      cost: { perHourUsd: number; region: string; sandbox: boolean };
      next: { step: string; command: string; text: string };
    };
    expect(report.steps.map((s) => s.id)).toEqual(STEPS.map((s) => s.id));
    expect(report.steps.filter((s) => s.done).map((s) => s.id)).toEqual(["preflight", "deploy", "tour", "endpoint-service"]);
    const current = report.steps.find((s) => s.current)!;
    expect(current).toMatchObject({ id: "interface-endpoint", done: false, reason: "detect.endpoint.todo" });
    expect(current.text).not.toBe("");
    expect(report.resources).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "endpoint-service", id: expect.stringMatching(/^vpce-svc-/) }), expect.objectContaining({ kind: "stack", name: "alice-consumer" })]),
    );
    expect(report.cost).toMatchObject({ region: "ap-northeast-1", sandbox: true });
    expect(report.cost.perHourUsd).toBeGreaterThan(0);
    expect(report.next).toMatchObject({ step: "interface-endpoint", command: "npx privatelink-lab" });
  });

  it("the whole lesson, destroy --dry-run and doctor stream no pre-rendered tables", async () => {
    const h = harness();
    const lesson = await json(h, (x) => start(x.opts, x.env));
    expect(lesson.map((e) => e.type)).toEqual(expect.arrayContaining(["facts", "endpoints", "resources", "quiz-answer"]));
    const h2 = harness();
    for (const id of ["preflight", "deploy"]) await stepCommand(id, h2.opts, h2.env);
    const plan = await json(h2, (x) => destroy({ ...x.opts, dryRun: true }, x.env));
    expect(plan.find((e) => e.type === "resources")).toMatchObject({ action: "delete", resources: [{ kind: "stack" }, { kind: "stack" }] });
    const checks = await json(harness(), (x) => doctor(x.opts, x.env));
    expect(checks.find((e) => e.type === "checks")).toBeDefined();
    for (const e of [...lesson, ...plan, ...checks]) expect(e.type, JSON.stringify(e).slice(0, 120)).not.toBe("table");
  });

  it("workshop plan: each quota as named fields, not cells", async () => {
    const events = await json(harness(), (x) => workshopPlan({ ...x.opts, participants: "20", hours: "3" }, x.env));
    const tables = events.filter((e) => e.type === "table");
    expect(tables.length).toBeGreaterThan(0);
    for (const tbl of tables) expect(tbl.rows, "rendered cells").toBeUndefined();
    const quotas = tables.find((e) => e.name === "quotas")?.items as { code: string; limit: number; used: number; needed: number; ok: boolean }[];
    expect(quotas.find((q) => q.code === "L-F678F1CE")).toMatchObject({ ok: expect.any(Boolean), needed: expect.any(Number) });
  });
});
