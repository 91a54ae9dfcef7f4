/** `privatelink-lab workshop plan --participants N [--hours H]`: quotas, increases to request, cost. */
import { numberOption, participantCount } from "../../workshop/participants.js";
import { increaseLines, planWorkshop, quotaRows } from "../../workshop/plan.js";
import { PRICE_TABLE_DATE } from "../../lesson/pricing.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { openFacilitator } from "./open.js";
import { facilitatorPlace } from "../../workshop/facilitator.js";
import { setQuota } from "../../sandbox/model/quotas.js";

export async function workshopPlan(opts: GlobalOptions & { participants?: string; hours?: string; spare?: string }, e: Environment): Promise<void> {
  const learners = participantCount(opts.participants);
  // Hours above 0; spare seats for the facilitator's own demo run.
  const hours = opts.hours === undefined ? 3 : numberOption(opts.hours, "--hours", Number.MIN_VALUE, 240);
  const spare = opts.spare === undefined ? 1 : numberOption(opts.spare, "--spare", 0, 50, true);
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const plan = await planWorkshop(f.clients, f.region, learners, spare, hours);
  io.notify({ type: "notice", level: "info", message: t("workshop.plan.title", { n: learners, spare, region: f.region, backend: t(`backend.${f.backend}`) }) });
  io.notify({
    type: "table",
    rows: quotaRows(plan, t),
    data: {
      name: "quotas",
      items: plan.capacity.lines.map((l) => ({ code: l.spec.code, name: l.spec.name, scope: l.spec.scope, limit: l.limit.value, limitSource: l.limit.source, used: l.used, needed: l.needed, ok: l.ok })),
    },
  });
  const assumed = plan.capacity.lines.find((l) => l.limit.source === "assumed");
  if (assumed) io.notify({ type: "notice", level: "warn", message: t("workshop.plan.assumed", { reason: assumed.limit.reason ?? "?" }) });
  const increases = increaseLines(plan, facilitatorPlace(f));
  const sandbox = f.clients.sandbox;
  if (sandbox && increases.length > 0) {
    // No one at AWS can raise a sandbox's quotas: the plan raises them itself, to what the room needs, and says so.
    sandbox.store.transact((world) => {
      for (const i of increases) setQuota(world, i.code, i.desired);
    });
    io.notify({ type: "notice", level: "success", message: t("screens.sandboxQuotas", { n: learners + spare, codes: increases.map((i) => `${i.code} ${i.current} → ${i.desired}`).join(", ") }) });
    io.notify({ type: "table", rows: increases.map((i) => [i.code, i.name, `${i.current} → ${i.desired}`]), data: { name: "increases", items: increases } });
  } else if (increases.length === 0) {
    io.notify({ type: "notice", level: "success", message: t("workshop.plan.fits", { n: learners + spare }) });
  } else {
    io.notify({ type: "notice", level: "warn", message: t("workshop.plan.increases", { n: learners + spare, room: plan.capacity.room }) });
    io.notify({ type: "table", rows: increases.map((i) => [i.code, i.name, `${i.current} → ${i.desired}`]), data: { name: "increases", items: increases } });
    io.notify({ type: "notice", level: "info", message: t("workshop.plan.request") });
    io.notify({ type: "table", rows: increases.map((i) => [i.command]), commands: io.shell ?? "bash", data: { name: "increase-commands", items: increases.map((i) => ({ code: i.code, command: i.command, argv: i.argv, shell: io.shell ?? "bash" })) } });
  }
  const c = plan.cost;
  io.notify({
    type: "notice",
    level: "info",
    message: t("workshop.plan.cost", {
      n: learners + spare,
      hours: c.billedHours,
      perLearner: c.perLearnerHourUsd.toFixed(3),
      total: c.totalUsd.toFixed(2),
      region: c.region,
      date: PRICE_TABLE_DATE,
    }),
  });
  if (c.approximated) io.notify({ type: "notice", level: "warn", message: t("workshop.plan.approximated", { region: c.region }) });
  if (f.backend === "sandbox") io.notify({ type: "notice", level: "info", message: t("workshop.plan.sandbox") });
}
