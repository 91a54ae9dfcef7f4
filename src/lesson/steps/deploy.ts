/** Step 1: CloudFormation deploys the Consumer and Provider stacks, both at once. */
import { destroyCommand } from "../../shell/lab-command.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StackEvent } from "@aws-sdk/client-cloudformation";
import { awsCode, LabError } from "../../errors.js";
import { rootCause } from "../../aws/stack-failure.js";
import { packageRoot } from "../../paths.js";
import { isComplete, readStack, type CloudView, type StackView } from "../cloud-view.js";
import { saveState, type LessonContext } from "../context.js";
import { namesFor, participantTags } from "../../participant.js";
import type { Detection, Step } from "../step.js";
import { waitFor } from "../wait.js";
import { awsPort } from "../../aws/port.js";
import { WAIT_WORDS } from "../wait-words.js";
import { explainVcpuShortage } from "../vcpu-shortage.js";

type Side = "Consumer" | "Provider";
const SIDES: Side[] = ["Consumer", "Provider"];
const STACK_NAME = { Consumer: "consumerStack", Provider: "providerStack" } as const;
const FAILED = /(ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED|ROLLBACK_IN_PROGRESS|DELETE_FAILED)$/;

async function createStack(ctx: LessonContext, side: Side): Promise<void> {
  const body = readFileSync(join(packageRoot(), "templates", `${side}.yml`), "utf8");
  try {
    const out = await awsPort(ctx.clients).cfn.createStack({
        StackName: ctx.names[STACK_NAME[side]],
        TemplateBody: body,
        Capabilities: ["CAPABILITY_NAMED_IAM"],
        Parameters: [
          { ParameterKey: "Prefix", ParameterValue: ctx.state.prefix },
          { ParameterKey: "AvailabilityZone", ParameterValue: ctx.state.az ?? "" },
        ],
        Tags: participantTags(ctx.state.prefix, ctx.lesson),
        ClientRequestToken: `${ctx.state.prefix}-${side.toLowerCase()}-create`,
      });
    if (out.StackId) ctx.io.notify({ type: "resource-created", step: "deploy", kind: "AWS::CloudFormation::Stack", id: out.StackId });
  } catch (e) {
    if (awsCode(e) !== "AlreadyExistsException") throw e; // a resumed run: it is already on its way
  }
}

/** A stack that failed and rolled back cannot be updated: delete it, then create again. */
async function clearRolledBack(ctx: LessonContext, stack: StackView): Promise<void> {
  ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("deploy.recreate", { stack: stack.name, status: stack.status }) });
  await awsPort(ctx.clients).cfn.deleteStack({ StackName: stack.id });
  await waitFor(ctx, {
    step: "deploy",
    ...WAIT_WORDS.stackDelete,
    read: () => readStack(ctx.clients, stack.name),
    check: (s) => (s === undefined ? true : s.status === "DELETE_FAILED" ? new LabError("error.stackDeleteFailed", { stack: stack.name, reason: s.reason ?? "" }) : undefined),
    describe: (s) => s?.status ?? "",
    usualSeconds: 120,
  });
}

/** Both stacks, how many of their resources are made, the newest event and the failure that caused the others. */
async function readProgress(ctx: LessonContext, seen: Set<string>) {
  const stacks = await Promise.all(SIDES.map((s) => readStack(ctx.clients, ctx.names[STACK_NAME[s]])));
  let done = 0;
  let total = 0;
  let latest: StackEvent | undefined;
  const failures: StackEvent[] = [];
  for (const stack of stacks) {
    if (!stack) continue;
    if (isComplete(stack)) {
      // Complete: every resource is made, and readStack has just read them.
      total += Object.keys(stack.resources).length;
      done += Object.keys(stack.resources).length;
    } else {
      const res = await awsPort(ctx.clients).cfn.describeStackResources({ StackName: stack.id });
      total += res.StackResources?.length ?? 0;
      done += (res.StackResources ?? []).filter((r) => r.ResourceStatus === "CREATE_COMPLETE").length;
    }
    const events = (await awsPort(ctx.clients).cfn.describeStackEvents({ StackName: stack.id })).StackEvents ?? [];
    for (const ev of [...events].reverse()) {
      if (ev.ResourceStatus === "CREATE_FAILED" && ev.ResourceStatusReason) failures.push(ev);
      if (!ev.EventId || seen.has(ev.EventId)) continue;
      seen.add(ev.EventId);
      latest = ev;
      if (ev.ResourceStatus === "CREATE_COMPLETE" && ev.ResourceType !== "AWS::CloudFormation::Stack") {
        ctx.io.notify({ type: "resource-created", step: "deploy", kind: ev.ResourceType ?? "", id: ev.PhysicalResourceId ?? ev.LogicalResourceId ?? "" });
      }
    }
  }
  return { stacks, done, total, latest, firstFailure: rootCause(failures) };
}

