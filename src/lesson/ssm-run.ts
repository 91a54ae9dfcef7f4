/**
 * Runs a command on the Consumer through Run Command: wait for the agent Online (else InvalidInstanceId), send, poll
 * (GetCommandInvocation right after SendCommand can throw InvocationDoesNotExist).
 */
import { awsCode, LabError } from "../errors.js";
import type { LessonContext } from "./context.js";
import { waitFor } from "./wait.js";
import { awsPort } from "../aws/port.js";
import { WAIT_WORDS } from "./wait-words.js";

/** What a command printed, and its exit code (-1: it never ended). */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function waitOnline(ctx: LessonContext, step: string, instanceId: string): Promise<void> {
  await waitFor(ctx, {
    step,
    ...WAIT_WORDS.ssmOnline,
    read: async () => {
      const out = await awsPort(ctx.clients).ssm.describeInstanceInformation({ Filters: [{ Key: "InstanceIds", Values: [instanceId] }] });
      return out.InstanceInformationList?.[0]?.PingStatus;
    },
    // ConnectionLost: it was Online and lost its way (keep waiting, say so); Inactive: terminated (in a served room, most
    // likely by the facilitator's cleanup). Each said in words, never as AWS's bare state.
    check: (ping) => (ping === "Online" ? true : ping === "Inactive" ? new LabError(ctx.servedSandbox ? "guard.ssm.inactiveServed" : "guard.ssm.inactive", { id: instanceId }) : undefined),
    describe: (ping) => (ping === "ConnectionLost" ? ctx.t("guard.ssm.connectionLost") : ping === "Inactive" ? ctx.t("wait.ssmInactive") : ping ?? ctx.t("wait.ssmNotRegistered")),
    usualSeconds: 120,
  });
}

export async function runShell(ctx: LessonContext, step: string, instanceId: string, command: string): Promise<RunResult> {
  const sent = await awsPort(ctx.clients).ssm.sendCommand({ InstanceIds: [instanceId], DocumentName: "AWS-RunShellScript", Parameters: { commands: [command] }, TimeoutSeconds: 60 });
  const commandId = sent.Command?.CommandId;
  if (!commandId) throw new LabError("error.unexpected", { what: "SendCommand" }, { source: "internal" });
  const done = await waitFor(ctx, {
    step,
    ...WAIT_WORDS.command,
    read: async () => {
      try {
        return await awsPort(ctx.clients).ssm.getCommandInvocation({ CommandId: commandId, InstanceId: instanceId });
      } catch (e) {
        if (awsCode(e) === "InvocationDoesNotExist") return undefined;
        throw e;
      }
    },
    check: (inv) => (inv && !["Pending", "InProgress", "Delayed"].includes(String(inv.Status)) ? true : undefined),
    describe: (inv) => String(inv?.Status ?? "Pending"),
    usualSeconds: 15,
  });
  return {
    exitCode: done?.ResponseCode ?? -1,
    stdout: done?.StandardOutputContent ?? "",
    stderr: done?.StandardErrorContent ?? "",
  };
}
