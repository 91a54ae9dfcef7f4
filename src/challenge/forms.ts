/** Hands-on repair: console-like forms; nothing says which page is right, and a wrong change is applied as asked. */
import type { IpPermission } from "@aws-sdk/client-ec2";
import { awsCode } from "../errors.js";
import type { LessonContext } from "../lesson/context.js";
import type { Choice } from "../ui/io-host.js";
import { readLearnerPath, type LearnerPath } from "./learner-path.js";
import { acceptAndWait, recreateEndpoint } from "./repairs.js";
import { awsPort } from "../aws/port.js";

type Page = "inbound" | "outbound" | "connections" | "listener" | "targets" | "done";

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

async function ruleFields(ctx: LessonContext, path: LearnerPath, direction: "source" | "destination"): Promise<IpPermission> {
  const port = await ctx.io.select(ctx.t("challenge.form.type"), [
    { value: 80, name: "HTTP (TCP 80)" },
    { value: 443, name: "HTTPS (TCP 443)" },
    { value: 22, name: "SSH (TCP 22)" },
  ], 80);
  const peer = await ctx.io.select<string>(ctx.t(direction === "source" ? "challenge.form.source" : "challenge.form.destination"), [
    { value: "cidr", name: ctx.t("challenge.form.customCidr") },
    ...(path.consumerSgId ? [{ value: path.consumerSgId, name: ctx.t("challenge.form.consumerSg", { sg: path.consumerSgId }) }] : []),
    { value: "0.0.0.0/0", name: ctx.t("challenge.form.anywhere") },
  ], "cidr");
  const perm: IpPermission = { IpProtocol: "tcp", FromPort: port, ToPort: port };
  if (peer.startsWith("sg-")) perm.UserIdGroupPairs = [{ GroupId: peer }];
  else {
    const cidr = peer === "cidr" ? await ctx.io.input(ctx.t("challenge.form.cidr"), "", (v) => (CIDR.test(v.trim()) ? true : ctx.t("challenge.form.badCidr"))) : peer;
    perm.IpRanges = [{ CidrIp: cidr.trim() }];
  }
  return perm;
}

function groupChoices(ctx: LessonContext, path: LearnerPath, outbound: boolean): Choice<string>[] {
  const groups: [string | undefined, string][] = outbound
    ? [[path.consumerSgId, "challenge.form.sgConsumer"]]
    : [[path.endpointSgId, "challenge.form.sgEndpoint"], [path.providerSgId, "challenge.form.sgProvider"], [path.consumerSgId, "challenge.form.sgConsumer"]];
  return groups.flatMap(([id, key]) => (id ? [{ value: id, name: `${id} — ${ctx.t(key)}` }] : []));
}

async function editRules(ctx: LessonContext, path: LearnerPath, outbound: boolean): Promise<void> {
  const choices = groupChoices(ctx, path, outbound);
  if (choices.length === 0) return;
  const groupId = await ctx.io.select(ctx.t("challenge.form.group"), choices, choices[0]!.value);
  const perm = await ruleFields(ctx, path, outbound ? "destination" : "source");
  try {
    if (outbound) await awsPort(ctx.clients).ec2.authorizeSecurityGroupEgress({ GroupId: groupId, IpPermissions: [perm] });
    else await awsPort(ctx.clients).ec2.authorizeSecurityGroupIngress({ GroupId: groupId, IpPermissions: [perm] });
    ctx.io.notify({ type: "notice", level: "success", message: ctx.t("challenge.form.saved") });
  } catch (e) {
    if (awsCode(e) !== "InvalidPermission.Duplicate") throw e;
    ctx.io.notify({ type: "notice", level: "info", message: ctx.t("challenge.form.duplicate") });
  }
}

async function connections(ctx: LessonContext, path: LearnerPath): Promise<void> {
  const state = (path.endpointState ?? "").toLowerCase();
  if (!path.serviceId || !path.endpointId) return;
  const action = await ctx.io.select<"accept" | "replace" | "back">(ctx.t("challenge.form.connection", { id: path.endpointId, state: path.endpointState ?? "" }), [
    { value: "accept", name: ctx.t("challenge.form.accept") },
    { value: "replace", name: ctx.t("challenge.form.replace") },
    { value: "back", name: ctx.t("challenge.form.back") },
  ], "back");
  if (action === "accept") {
    if (state !== "pendingacceptance") {
      ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("challenge.form.cannotAccept", { state: path.endpointState ?? "" }) });
      return;
    }
    await acceptAndWait(ctx, path.serviceId, path.endpointId);
  } else if (action === "replace") {
    await awsPort(ctx.clients).ec2.deleteVpcEndpoints({ VpcEndpointIds: [path.endpointId] });
    // (Its creation is said once, where it is recorded.)
    await acceptAndWait(ctx, path.serviceId, await recreateEndpoint(ctx, path));
  }
}

async function listener(ctx: LessonContext, path: LearnerPath): Promise<void> {
  if (!path.listenerArn) return;
  const port = await ctx.io.input(ctx.t("challenge.form.listenerPort", { port: path.listenerPort ?? "" }), String(path.listenerPort ?? ""), (v) =>
    /^\d{1,5}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? true : ctx.t("challenge.form.badPort"),
  );
  await awsPort(ctx.clients).elbv2.modifyListener({ ListenerArn: path.listenerArn, Port: Number(port) });
  ctx.io.notify({ type: "notice", level: "success", message: ctx.t("challenge.form.saved") });
}

async function targets(ctx: LessonContext, path: LearnerPath): Promise<void> {
  if (!path.targetGroupArn || !path.providerInstanceId) return;
  const id = await ctx.io.select(ctx.t("challenge.form.instance"), [{ value: path.providerInstanceId, name: ctx.t("challenge.form.providerInstance", { id: path.providerInstanceId }) }], path.providerInstanceId);
  const port = await ctx.io.input(ctx.t("challenge.form.targetPort"), "80", (v) => (/^\d{1,5}$/.test(v.trim()) ? true : ctx.t("challenge.form.badPort")));
  await awsPort(ctx.clients).elbv2.registerTargets({ TargetGroupArn: path.targetGroupArn, Targets: [{ Id: id, Port: Number(port) }] });
  ctx.io.notify({ type: "notice", level: "success", message: ctx.t("challenge.form.saved") });
}

/** Lets the learner change things page by page until they choose "done". */
export async function fixWithForms(ctx: LessonContext): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const page = await ctx.io.select<Page>(ctx.t("challenge.form.page"), [
      { value: "inbound", name: ctx.t("challenge.form.pageInbound") },
      { value: "outbound", name: ctx.t("challenge.form.pageOutbound") },
      { value: "connections", name: ctx.t("challenge.form.pageConnections") },
      { value: "listener", name: ctx.t("challenge.form.pageListener") },
      { value: "targets", name: ctx.t("challenge.form.pageTargets") },
      { value: "done", name: ctx.t("challenge.form.pageDone") },
      // The cursor starts on the first page; with no one to ask, nothing is changed.
    ], ctx.io.interactive ? "inbound" : "done");
    if (page === "done") return;
    const path = await readLearnerPath(ctx);
    if (page === "inbound" || page === "outbound") await editRules(ctx, path, page === "outbound");
    else if (page === "connections") await connections(ctx, path);
    else if (page === "listener") await listener(ctx, path);
    else await targets(ctx, path);
  }
}
