/**
 * Systems Manager: AWS's public parameters (the AL2023 AMI ids), Run Command and managed-instance
 * inventory. As on AWS, GetParameter throws `ParameterNotFound` for an unknown name while
 * GetParameters lists unknown names in `InvalidParameters` and succeeds; a path lists the
 * parameters one level under it (every level with `Recursive`). StartSession cannot work here (it
 * needs the session-manager-plugin and a WebSocket to the instance): its error says to use Run
 * Command instead.
 */
import type { DescribeInstanceInformationCommandInput, InstanceInformation, SendCommandCommandInput } from "@aws-sdk/client-ssm";
import { type HandlerContext, handlers, type Ssm } from "../handler.js";
import { PUBLIC_AMI_PARAMETERS, publicParameter } from "../public-parameters.js";
import { pingStatus, SSM_AGENT_VERSION, ssmAgentStatus } from "../model/ssm-agent.js";
import { consoleOutput, elapsed, invocationAt, isoTime } from "../ssm/invocation.js";
import { RUN_SHELL_SCRIPT, sendRunShellScript } from "../ssm/run-command.js";
import { tagValue, type Instance, type SsmCommand } from "../world.js";

const noCloudWatch = () => ({ CloudWatchOutputEnabled: false, CloudWatchLogGroupName: "" });

/** What every view of a sent command names: it, its document and (none of the sandbox's have one) its comment. */
function commandOf(cmd: SsmCommand) {
  return { CommandId: cmd.CommandId, Comment: "", DocumentName: cmd.DocumentName, DocumentVersion: "$DEFAULT" };
}

function instanceInformation(ctx: HandlerContext, inst: Instance): InstanceInformation | undefined {
  const ping = pingStatus(ctx.world, ctx.region, inst, ctx.now, ctx.speed);
  if (!ping) return undefined;
  return {
    InstanceId: inst.InstanceId,
    PingStatus: ping.status,
    LastPingDateTime: new Date(ping.lastPing),
    AgentVersion: SSM_AGENT_VERSION,
    IsLatestVersion: false,
    PlatformType: "Linux",
    PlatformName: "Amazon Linux",
    PlatformVersion: "2023",
    ResourceType: "EC2Instance",
    IPAddress: inst.PrivateIpAddress,
    ComputerName: inst.PrivateDnsName,
    SourceId: inst.InstanceId,
    SourceType: "AWS::EC2::Instance",
  };
}

/** Values asked for under `key` (InstanceIds, PingStatus) through `Filters` or the older `InstanceInformationFilterList`. */
function filterValues(input: DescribeInstanceInformationCommandInput, key: string): string[] | undefined {
  const values = [
    ...(input.Filters?.filter((f) => f.Key === key).flatMap((f) => f.Values ?? []) ?? []),
    ...(input.InstanceInformationFilterList?.filter((f) => f.key === key).flatMap((f) => f.valueSet ?? []) ?? []),
  ];
  return values.length > 0 ? values : undefined;
}

function targetInstanceIds(input: SendCommandCommandInput): string[] {
  const fromTargets = input.Targets?.filter((t) => t.Key === "InstanceIds").flatMap((t) => t.Values ?? []) ?? [];
  return [...(input.InstanceIds ?? []), ...fromTargets];
}

function plugin(view: ReturnType<typeof invocationAt>) {
  return {
    Name: "aws:runShellScript",
    Status: view.status,
    StatusDetails: view.status,
    ResponseCode: view.responseCode,
    ResponseStartDateTime: view.startedAt === undefined ? undefined : new Date(view.startedAt),
    ResponseFinishDateTime: view.finishedAt === undefined ? undefined : new Date(view.finishedAt),
    Output: consoleOutput(view),
    StandardOutputUrl: "",
    StandardErrorUrl: "",
  };
}

