/** `privatelink-lab workshop cleanup`: the lesson's own teardown for each participant (workshop/cleanup.ts), then what went and what did not, and why. */
import { LabError } from "../../errors.js";
import { cleanupRoom, type CleanupOutcome } from "../../workshop/cleanup.js";
import { planTeardown } from "../../lesson/teardown.js";
import type { Facilitator } from "../../workshop/facilitator.js";
import { checkPrefixes } from "../../workshop/participants.js";
import { readRoom, type ParticipantCloud } from "../../workshop/room-read.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { asParticipants } from "../participant-lock.js";
import { openFacilitator } from "./open.js";
import { agreesToDelete } from "../consent.js";
import { kindName } from "../../ui/render-data.js";

interface CleanupOptions extends GlobalOptions {
  all?: boolean;
  participant?: string[];
  dryRun?: boolean;
}

function targets(f: Facilitator, opts: CleanupOptions, found: ParticipantCloud[]): ParticipantCloud[] {
  if (opts.all) return found;
  const wanted = checkPrefixes((opts.participant ?? []).flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean));
  for (const w of wanted.filter((w) => !found.some((p) => p.prefix === w))) {
    f.io.notify({ type: "notice", level: "info", message: f.t("workshop.cleanup.notFound", { prefix: w }) });
  }
  return found.filter((p) => wanted.includes(p.prefix));
}

function report(f: Facilitator, outcomes: CleanupOutcome[]): void {
  const { io, t } = f;
  io.notify({
    type: "table",
    rows: [
      ["participant", "removed", "result"].map((c) => t(`workshop.cleanup.col.${c}`)),
      ...outcomes.map((o) => [o.prefix, String(o.removed.length), o.failure ? `✖ ${t(o.failure.key, o.failure.vars)}` : `✔ ${t("workshop.cleanup.clean")}`]),
    ],
    data: {
      name: "cleanup-results",
      items: outcomes.map((o) => ({ prefix: o.prefix, removed: o.removed.length, ok: !o.failure, ...(o.failure ? { error: o.failure.key, text: t(o.failure.key, o.failure.vars) } : {}) })),
    },
  });
  const failed = outcomes.filter((o) => o.failure);
  const removed = outcomes.reduce((n, o) => n + o.removed.length, 0);
  io.notify({ type: "notice", level: failed.length ? "warn" : "success", message: t("workshop.cleanup.summary", { removed, n: outcomes.length - failed.length, failed: failed.length }) });
  if (failed.length > 0) throw new LabError("workshop.cleanup.someFailed", { n: failed.length, prefixes: failed.map((o) => o.prefix).join(", ") }, { source: "aws" });
}

export async function workshopCleanup(opts: CleanupOptions, e: Environment): Promise<void> {
  if (!opts.all && !opts.participant?.length) throw new LabError("workshop.usage.cleanupWhich");
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const chosen = targets(f, opts, (await readRoom(f.clients, () => f.clock.now())).participants);
  const plan = chosen.map((p) => ({ prefix: p.prefix, planned: planTeardown(p.view) })).filter((p) => p.planned.length > 0);
  const items = plan.reduce((n, p) => n + p.planned.length, 0);
  if (plan.length === 0) {
    io.notify({ type: "notice", level: "success", message: t("workshop.cleanup.nothing", { region: f.region }) });
    return;
  }
  io.notify({
    type: "table",
    rows: [
      ["participant", "kind", "id", "name"].map((c) => t(`workshop.cleanup.col.${c}`)),
      ...plan.flatMap((p) => p.planned.map((d) => [p.prefix, kindName(d.kind, t), d.id, d.name ?? ""])),
    ],
    data: { name: "cleanup-plan", items: plan.flatMap((p) => p.planned.map((d) => ({ prefix: p.prefix, kind: d.kind, id: d.id, ...(d.name ? { name: d.name } : {}) }))) },
  });
  if (opts.dryRun) {
    io.notify({ type: "notice", level: "info", message: t("workshop.cleanup.dryRun", { n: plan.length, items }) });
    return;
  }
  const question = t("workshop.cleanup.confirm", { n: plan.length, items });
  if (!(await agreesToDelete(opts.yes, io, question, new LabError("workshop.usage.cleanupNeedsYes")))) {
    io.notify({ type: "notice", level: "warn", message: t("destroy.cancelled") });
    return;
  }
  const spinner = io.spinner("cleanup", t("workshop.cleanup.running", { done: 0, n: plan.length }));
  let outcomes: CleanupOutcome[];
  try {
    outcomes = await cleanupRoom(f, chosen.filter((c) => plan.some((p) => p.prefix === c.prefix)), {
      // A learner's lesson still running on this machine is never torn down under it.
      actFor: (prefix, work) => asParticipants(f.stateFile, [prefix], work),
      onDone: (_o, done, n) => spinner.update(t("workshop.cleanup.running", { done, n })),
    });
    spinner.succeed(t("workshop.cleanup.finished", { n: plan.length }));
  } finally {
    spinner.stop();
  }
  report(f, outcomes);
}
