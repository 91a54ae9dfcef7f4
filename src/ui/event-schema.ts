/**
 * The `--json` events as JSON Schema: what each line of `--json` output is (one object with a
 * `time` and a `type`). Kept in the repo as `schemas/<type>.json`, made from these definitions
 * (test/unit/json-schema.test.ts checks the files are current and validates every `--json` output
 * of the commands against them). Only the tests import this file: it is not in the bundle.
 */
import * as z from "zod";

const base = { time: z.iso.datetime() };
const lang = z.enum(["ja", "en"]);
/** A printed command as data (src/shell/script.ts): a program and its arguments, and the shell it is rendered for. */
const arg = z.object({ value: z.string(), kind: z.optional(z.enum(["ref", "fill"])), quote: z.optional(z.enum(["'", '"'])), indent: z.optional(z.string()) }).strict();
const command = z
  .object({ program: z.string(), args: z.array(arg), capture: z.optional(z.string()), quietErrors: z.optional(z.boolean()), lead: z.optional(z.string()) })
  .strict();
const item = z.union([
  z.object({ kind: z.literal("blank") }).strict(),
  z.object({ kind: z.literal("comment"), text: z.string() }).strict(),
  z.object({ kind: z.literal("command"), command, commented: z.optional(z.boolean()) }).strict(),
  z.object({ kind: z.literal("until-empty"), command, sleep: z.number(), sleepLead: z.string() }).strict(),
]);
const commands = { commands: z.optional(z.array(z.array(item))), shell: z.optional(z.enum(["bash", "powershell", "cmd"])) };
const resource = z.object({ kind: z.string(), id: z.string(), name: z.optional(z.string()) }).strict();
const link = z
  .object({
    id: z.string(),
    status: z.enum(["pass", "fail", "warn", "skip"]),
    problem: z.optional(z.string()),
    name: z.string(),
    what: z.optional(z.string()),
    why: z.optional(z.string()),
    console: z.optional(z.string()),
    cli: z.optional(z.string()),
    ...commands,
  })
  .strict();
const cost = { perHourUsd: z.number(), region: z.string(), sinceUsd: z.optional(z.number()), hours: z.optional(z.number()), sandbox: z.boolean() };
/** A record of a table: named fields whose values are data (no drawn cell). */
const record = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]));