/** One stack made (being made, or made), the other not: one of the two create-stack commands was not run, and the missing stack is named. */
function oneStackMissing(view: CloudView, prefix: string): Detection | undefined {
  const present = view.consumer ?? view.provider;
  if (!present || (view.consumer && view.provider) || !/^CREATE_(IN_PROGRESS|COMPLETE)$/.test(present.status)) return undefined;
  const names = namesFor(prefix);
  const missing = view.consumer ? names.providerStack : names.consumerStack;
  return { done: false, why: "detect.deploy.oneMissing", vars: { missing, stack: present.name, status: present.status } };
}

export const deploy: Step = {
  id: "deploy",
  requires: ["preflight"],
  detect(view, state) {
    const both = isComplete(view.consumer) && isComplete(view.provider);
    if (both) return { done: true, why: "detect.deploy.done" };
    const failed = [view.consumer, view.provider].find((s) => s && FAILED.test(s.status));
    // Rolled back: the learner's create-stack on that name fails until the stack is deleted; the note says so, and how.
    if (failed) return { done: false, why: "detect.deploy.failed", vars: { stack: failed.name, status: failed.status }, ...(/ROLLBACK/.test(failed.status) ? { note: "rollback" } : {}) };
    const halfMade = oneStackMissing(view, state.prefix);
    if (halfMade) return halfMade;
    // Both stacks made and still creating: on their way.
    const creating = [view.consumer, view.provider].every((s) => s && (isComplete(s) || /^(CREATE|UPDATE)_IN_PROGRESS$/.test(s.status)));
    // (The state of one still on its way, for a line with no room for the sentence.)
    const going = [view.consumer, view.provider].find((s) => s && !isComplete(s));
    if (view.consumer || view.provider) return { done: false, why: "detect.deploy.inProgress", ...(going ? { vars: { state: going.status } } : {}), ...(creating ? { settling: true as const } : {}) };
    return { done: false, why: "detect.deploy.todo" };
  },
  async perform(ctx, view) {
    // A stack being deleted is never waited on or built over: the cleanup must finish first.
    const deleting = [view.consumer, view.provider].find((s) => s && /^DELETE_(IN_PROGRESS|FAILED)$/.test(s.status));
    if (deleting) throw new LabError("error.stackDeleting", { stack: deleting.name, status: deleting.status }, { source: "user" });
    for (const stack of [view.consumer, view.provider]) {
      if (stack && /ROLLBACK_COMPLETE$|^ROLLBACK_FAILED$/.test(stack.status)) await clearRolledBack(ctx, stack);
    }
    await Promise.all(SIDES.map((side) => createStack(ctx, side)));
    ctx.state.resourcesSince ??= new Date(ctx.clock.now()).toISOString();
    saveState(ctx);
    const seen = new Set<string>();
    await waitFor(ctx, {
      step: "deploy",
      ...WAIT_WORDS.stacks,
      read: () => readProgress(ctx, seen),
      check: (p) => {
        const failed = p.stacks.find((s) => s && FAILED.test(s.status));
        if (failed) {
          const f = p.firstFailure;
          return new LabError("error.stackFailed", {
            stack: failed.name,
            resource: f?.LogicalResourceId ?? "?",
            reason: f?.ResourceStatusReason ?? failed.reason ?? "",
            cleanup: destroyCommand(ctx),
          });
        }
        return p.stacks.every((s) => isComplete(s)) ? true : undefined;
      },
      describe: (p) =>
        `${p.done}/${p.total || "?"}` + (p.latest ? ` · ${p.latest.LogicalResourceId ?? ""} ${p.latest.ResourceStatus ?? ""}` : ""),
      // (At 80 columns the newest event has no room: how many resources are made is the state.)
      state: (p) => `${p.done}/${p.total || "?"}`,
      usualSeconds: 360,
    }).catch(async (e: unknown) => {
      // The vCPU quota: said with the labs whose instances hold the vCPUs, and what frees them.
      throw e instanceof LabError ? await explainVcpuShortage(ctx, e) : e;
    });
  },
};
