/**
 * SendCommand with `AWS-RunShellScript`: the agent on each instance writes `commands` to
 * `_script.sh` and runs it. The sandbox decides the result when the command is sent, from the
 * world at that moment (reachability model), and records when it becomes visible (~1.5 s) and
 * when it finishes (visible + the script's own duration, e.g. a curl timeout), both × speed.
 */
import { untracked } from "../account/tracked-world.js";
import { after } from "../clock.js";
import type { HandlerContext } from "../handler.js";
import { sandboxReachabilityFacts } from "../reachability-facts.js";
import { randomUuid, type CommandInvocation, type SsmCommand } from "../world.js";
import { runShellScript } from "./shell-script.js";

export const RUN_SHELL_SCRIPT = "AWS-RunShellScript";
/** Seconds before GetCommandInvocation knows the invocation. */
const DELIVERY_SECONDS = 1.5;
/** Seconds the agent needs around the script (download document, write script, report). */
const AGENT_OVERHEAD_SECONDS = 0.5;

function invoke(ctx: HandlerContext, commandId: string, instanceId: string, script: string): CommandInvocation {
  // (read from the plain world: the facts are copies, and a room's account is read whole here)
  const facts = sandboxReachabilityFacts(untracked(ctx.world), ctx.region, instanceId, ctx.now, ctx.speed);
  const visibleAt = after(ctx.now, DELIVERY_SECONDS, ctx.speed);
  if (!facts) {
    return { InstanceId: instanceId, visibleAt, finishedAt: visibleAt, Status: "Failed", ResponseCode: 1, StandardOutputContent: "", StandardErrorContent: "", reason: "instance-gone" };
  }
  const scriptPath = `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
  const result = runShellScript(script, { facts, now: ctx.now, scriptPath });
  const failed = result.exitCode !== 0;
  return {
    InstanceId: instanceId,
    visibleAt,
    finishedAt: after(visibleAt, AGENT_OVERHEAD_SECONDS + result.durationMs / 1000, ctx.speed),
    Status: failed ? "Failed" : "Success",
    ResponseCode: result.exitCode,
    StandardOutputContent: result.stdout,
    StandardErrorContent: failed ? `${result.stderr}failed to run commands: exit status ${result.exitCode}` : result.stderr,
    reason: result.reason,
  };
}

export function sendRunShellScript(ctx: HandlerContext, instanceIds: string[], commands: string[]): SsmCommand {
  const commandId = randomUuid();
  const script = commands.join("\n");
  const command: SsmCommand = {
    CommandId: commandId,
    DocumentName: RUN_SHELL_SCRIPT,
    Commands: [...commands],
    InstanceIds: [...instanceIds],
    RequestedDateTime: ctx.now,
    Invocations: instanceIds.map((id) => invoke(ctx, commandId, id, script)),
  };
  ctx.rw.ssmCommands[commandId] = command;
  return command;
}
