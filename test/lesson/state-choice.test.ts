/**
 * Which participant a command acts for, when the progress files say little or nonsense:
 * a hand-edited `last-participant` is checked like `--prefix` (and ignored, said so, when it names
 * nobody), and a command that only reads never makes a progress file for a participant that has none.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { destroy } from "../../src/commands/destroy.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { doctor } from "../../src/commands/doctor.js";
import type { GlobalOptions } from "../../src/commands/options.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { EXIT, LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { defaultPrefix } from "../../src/participant.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const fresh = defaultPrefix(userInfo().username);

function withoutPrefix(opts: GlobalOptions): GlobalOptions {
  const { prefix: _, ...rest } = opts;
  return rest;
}

function participantFiles(h: Harness): string[] {
  const dir = join(h.stateDir, "participants");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

async function failure(run: Promise<unknown>): Promise<LabError> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

function warnings(h: Harness): string[] {
  return h.host.ofType("notice").filter((n) => n.level === "warn").map((n) => n.message);
}

describe("a hand-edited last-participant", () => {
  for (const [what, text, escaped] of [
    ["a valid prefix with no progress file", "garbage\n", "garbage"],
    ["not a prefix", "Not A Prefix!\n", "Not A Prefix!"],
    ["control characters", "gar\u001b[31mbage\r\nmore\n", "gar\\x1b[31mbage\\r\\nmore"],
  ] as const) {
    it(`holding ${what} is not used: it is said, escaped, and the command goes on as for a fresh user`, async () => {
      const h = harness();
      await step("preflight", h.opts, h.env);
      const alicePath = join(h.stateDir, "participants", "alice.json");
      const alice = readFileSync(alicePath, "utf8");
      writeFileSync(join(h.stateDir, "last-participant"), text);

      const err = await failure(status(withoutPrefix(h.opts), h.env));
      // A fresh user has no lesson yet: status says so and lists the one there is.
      expect(err.key).toBe("stateFixes.usage.noLesson");
      expect(err.vars.prefix).toBe(fresh);
      expect(String(err.vars.prefixes)).toContain("alice");
      expect(h.host.ofType("lesson-started")).toEqual([]);
      const said = warnings(h).join("\n");
      expect(said).toContain(escaped);
      expect(said).toContain("--prefix");
      expect(said).not.toMatch(/[\u0000-\u001f]/);
      // Nobody's progress was made or lost.
      expect(participantFiles(h).filter((n) => n.endsWith(".json"))).toEqual(["alice.json"]);
      expect(readFileSync(alicePath, "utf8")).toBe(alice);

      // A command that writes goes on as a fresh user would: with the default prefix.
      await step("preflight", withoutPrefix(h.opts), h.env);
      expect(participantFiles(h).filter((n) => n.endsWith(".json"))).toEqual(["alice.json", `${fresh}.json`]);
      expect(readFileSync(join(h.stateDir, "last-participant"), "utf8").trim()).toBe(fresh);
      expect(readFileSync(alicePath, "utf8")).toBe(alice);
    });
  }

  it("says so in Japanese too", async () => {
    const h = harness();
    h.env.env = { LANG: "ja_JP.UTF-8" };
    writeFileSync(join(h.stateDir, "last-participant"), "garbage\n");
    await step("preflight", withoutPrefix(h.opts), h.env);
    const said = warnings(h).join("\n");
    expect(said).toContain("garbage");
    expect(said).toMatch(/[\u3040-\u30ff]/);
  });
});

describe("a command that only reads, for a prefix with no lesson", () => {
  const commands: [string, (o: GlobalOptions, h: Harness) => Promise<unknown>][] = [
    ["status", (o, h) => status(o, h.env)],
    ["diagnose", (o, h) => diagnose(o, h.env)],
    ["destroy (nothing to destroy)", (o, h) => destroy(o, h.env)],
    ["challenge check", (o, h) => challenge("check", undefined, o, h.env)],
    ["challenge list", (o, h) => challenge("list", undefined, o, h.env)],
  ];
  for (const [name, run] of commands) {
    it(`${name} says there is none, lists those there are, and creates nothing`, async () => {
      const h = harness();
      // (On a computer with no lesson at all, `challenge list` shows the catalogue: below.)
      if (name !== "challenge list") expect((await failure(run({ ...h.opts, prefix: "nobody" }, h))).exitCode).toBe(EXIT.usage);
      expect(existsSync(join(h.stateDir, "participants"))).toBe(false);

      await step("preflight", h.opts, h.env);
      const before = participantFiles(h);
      const err = await failure(run({ ...h.opts, prefix: "nobody" }, h));
      expect(err).toMatchObject({ key: "stateFixes.usage.noLesson", exitCode: EXIT.usage, vars: { prefix: "nobody" } });
      for (const lang of ["en", "ja"] as const) {
        const r = reportError(err, translator(lang));
        expect(r.message).toContain("nobody");
        expect(r.hint).toContain("alice");
        expect(r.exitCode).toBe(EXIT.usage);
      }
      expect(participantFiles(h)).toEqual(before);
      expect(existsSync(join(h.stateDir, "participants", "nobody.json"))).toBe(false);
    });
  }

  it("challenge list on a computer with no lesson at all shows the catalogue, each waiting for a finished lesson, and saves nothing", async () => {
    for (const lang of ["en", "ja"] as const) {
      const h = harness({ opts: { lang } });
      await challenge("list", undefined, { ...h.opts, prefix: "nobody" }, h.env);
      const table = h.host.events.find((e) => e.type === "table");
      const items = (table?.type === "table" ? table.data?.items : []) as { id: string; state: string; title: string }[];
      expect(items.map((i) => i.id)).toContain("silent-door");
      expect(new Set(items.map((i) => i.state))).toEqual(new Set(["needs-lesson"]));
      const rows = table?.type === "table" ? table.rows.map((r) => r.join(" ")) : [];
      expect(rows.every((r) => r.includes(lang === "en" ? "(needs a finished lesson)" : "（レッスンの完了が必要）")), rows.join("\n")).toBe(true);
      expect(existsSync(join(h.stateDir, "participants"))).toBe(false);
    }
  });

  it("doctor, which checks before a lesson, runs for them but saves nothing", async () => {
    const h = harness();
    await doctor({ ...h.opts, prefix: "nobody" }, h.env);
    expect(h.host.ofType("checks").length).toBe(1);
    expect(existsSync(join(h.stateDir, "participants"))).toBe(false);
  });

  it("a lesson whose progress file was lost is still theirs: the cloud shows it", async () => {
    const h = harness();
    for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
    rmSync(join(h.stateDir, "participants"), { recursive: true });
    await status(h.opts, h.env);
    expect(h.host.ofType("status").at(-1)!.steps.find((st) => st.id === "deploy")?.done).toBe(true);
    expect(existsSync(join(h.stateDir, "participants", "alice.json"))).toBe(true);
  });
});
