/**
 * What each line of `--json` output is, as zod schemas: the events' TypeScript types and `schemas/<type>.json` are made
 * from them (test/unit/json-schema.test.ts). Only types are imported from here at run time: zod is not in the bundle.
 */
import * as z from "zod";

/** One event type's schema: its `time`, its `type`, its own fields, and nothing else. */
function event<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ time: z.iso.datetime(), type: z.literal(type), ...shape }).strict();
}

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
/** The commands in the text, as programs and arguments (see src/shell/), and the shell they are rendered for. */
const commands = { commands: z.optional(z.array(z.array(item))), shell: z.optional(z.enum(["bash", "powershell", "cmd"])) };
/** A cloud resource the lesson made or found (`deleting`: AWS is deleting it; it no longer costs by the hour). */
const resource = z.object({ kind: z.string(), id: z.string(), name: z.optional(z.string()), deleting: z.optional(z.literal(true)) }).strict();
/** One link of the PrivateLink path as `diagnose` shows it (see src/diagnose/). */
const link = z
  .object({
    /** The link's kind: `consumer-instance`, `endpoint`, `nlb-listener`, … */
    id: z.string(),
    /** `wait`: AWS is still starting it (nothing to fix: look again in a while). */
    status: z.enum(["pass", "fail", "warn", "skip", "wait"]),
    ok: z.boolean(),
    /** The resources the link is about, by role (`instanceId`, `endpointId`, `sgIds`, `nlbArn`, `listenerArn`, …). */
    resources: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** The port the link is judged for, and the state of its resource, when it has them. */
    port: z.optional(z.number().int()),
    state: z.optional(z.string()),
    /** What else the walk saw: addresses, zones, listener ports, targets' health, … */
    details: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.object({ id: z.string(), state: z.string(), reason: z.optional(z.string()) }).strict())]))),
    problem: z.optional(z.string()),
    /** The link in words, with its values: for a person. */
    name: z.string(),
    what: z.optional(z.string()),
    why: z.optional(z.string()),
    console: z.optional(z.string()),
    cli: z.optional(z.string()),
    ...commands,
  })
  .strict();
/** `of`: `existing`, what is in the cloud now (read by the command; 0 when nothing billed is left); `lesson`, the whole lesson once built (an estimate before it is). */
const cost = { of: z.enum(["existing", "lesson"]), perHourUsd: z.number(), region: z.string(), sinceUsd: z.optional(z.number()), hours: z.optional(z.number()), sandbox: z.boolean() };
/** One step as `status` reports it: data for scripts, rendered as a row on a terminal. */
const stepReport = z
  .object({
    id: z.string(),
    index: z.number().int(),
    title: z.string(),
    done: z.boolean(),
    current: z.boolean(),
    /** Message key saying why (`detect.*`; `status.curlBeforeChallenge`: curl worked, then a challenge broke the path), and its text in the learner's language. */
    reason: z.string(),
    text: z.string(),
  })
  .strict();
/** A preflight check as data: its stable id, group, status, message key and the sentence. */
const check = z.object({ id: z.string(), group: z.string(), status: z.enum(["ok", "warn", "fail"]), key: z.string(), text: z.string(), fix: z.optional(z.string()) }).strict();
/**
 * What the preflight step and `doctor` state, as data (a terminal shows each as a labelled row,
 * src/ui/render-data.ts). `null`: could not be read.
 */
const facts = z
  .object({
    accountId: z.optional(z.nullable(z.string())),
    /** The account is the sandbox's (nothing is billed). */
    sandboxAccount: z.optional(z.boolean()),
    /** The caller's ARN. */
    identity: z.optional(z.nullable(z.string())),
    region: z.optional(z.string()),
    az: z.optional(z.nullable(z.string())),
    instanceType: z.optional(z.string()),
    ami: z.optional(z.nullable(z.string())),
    /** What the lesson creates, by kind. */
    creates: z.optional(z.record(z.string(), z.number().int())),
    /** The whole lesson's cost per hour once built in `costRegion` (USD, on-demand), with prices of `pricesOf` (year-month). */
    costPerHourUsd: z.optional(z.number()),
    costRegion: z.optional(z.string()),
    pricesOf: z.optional(z.string()),
    /** The region whose prices were used: us-east-1's when `costRegion`'s are not in the table. */
    pricesRegion: z.optional(z.string()),
    /** How many more learners the region's quotas leave room for. */
    room: z.optional(z.object({ moreLearners: z.number().int() }).strict()),
  })
  .strict();