export const EVENT_SCHEMAS = {
  "lesson-started": z.object({ ...base, type: z.literal("lesson-started"), lesson: z.string(), backend: z.string(), region: z.string(), prefix: z.string(), lang, mode: z.string(), resumedAt: z.optional(z.string()) }).strict(),
  notice: z.object({ ...base, type: z.literal("notice"), level: z.enum(["info", "warn", "success"]), message: z.string() }).strict(),
  "step-started": z.object({ ...base, type: z.literal("step-started"), step: z.string(), index: z.number().int(), total: z.number().int(), title: z.string() }).strict(),
  explain: z.object({ ...base, type: z.literal("explain"), step: z.string(), section: z.enum(["concept", "console", "cli", "done", "note", "hint"]), markdown: z.string(), ...commands }).strict(),
  diagram: z
    .object({
      ...base,
      type: z.literal("diagram"),
      step: z.string(),
      parts: z.array(z.object({ id: z.string(), side: z.enum(["consumer", "provider"]), step: z.string(), state: z.enum(["built", "now", "not-yet", "deleted"]) }).strict()),
      linked: z.boolean(),
      cleanedUp: z.boolean(),
    })
    .strict(),
  progress: z.object({ ...base, type: z.literal("progress"), step: z.string(), message: z.string() }).strict(),
  "resource-created": z.object({ ...base, type: z.literal("resource-created"), step: z.string(), kind: z.string(), id: z.string() }).strict(),
  "step-finished": z.object({ ...base, type: z.literal("step-finished"), step: z.string(), status: z.enum(["done", "already-done", "skipped"]) }).strict(),
  cost: z.object({ ...base, type: z.literal("cost"), ...cost }).strict(),
  "curl-result": z
    .object({
      ...base,
      type: z.literal("curl-result"),
      step: z.string(),
      dnsName: z.string(),
      exitCode: z.number().int(),
      stdout: z.string().refine((s) => !s.includes("PRIVATELINK_LAB_HTTP_STATUS"), "no internal marker"),
      stderr: z.string(),
      ok: z.boolean(),
      httpStatus: z.optional(z.number().int()),
      reason: z.optional(z.string()),
    })
    .strict(),
  "quiz-answer": z.object({ ...base, type: z.literal("quiz-answer"), step: z.string(), id: z.string(), right: z.boolean(), answer: z.string(), explanation: z.string() }).strict(),
  "quiz-result": z.object({ ...base, type: z.literal("quiz-result"), answered: z.boolean(), score: z.optional(z.number().int()), total: z.number().int() }).strict(),
  table: z.object({ ...base, type: z.literal("table"), name: z.string(), items: z.array(record) }).strict(),
  status: z
    .object({
      ...base,
      type: z.literal("status"),
      lesson: z.string(),
      steps: z.array(z.object({ id: z.string(), index: z.number().int(), title: z.string(), done: z.boolean(), current: z.boolean(), reason: z.string(), text: z.string() }).strict()),
      resources: z.array(resource),
      cost: z.optional(z.object(cost).strict()),
      next: z.optional(z.object({ step: z.string(), title: z.string(), command: z.string(), text: z.string() }).strict()),
      finished: z.optional(z.object({ score: z.optional(z.number()), total: z.optional(z.number()), text: z.string() }).strict()),
    })
    .strict(),
  checks: z
    .object({
      ...base,
      type: z.literal("checks"),
      checks: z.array(z.object({ id: z.string(), group: z.string(), status: z.enum(["ok", "warn", "fail"]), key: z.string(), text: z.string(), fix: z.optional(z.string()) }).strict()),
    })
    .strict(),
  facts: z.object({ ...base, type: z.literal("facts"), facts: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() }).strict()) }).strict(),
  endpoints: z
    .object({
      ...base,
      type: z.literal("endpoints"),
      endpoints: z.array(
        z.object({ side: z.enum(["Consumer", "Provider"]), id: z.string(), type: z.string(), service: z.string(), enis: z.array(z.string()), routeTables: z.array(z.string()) }).strict(),
      ),
    })
    .strict(),
  resources: z.object({ ...base, type: z.literal("resources"), action: z.enum(["exists", "delete"]), resources: z.array(resource) }).strict(),
  error: z.object({ ...base, type: z.literal("error"), key: z.string(), message: z.string(), hint: z.optional(z.string()) }).strict(),
  "lesson-finished": z.object({ ...base, type: z.literal("lesson-finished"), cleanedUp: z.boolean() }).strict(),
  diagnosis: z.object({ ...base, type: z.literal("diagnosis"), title: z.string(), ok: z.boolean(), links: z.array(link), first: z.optional(link) }).strict(),
  challenge: z
    .object({ ...base, type: z.literal("challenge"), id: z.string(), title: z.string(), status: z.enum(["started", "broken", "fixed", "given-up", "hint"]), message: z.string(), ...commands })
    .strict(),
  interrupted: z.object({ ...base, type: z.literal("interrupted"), signal: z.string(), message: z.string() }).strict(),
  /** `workshop status --json`, and the facilitator's live page's data.json (src/workshop/room-data.ts). */
  "workshop-status": z
    .object({
      ...base,
      type: z.literal("workshop-status"),
      at: z.iso.datetime(),
      region: z.string(),
      backend: z.enum(["aws", "sandbox"]),
      totals: z.object({ participants: z.number().int(), finished: z.number().int(), flagged: z.number().int(), perHourUsd: z.number(), costSoFarUsd: z.number() }).strict(),
      participants: z.array(
        z
          .object({
            prefix: z.string(),
            step: z.string(),
            stepIndex: z.number().int(),
            finished: z.boolean(),
            state: z.string(),
            onStepMinutes: z.optional(z.number()),
            observed: z.optional(z.boolean()),
            signals: z.array(
              z.union([
                z.object({ kind: z.literal("slow"), minutes: z.number(), usual: z.number() }).strict(),
                z.object({ kind: z.literal("stack-failed"), stack: z.string(), status: z.string(), reason: z.optional(z.string()) }).strict(),
                z.object({ kind: z.literal("endpoint-rejected"), id: z.string(), state: z.string() }).strict(),
              ]),
            ),
            perHourUsd: z.number(),
            costSoFarUsd: z.number(),
            challenge: z.optional(z.object({ id: z.string(), state: z.enum(["broken", "fixed", "given-up"]) }).strict()),
          })
          .strict(),
      ),
    })
    .strict(),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;

/** One `--json` line checked against its type's schema: the problems, or none. */
export function eventProblems(line: string): string[] {
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
export function jsonSchemaOf(type: EventType): unknown {
  return { $id: `https://github.com/privatelink-lab/privatelink-lab/schemas/${type}.json`, title: `privatelink-lab --json event "${type}"`, ...z.toJSONSchema(EVENT_SCHEMAS[type], { unrepresentable: "any" }) };
}
