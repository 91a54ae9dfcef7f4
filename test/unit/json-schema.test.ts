/**
 * Every `--json` output is data that a JSON Schema kept in the repo (`schemas/<type>.json`)
 * describes: the files are current with src/ui/event-schema.ts, and every event of the lesson,
 * status, challenge list, workshop challenge, diagnose, workshop status and plan, and doctor
 * validates against its type's schema. `UPDATE_SCHEMAS=1` writes the files.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { doctor } from "../../src/commands/doctor.js";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { workshopChallenge } from "../../src/commands/workshop/challenge.js";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import * as z from "zod";
import { EVENT_SCHEMAS, type EventType } from "../../src/ui/event-schema.js";
import { JsonHost } from "../../src/ui/json-host.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** One `--json` line checked against its type's schema: the problems, or none. */
function eventProblems(line: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [`not JSON: ${line.slice(0, 80)}`];
  }
  const type = (value as { type?: unknown }).type;
  const schema = typeof type === "string" ? EVENT_SCHEMAS[type as EventType] : undefined;
  if (!schema) return [`unknown event type ${String(type)}`];
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${String(type)} ${i.path.join(".")}: ${i.message}`);
}

/** The JSON Schema document of one event type (what `schemas/<type>.json` holds). */
function jsonSchemaOf(type: EventType): unknown {
  return { $id: `https://github.com/privatelink-lab/privatelink-lab/schemas/${type}.json`, title: `privatelink-lab --json event "${type}"`, ...z.toJSONSchema(EVENT_SCHEMAS[type], { unrepresentable: "any" }) };
}

describe("the JSON Schemas in schemas/", () => {
  it.each(Object.keys(EVENT_SCHEMAS) as EventType[])("%s.json is current", (type) => {
    const path = join("schemas", `${type}.json`);
    const text = JSON.stringify(jsonSchemaOf(type), null, 2) + "\n";
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(path, text);
    expect(existsSync(path), `${path} (run with UPDATE_SCHEMAS=1)`).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});

describe("every --json output validates against the schemas", () => {
  const lines: string[] = [];
  const make = () => {
    const json = new JsonHost("en", { write: (s: string) => lines.push(...s.split("\n").filter(Boolean)) > 0 });
    const h = harness({ host: new RecordingHost("en", false) });
    h.env.makeHost = () => json;
    return h;
  };

  it("lesson, status, challenge list, diagnose, doctor, workshop plan / status / challenge", async () => {
    const h = make();
    const opts = { ...h.opts, json: true };
    await doctor(opts, h.env);
    await workshopPlan({ ...opts, participants: "3" }, h.env);
    await start({ ...opts, keep: true } as typeof opts, h.env);
    await status(opts, h.env);
    await diagnose(opts, h.env).catch(() => undefined);
    await challenge("list", undefined, opts, h.env);
    await workshopRehearse({ ...opts, participants: "2", prefixBase: "team" }, h.env);
    await workshopChallenge("silent-door", { ...opts, all: true }, h.env);
    await workshopStatus({ ...opts, once: true }, h.env);
    // workshop status --json writes its one line to stdout itself (the live page serves the same data).
    h.env.stdout = { write: (s: string) => lines.push(...s.split("\n").filter(Boolean)) > 0 } as unknown as NodeJS.WriteStream;
    await workshopStatus(opts, h.env);
    const types = new Set(lines.map((l) => (JSON.parse(l) as { type: string }).type));
    for (const t of ["lesson-started", "explain", "diagram", "curl-result", "quiz-result", "status", "checks", "facts", "table", "workshop-status"]) expect(types, t).toContain(t);
    expect(lines.flatMap(eventProblems)).toEqual([]);
  }, 120_000);
});