/** A VPC endpoint the tour shows: where it is, its type, and what it puts in the VPC. */
const endpoint = z.object({ side: z.enum(["Consumer", "Provider"]), id: z.string(), type: z.string(), service: z.string(), enis: z.array(z.string()), routeTables: z.array(z.string()) }).strict();
/** A record of a table: named fields whose values are data (no drawn cell). */
const record = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]));
/** Why a facilitator should look at a learner (src/workshop/participant-progress.ts). */
const signal = z.union([
  z.object({ kind: z.literal("slow"), minutes: z.number(), usual: z.number() }).strict(),
  z.object({ kind: z.literal("stack-failed"), stack: z.string(), status: z.string(), reason: z.optional(z.string()) }).strict(),
  z.object({ kind: z.literal("endpoint-rejected"), id: z.string(), state: z.string() }).strict(),
]);

export type ResourceRef = z.infer<typeof resource>;
export type CostReport = z.infer<z.ZodObject<typeof cost>>;
export type CheckReport = z.infer<typeof check>;
export type Facts = z.infer<typeof facts>;
export type EndpointReport = z.infer<typeof endpoint>;
export type DiagnosisLink = z.infer<typeof link>;
export type Signal = z.infer<typeof signal>;

export const EVENT_SCHEMAS = {
  /** `realConsole`: false where the real AWS Management Console cannot see the account (the sandbox, a workshop room, an emulator). */
  "lesson-started": event("lesson-started", { lesson: z.string(), backend: z.string(), region: z.string(), prefix: z.string(), lang, mode: z.string(), realConsole: z.optional(z.boolean()), resumedAt: z.optional(z.string()) }),
  notice: event("notice", { level: z.enum(["info", "warn", "success"]), message: z.string() }),
  "step-started": event("step-started", { step: z.string(), index: z.number().int(), total: z.number().int(), title: z.string() }),
  explain: event("explain", { step: z.string(), section: z.enum(["concept", "console", "cli", "done", "note", "hint"]), markdown: z.string(), ...commands }),
  /** The two VPCs as data (each part and its state); a terminal draws the boxes (src/ui/diagram.ts). */
  diagram: event("diagram", {
    step: z.string(),
    parts: z.array(
      z
        .object({
          /** Stable id of the part (`consumer-instance`, `interface-endpoint`, …). */
          id: z.string(),
          side: z.enum(["consumer", "provider"]),
          /** The lesson step that makes it. */
          step: z.string(),
          state: z.enum(["built", "now", "not-yet", "deleted"]),
        })
        .strict(),
    ),
    /** The connection is accepted: the PrivateLink line is drawn solid. */
    linked: z.boolean(),
    /** The cleanup has deleted everything. */
    cleanedUp: z.boolean(),
  }),
  progress: event("progress", { step: z.string(), message: z.string() }),
  "resource-created": event("resource-created", { step: z.string(), kind: z.string(), id: z.string() }),
  "step-finished": event("step-finished", { step: z.string(), status: z.enum(["done", "already-done", "skipped"]) }),
  cost: event("cost", cost),
  "curl-result": event("curl-result", {
    step: z.string(),
    dnsName: z.string(),
    exitCode: z.number().int(),
    /** The page as curl printed it (the tool's own status line taken off: it is `httpStatus`). */
    stdout: z.string().refine((s) => !s.includes("PRIVATELINK_LAB_HTTP_STATUS"), "no internal marker"),
    stderr: z.string(),
    ok: z.boolean(),
    httpStatus: z.optional(z.number().int()),
    reason: z.optional(z.string()),
  }),
  "quiz-answer": event("quiz-answer", { step: z.string(), id: z.string(), right: z.boolean(), answer: z.string(), explanation: z.string() }),
  /** `answered: false`: nobody answered (--yes, no TTY): the answers were shown, and no score is given. */
  "quiz-result": event("quiz-result", { answered: z.boolean(), score: z.optional(z.number().int()), total: z.number().int() }),
  /** A table as `--json` writes it: its named records (a terminal draws the rows of src/ui/io-host.ts's TableEvent). */
  table: event("table", { name: z.string(), items: z.array(record) }),
  status: event("status", {
    lesson: z.string(),
    steps: z.array(stepReport),
    resources: z.array(resource),
    /** What exists now costs (absent when nothing of the lesson is left). */
    cost: z.optional(z.object(cost).strict()),
    /** What to do next (absent when the lesson is complete, or a challenge is in progress: then `challenge` says it). */
    next: z.optional(z.object({ step: z.string(), title: z.string(), command: z.string(), text: z.string() }).strict()),
    /** The break-and-fix challenge in progress (the path is broken on purpose): the commands that go on with it, and the sentence. */
    challenge: z.optional(
      z
        .object({
          id: z.string(),
          title: z.string(),
          state: z.literal("in-progress"),
          commands: z.object({ check: z.string(), fix: z.string(), giveUp: z.string() }).strict(),
          text: z.string(),
        })
        .strict(),
    ),
    /** The lesson is over: the quiz score when it was taken. */
    finished: z.optional(z.object({ score: z.optional(z.number()), total: z.optional(z.number()), text: z.string() }).strict()),
  }),
  checks: event("checks", { checks: z.array(check) }),
  facts: event("facts", { facts }),
  endpoints: event("endpoints", { endpoints: z.array(endpoint) }),
  /** Resources listed for an action: `exists` (status), `delete` (a plan about to run or shown by --dry-run). */
  resources: event("resources", { action: z.enum(["exists", "delete"]), resources: z.array(resource) }),
  /** `suggestion`: for an unknown command, the one probably meant. */
  error: event("error", { key: z.string(), message: z.string(), hint: z.optional(z.string()), suggestion: z.optional(z.string()) }),
  "lesson-finished": event("lesson-finished", { cleanedUp: z.boolean() }),
  /** `first`: the first broken link; with none, `wait`: what is still starting and about how many seconds to wait. */
  diagnosis: event("diagnosis", { title: z.string(), ok: z.boolean(), links: z.array(link), first: z.optional(link), wait: z.optional(z.object({ seconds: z.number().int().positive(), link }).strict()) }),
  /** `hint` (a failed check): which of how many, and its text, as the message shows it after "Hint n/total:". */
  challenge: event("challenge", {
    id: z.string(),
    title: z.string(),
    status: z.enum(["started", "broken", "fixed", "given-up", "hint"]),
    message: z.string(),
    hint: z.optional(z.object({ n: z.number().int().positive(), total: z.number().int().positive(), text: z.string() }).strict()),
    ...commands,
  }),
  /** `sandbox serve` is listening: where, and the key pair to sign with (never valid on AWS). */
  "sandbox-served": event("sandbox-served", { url: z.string(), host: z.string(), port: z.number().int(), region: z.string(), accessKeyId: z.string(), secretAccessKey: z.string() }),
  /**
   * The lesson serves the sandbox to the learner's own AWS CLI at `url`: `load` (one line) or `lines` point a shell there.
   * `lastTime` (a rerun): `same`, the same address and keys, so a terminal set up last time still works; `moved`, another
   * address (the usual port was taken), or `movedBack`, its usual one again (last time it was taken): either way it must
   * be set up again. First run or not, `running`: `sandbox serve` already serves the account at `url`, so a terminal
   * pointed at it works as it is; `runningOtherRegion`, the same but it was started for another Region: such a terminal
   * must be set up again for `region`.
   */
  served: event("served", {
    url: z.string(),
    region: z.string(),
    shell: z.string(),
    load: z.string(),
    lines: z.array(z.string()),
    lastTime: z.optional(z.enum(["same", "moved", "movedBack", "running", "runningOtherRegion"])),
  }),
  interrupted: event("interrupted", { signal: z.string(), message: z.string() }),
  /** `--version --json`: this program's version and the Node.js running it. */
  version: event("version", { version: z.string(), node: z.string() }),
  /** `workshop status --json`, and the facilitator's live page's data.json (src/workshop/room-data.ts). */
  "workshop-status": event("workshop-status", {
    at: z.iso.datetime(),
    region: z.string(),
    backend: z.enum(["aws", "sandbox"]),
    totals: z.object({ participants: z.number().int(), notStarted: z.number().int(), finished: z.number().int(), flagged: z.number().int(), perHourUsd: z.number(), costSoFarUsd: z.number() }).strict(),
    participants: z.array(
      z
        .object({
          prefix: z.string(),
          phase: z.enum(["not-started", "on-step", "finished", "cleaned-up"]),
          step: z.nullable(z.string()),
          stepIndex: z.nullable(z.number().int()),
          finished: z.boolean(),
          state: z.string().describe("Where the learner's step stands, in words (the language of the run)"),
          stateId: z.string().describe("The same as a named value to match on, the same in every language (e.g. detect.service.todo)"),
          onStepMinutes: z.optional(z.number()),
          observed: z.optional(z.boolean()),
          signals: z.array(signal),
          perHourUsd: z.number(),
          costSoFarUsd: z.number(),
          challenge: z.optional(z.object({ id: z.string(), state: z.enum(["broken", "fixed", "given-up"]) }).strict()),
          deletion: z.optional(z.enum(["after-finish", "midway", "unknown"]).describe("A deleted lab (cleaned-up): finished before, deleted midway (step: where, when seen), or unknown")),
          computers: z.optional(z.number().int().describe("A room served on the facilitator's computer: how many computers joined this seat (more than one: someone else used its join line)")),
        })
        .strict(),
    ),
  }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;

/** An event as its `--json` line carries it (`time` included). */
export type EventLine<K extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[K]>;

/** Events written by other means than a host's `notify` (the edge, `workshop status`, commander's `--version`). */
type WrittenElsewhere = "table" | "interrupted" | "workshop-status" | "version";

/** What the lesson emits: every event but the table (drawn rows and data), and those written by other means. */
export type EmittedEvent = { [K in Exclude<EventType, WrittenElsewhere>]: Omit<EventLine<K>, "time"> }[Exclude<EventType, WrittenElsewhere>];
