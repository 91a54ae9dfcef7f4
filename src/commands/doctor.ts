/** `privatelink-lab doctor`: every preflight check before anything is created, then what the lesson will create and cost. */
import { LabError } from "../errors.js";
import { costPerHour, FULL_LESSON, LESSON_CREATES, PRICE_TABLE_DATE } from "../lesson/pricing.js";
import { backendLabel, freeHere, preflightTarget, type LessonContext } from "../lesson/context.js";
import { checkReports } from "../preflight/render.js";
import type { Facts } from "../ui/io-host.js";
import { failures, runPreflight, type PreflightReport } from "../preflight/run.js";
import type { GlobalOptions } from "./options.js";
import { endpointOf, lessonContext, openSession, type Environment } from "./session.js";
import { isAwsEndpoint } from "../aws/endpoint-kind.js";
import { shown } from "../ui/shown.js";
import { continueCommand, learnerCommand } from "../shell/lab-command.js";

/** What the lesson will create and cost, and the room the quotas leave, as data. */
function planFacts(report: PreflightReport, region: string): Facts {
  const cost = costPerHour(region, FULL_LESSON);
  return {
    creates: LESSON_CREATES,
    costPerHourUsd: cost.perHourUsd,
    costRegion: region,
    pricesOf: PRICE_TABLE_DATE,
    pricesRegion: cost.pricesRegion,
    ...(report.capacity ? { room: { moreLearners: report.capacity.room } } : {}),
  };
}

/** What doctor checks: AWS, the sandbox, or the endpoint it was pointed at that is not AWS (a served sandbox, a workshop room, an emulator). */
function checkedTarget(ctx: LessonContext, endpointUrl: string | undefined): string {
  const { state, t } = ctx;
  if (state.backend !== "aws" || isAwsEndpoint(endpointUrl)) return t(`backend.${backendLabel(ctx)}`);
  const url = shown(endpointUrl ?? "");
  if (state.room && state.room.url === endpointUrl) return t("doctor.target.room", { room: shown(state.room.name), url });
  return t(ctx.servedSandbox ? "doctor.target.served" : "doctor.target.endpoint", { url });
}

export async function doctor(opts: GlobalOptions, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "read", "look");
  const { io, t, state } = ctx;
  const region = t(`edges.regionFrom.${ctx.regionFrom}`, { region: state.region, profile: state.profile ?? e.env.AWS_PROFILE ?? "default" });
  const checked = checkedTarget(ctx, endpointOf(opts, state, e.env));
  io.notify({ type: "notice", level: "info", message: t("doctor.title", { backend: checked, region, prefix: state.prefix }) });
  const report = await runPreflight(preflightTarget(ctx));
  io.notify({ type: "checks", checks: checkReports(report.results, t) });
  io.notify({ type: "facts", facts: planFacts(report, state.region) });
  io.notify({ type: "notice", level: "info", message: t("doctor.notDryRun") });
  const failed = failures(report);
  // Named for this learner's lesson (prefix, target, profile): a bare command in a new terminal could check another account.
  if (failed.length > 0) throw new LabError("doctor.failed", { n: failed.length, again: learnerCommand("doctor", ctx) });
  // In the sandbox the checks say nothing about an AWS account: the last line must not read as if they did.
  const done = report.resumed ? "doctor.allOkResumed" : freeHere(ctx) ? "doctor.allOkSandbox" : "doctor.allOk";
  io.notify({ type: "notice", level: "success", message: t(done, { start: continueCommand(ctx) }) });
}
