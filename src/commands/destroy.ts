/** `privatelink-lab destroy`: delete everything the lesson created, from any state, and prove it. */
import { LabError } from "../errors.js";
import { readCloud } from "../lesson/cloud-view.js";
import { mark, saveState } from "../lesson/context.js";
import { planTeardown, teardown } from "../lesson/teardown.js";
import type { GlobalOptions } from "./options.js";
import { setInterruptNotice, setLessonCommands } from "../interrupt-notice.js";
import { lessonCommands } from "../shell/lab-command.js";
import { lessonContext, openSession, type Environment } from "./session.js";
import { agreesToDelete } from "./consent.js";

export async function destroy(opts: GlobalOptions & { dryRun?: boolean }, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const ctx = await lessonContext(opts, e, s, false, "write", "refuse");
  const { io, t } = ctx;
  const view = ctx.found ?? (await readCloud(ctx.clients, ctx.names));
  const plan = planTeardown(view);
  if (plan.length === 0) {
    // Nothing of the build is left (deleted by hand, or recorded before destroy ended it): no challenge goes on.
    if (ctx.state.challenges.active && !opts.dryRun) {
      delete ctx.state.challenges.active;
      saveState(ctx);
    }
    io.notify({ type: "notice", level: "success", message: t("destroy.nothing", { prefix: ctx.state.prefix }) });
    return;
  }
  io.notify({ type: "resources", action: "delete", resources: plan.map((p) => ({ kind: p.kind, id: p.id, ...(p.name ? { name: p.name } : {}) })) });
  if (opts.dryRun) {
    io.notify({ type: "notice", level: "info", message: t("destroy.dryRun", { n: plan.length }) });
    return;
  }
  const question = t("destroy.confirm", { n: plan.length });
  if (!(await agreesToDelete(opts.yes, io, question, new LabError("usage.destroyNeedsYes")))) {
    io.notify({ type: "notice", level: "warn", message: t("destroy.cancelled") });
    return;
  }
  setLessonCommands(lessonCommands(ctx));
  setInterruptNotice("destroy.interrupted");
  await teardown(ctx, view);
  mark(ctx, "cleanup");
  io.notify({ type: "notice", level: "success", message: t("destroy.done", { prefix: ctx.state.prefix }) });
}
