/** Step 0: who, where, which AZ, what it costs, and the checks that would stop the lesson halfway (quotas, names, permissions). */
import { callerAsked } from "../client-token.js";
import { freeHere, preflightTarget, saveState, mark } from "../context.js";
import { costPerHour, FULL_LESSON, LESSON_CREATES } from "../pricing.js";
import type { Step } from "../step.js";
import { stopError } from "../../preflight/check.js";
import { checkReports } from "../../preflight/render.js";
import { failures, runPreflight } from "../../preflight/run.js";
import { INSTANCE_TYPE } from "../../preflight/account.js";

export const preflight: Step = {
  id: "preflight",
  requires: [],
  traceless: true,
  // Nothing is billed here: the cost is what it would be on AWS.
  conceptVariant: (_view, free) => (free ? "sandbox" : undefined),
  detect(view, state) {
    const done = Boolean(state.marks.preflight && state.az) || Boolean(view.consumer || view.provider);
    return { done, why: done ? "detect.preflight.done" : "detect.preflight.todo", ...(state.backend === "sandbox" ? { teaches: ["sandbox"] } : {}) };
  },
  async perform(ctx, view) {
    const sandbox = freeHere(ctx);
    // The stacks as the engine just read them, the caller as this command asked: not asked again.
    const caller = callerAsked(ctx);
    const known = { stacks: [view.consumer, view.provider].filter((s) => s !== undefined), ...(caller ? { caller } : {}) };
    const report = await runPreflight(preflightTarget(ctx, known));
    const { facts } = report;
    if (facts.accountId !== undefined) {
      ctx.state.ids.accountId = facts.accountId;
      ctx.io.notify({ type: "facts", facts: { accountId: facts.accountId || null, sandboxAccount: sandbox, identity: facts.arn || null, region: ctx.state.region } });
    }
    // The lesson shows only what needs attention; `privatelink-lab doctor` shows every check.
    const attention = checkReports(report.results.filter((r) => r.status !== "ok"), ctx.t, ["quota", "name", "permission"]);
    if (attention.length) ctx.io.notify({ type: "checks", checks: attention });
    const failed = failures(report);
    if (failed[0]) throw stopError(failed[0]);
    ctx.io.notify({ type: "notice", level: "success", message: ctx.t("doctor.stepChecked") });
    ctx.state.az = facts.zone ?? ctx.state.az;
    const cost = costPerHour(ctx.state.region, FULL_LESSON);
    ctx.io.notify({ type: "facts", facts: { az: ctx.state.az ?? null, instanceType: INSTANCE_TYPE, ami: facts.ami ?? null, creates: LESSON_CREATES } });
    // The price once, as the `cost` line (the concept has said roughly what to expect).
    ctx.io.notify({ type: "cost", of: "lesson", perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox });
    saveState(ctx);
    mark(ctx, "preflight");
  },
};
