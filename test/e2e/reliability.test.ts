/**
 * A CI-sized part of `npm run reliability` (scripts/reliability.mjs), each case asserted: the built
 * CLI killed mid-step and run again, bad inputs, two processes on one participant, a dead
 * process's lock, an injected fault.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM scripts of the harness, shared with `npm run reliability`
import { killPoints, runKillPoint } from "../../scripts/reliability/kill-points.mjs";
// @ts-expect-error -- idem
import { BAD_INPUTS, ENVIRONMENT_CASES, runBadInput } from "../../scripts/reliability/bad-inputs.mjs";
// @ts-expect-error -- idem
import { deadOwner, samePair } from "../../scripts/reliability/concurrency.mjs";
// @ts-expect-error -- idem
import { FAULTS, runFaults } from "../../scripts/reliability/faults.mjs";
// @ts-expect-error -- idem
import { freshHome, pool, runCli } from "../../scripts/reliability/run.mjs";

interface Point { phase: string; signal: string; dropProgress: boolean; trigger: { name: string } }
interface KillResult { finished: boolean; duplicates: string[]; leftovers: string[]; hung: boolean; notes: string[]; killed: boolean }
interface Case { name: string }
interface BadResult { name: string; code: number; message: string; exit: boolean; clear: boolean; nothingWritten?: boolean; internal: boolean; ok: boolean }

const POINTS = killPoints() as Point[];
const pick = (name: string, signal: string, drop = false) => POINTS.findIndex((p) => p.trigger.name === name && p.signal === signal && p.dropProgress === drop);

describe("killed and run again (built CLI, sandbox)", () => {
  const chosen = [pick("deploy: inside", "SIGKILL"), pick("interface-endpoint: as it starts", "SIGINT"), pick("accept: inside", "SIGKILL", true)];
  for (const i of chosen) {
    it.concurrent(`${POINTS[i]!.trigger.name} · ${POINTS[i]!.signal}${POINTS[i]!.dropProgress ? " · progress file deleted" : ""}: finishes, nothing twice, nothing left`, async () => {
      const r = (await runKillPoint(POINTS[i], i)) as KillResult;
      expect(r.killed).toBe(true);
      expect(r.notes).toEqual([]);
      expect(r.finished).toBe(true);
      expect(r.duplicates).toEqual([]);
      expect(r.leftovers).toEqual([]);
      expect(r.hung).toBe(false);
    }, 120_000);
  }
});

describe("signals", () => {
  it.concurrent("SIGTERM stops like Ctrl-C: exit 143, how to continue, and an interrupted event with --json", async () => {
    const me = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: "0.005" });
    const r = (await runCli(me, ["--sandbox", "--yes", "--json", "--prefix", "term-x"], {
      killWhen: (ev: { type: string; step?: string }) => (ev.type === "step-started" && ev.step === "deploy" ? "SIGTERM" : undefined),
    })) as { code: number; stderr: string; events: { type: string; signal?: string }[] };
    expect(r.code).toBe(143);
    expect(r.events.at(-1)).toMatchObject({ type: "interrupted", signal: "SIGTERM" });
    expect(r.stderr).toContain("npx privatelink-lab");
  }, 120_000);
});

describe("bad inputs", () => {
  const names = ['--region ""', '--region "xx-foo-9"', '--region "__proto__"', '--prefix "Bad_Prefix"', '--lang "xx"', '--sandbox-speed "fast"', '--endpoint-url "not a url"', 'FAULTS=[{"command":"CreateVpcEndpoint","code":"Unavailable","times":-1}]', 'FAULTS=[{"command":"Nope","code":"X"}]', "--sandbox --profile", "unknown command"];
  it("are refused with exit 2, a clear message, no internal error and nothing written", async () => {
    const cases = (BAD_INPUTS as Case[]).filter((c) => names.includes(c.name));
    expect(cases.length).toBe(names.length);
    const results = (await pool(cases, 3, runBadInput)) as BadResult[];
    for (const r of results) {
      expect({ name: r.name, exit: r.code, internal: r.internal, written: !r.nothingWritten }).toEqual({ name: r.name, exit: 2, internal: false, written: false });
      expect(r.clear, `${r.name}: ${r.message}`).toBe(true);
    }
  }, 120_000);

  it("file problems on this computer exit 4 and say so, never 'AWS refused'", async () => {
    const cases = (ENVIRONMENT_CASES as (Case & { exit: number; needsNonRoot?: boolean })[]).filter((c) => c.exit === 4 && !c.needsNonRoot);
    const results = (await pool(cases, 3, runBadInput)) as BadResult[];
    for (const r of results) expect({ name: r.name, code: r.code, ok: r.ok }).toEqual({ name: r.name, code: 4, ok: true });
  }, 120_000);
});

describe("more than one process", () => {
  it.concurrent("a second process on the same participant refuses (exit 6), naming the first; nothing is made twice", async () => {
    const r = (await samePair(0)) as { ok: boolean; detail: string };
    expect(r.detail).toContain("refusal names the first");
    expect(r.ok, r.detail).toBe(true);
  }, 120_000);

  it.concurrent("the lock of a killed process is taken over at once, saying so", async () => {
    const r = (await deadOwner()) as { ok: boolean; detail: string };
    expect(r.ok, r.detail).toBe(true);
  }, 120_000);

  it.concurrent("an injected burst of 503s and throttling is survived with nothing made twice", async () => {
    const r = (await runFaults(FAULTS[FAULTS.length - 1], 99)) as { ok: boolean; detail: string };
    expect(r.ok, r.detail).toBe(true);
  }, 120_000);
});