export const ssmHandlers = handlers<Ssm>({
  GetParametersByPathCommand: (ctx, input) => {
    const path = input.Path ?? "";
    if (!path.startsWith("/")) ctx.fail("ValidationException", `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/".`);
    const under = path.endsWith("/") ? path : `${path}/`;
    const names = PUBLIC_AMI_PARAMETERS.filter((n) => n.startsWith(under) && (input.Recursive || !n.slice(under.length).includes("/")));
    return { Parameters: names.map((n) => publicParameter(ctx.region, n)!) };
  },
  GetParameterCommand: (ctx, input) => {
    const p = publicParameter(ctx.region, input.Name ?? "");
    if (!p) return ctx.fail("ParameterNotFound", "", 400);
    return { Parameter: { ...p } };
  },
  GetParametersCommand: (ctx, input) => {
    const names = input.Names ?? [];
    if (names.length === 0 || names.length > 10) {
      ctx.fail(
        "ValidationException",
        `1 validation error detected: Value '[${names.join(", ")}]' at 'names' failed to satisfy constraint: Member must have length ${names.length === 0 ? "greater than or equal to 1" : "less than or equal to 10"}`,
      );
    }
    const found = names.map((n) => publicParameter(ctx.region, n)).filter((p) => p !== undefined);
    return { Parameters: found, InvalidParameters: names.filter((n) => !publicParameter(ctx.region, n)) };
  },
  DescribeInstanceInformationCommand: (ctx, input) => {
    const ids = filterValues(input, "InstanceIds");
    const pings = filterValues(input, "PingStatus");
    // Terminated instances stay listed (Inactive) for a while: every instance is looked at.
    const list = Object.values(ctx.rw.instances)
      .filter((i) => i.life.createdAt <= ctx.now)
      .filter((i) => !ids || ids.includes(i.InstanceId))
      .map((i) => instanceInformation(ctx, i))
      .filter((i): i is InstanceInformation => i !== undefined && (!pings || pings.includes(i.PingStatus ?? "")));
    return { InstanceInformationList: list };
  },
  SendCommandCommand: (ctx, input) => {
    if (input.DocumentName !== RUN_SHELL_SCRIPT) {
      return ctx.fail("InvalidDocument", `Document with name ${input.DocumentName ?? ""} does not exist.`);
    }
    const commands = input.Parameters?.["commands"];
    if (!commands || commands.length === 0) return ctx.fail("InvalidParameters", 'Parameter "commands" is required.');
    const ids = targetInstanceIds(input);
    if (ids.length === 0) return ctx.fail("ValidationException", "Either InstanceIds or Targets must be specified.");
    const offline = ids.filter((id) => {
      const inst = ctx.rw.instances[id];
      return !inst || !ssmAgentStatus(ctx.world, ctx.region, inst, ctx.now, ctx.speed).online;
    });
    if (offline.length > 0) {
      return ctx.fail("InvalidInstanceId", `Instances [[${offline.join(", ")}]] not in a valid state for account ${ctx.world.accountId}`);
    }
    const cmd = sendRunShellScript(ctx, ids, commands);
    const timeout = input.TimeoutSeconds ?? 3600;
    return {
      Command: {
        CommandId: cmd.CommandId,
        DocumentName: RUN_SHELL_SCRIPT,
        DocumentVersion: "$DEFAULT",
        Comment: input.Comment ?? "",
        ExpiresAfter: new Date(ctx.now + timeout * 1000),
        Parameters: { commands: [...commands] },
        InstanceIds: [...ids],
        Targets: [],
        RequestedDateTime: new Date(ctx.now),
        Status: "Pending",
        StatusDetails: "Pending",
        MaxConcurrency: input.MaxConcurrency ?? "50",
        MaxErrors: input.MaxErrors ?? "0",
        TargetCount: ids.length,
        CompletedCount: 0,
        ErrorCount: 0,
        DeliveryTimedOutCount: 0,
        TimeoutSeconds: timeout,
        CloudWatchOutputConfig: noCloudWatch(),
        NotificationConfig: { NotificationArn: "", NotificationEvents: [] },
        ServiceRole: "",
        OutputS3BucketName: "",
        OutputS3KeyPrefix: "",
        OutputS3Region: ctx.region,
      },
    };
  },
  StartSessionCommand: (ctx, input) => {
    const id = input.Target ?? "<instance-id>";
    return ctx.fail(
      "TargetNotConnected",
      `The sandbox cannot open a Session Manager session to ${id}: a session needs the session-manager-plugin and a WebSocket, which the sandbox does not have. ` +
        `Run your command with Run Command instead, as the lesson does: aws ssm send-command --instance-ids ${id} --document-name AWS-RunShellScript --parameters 'commands=curl -sS -m 10 http://<the endpoint's DNS name>/' --query Command.CommandId --output text, ` +
        `then read its output: aws ssm get-command-invocation --command-id <CommandId> --instance-id ${id}`,
    );
  },
  GetCommandInvocationCommand: (ctx, input) => {
    const cmd = input.CommandId && Object.hasOwn(ctx.rw.ssmCommands, input.CommandId) ? ctx.rw.ssmCommands[input.CommandId] : undefined;
    const inv = cmd?.Invocations.find((i) => i.InstanceId === input.InstanceId);
    const view = inv ? invocationAt(inv, ctx.now) : undefined;
    if (!cmd || !view || !view.visible) return ctx.fail("InvocationDoesNotExist", "");
    return {
      ...commandOf(cmd),
      InstanceId: input.InstanceId,
      PluginName: "aws:runShellScript",
      ResponseCode: view.responseCode,
      ExecutionStartDateTime: isoTime(view.startedAt),
      ExecutionElapsedTime: elapsed(view),
      ExecutionEndDateTime: isoTime(view.finishedAt),
      Status: view.status,
      StatusDetails: view.status,
      StandardOutputContent: view.stdout,
      StandardOutputUrl: "",
      StandardErrorContent: view.stderr,
      StandardErrorUrl: "",
      CloudWatchOutputConfig: noCloudWatch(),
    };
  },
  ListCommandInvocationsCommand: (ctx, input) => {
    const commands = Object.values(ctx.rw.ssmCommands).filter((c) => !input.CommandId || c.CommandId === input.CommandId);
    const list = commands
      .sort((a, b) => b.RequestedDateTime - a.RequestedDateTime)
      .flatMap((cmd) =>
        cmd.Invocations.filter((inv) => !input.InstanceId || inv.InstanceId === input.InstanceId).map((inv) => {
          const view = invocationAt(inv, ctx.now);
          const inst = ctx.rw.instances[inv.InstanceId];
          return {
            ...commandOf(cmd),
            InstanceId: inv.InstanceId,
            InstanceName: inst ? (tagValue(inst.Tags, "Name") ?? "") : "",
            RequestedDateTime: new Date(cmd.RequestedDateTime),
            Status: view.status,
            StatusDetails: view.status,
            StandardOutputUrl: "",
            StandardErrorUrl: "",
            CommandPlugins: input.Details ? [plugin(view)] : [],
            ServiceRole: "",
            CloudWatchOutputConfig: noCloudWatch(),
          };
        }),
      );
    return { CommandInvocations: list };
  },
  /** Run Command history: what was sent (newest first), as the console's "Command history" shows it. */
  ListCommandsCommand: (ctx, input) => {
    const list = Object.values(ctx.rw.ssmCommands)
      .filter((c) => !input.CommandId || c.CommandId === input.CommandId)
      .filter((c) => !input.InstanceId || c.InstanceIds.includes(input.InstanceId))
      .sort((a, b) => b.RequestedDateTime - a.RequestedDateTime)
      .map((cmd) => {
        const views = cmd.Invocations.map((inv) => invocationAt(inv, ctx.now));
        const status = views.find((v) => v.status !== "Success")?.status ?? "Success";
        return {
          ...commandOf(cmd),
          Parameters: { commands: [...cmd.Commands] },
          InstanceIds: [...cmd.InstanceIds],
          Targets: [],
          RequestedDateTime: new Date(cmd.RequestedDateTime),
          Status: status,
          StatusDetails: status,
          TargetCount: cmd.InstanceIds.length,
          CompletedCount: views.filter((v) => v.finishedAt !== undefined && v.finishedAt <= ctx.now).length,
          ErrorCount: views.filter((v) => v.status === "Failed").length,
        };
      });
    return { Commands: list };
  },
});
