/** Step 5: the endpoint's security group admits HTTP (TCP 80) from the Consumer instance. */
import type { IpPermission } from "@aws-sdk/client-ec2";
import { awsCode } from "../../errors.js";
import { ourEndpoint, type CloudView } from "../cloud-view.js";
import type { LessonContext } from "../context.js";
import { admits, endpointSg, httpRule, inboundRules } from "../http-rule.js";
import { madeBy, type HandsOn, type Step } from "../step.js";
import { awsPort } from "../../aws/port.js";

function target(view: CloudView, ctx: LessonContext): { sgId: string; ip: string; instanceSgs: string[] } {
  const sgId = madeBy(ourEndpoint(view)?.sgIds[0], "interface-endpoint", ctx);
  const inst = madeBy(view.consumerInstance, "deploy", ctx);
  return { sgId, ip: inst.ip, instanceSgs: inst.sgIds };
}

export async function authorize(ctx: LessonContext, sgId: string, permission: IpPermission): Promise<void> {
  try {
    await awsPort(ctx.clients).ec2.authorizeSecurityGroupIngress({ GroupId: sgId, IpPermissions: [permission] });
    ctx.io.notify({ type: "resource-created", step: "allow-http", kind: "AWS::EC2::SecurityGroupIngress", id: sgId });
  } catch (e) {
    if (awsCode(e) !== "InvalidPermission.Duplicate") throw e; // already there: fine
  }
}

const form: HandsOn = {
  async run(ctx, view) {
    const { sgId, ip, instanceSgs } = target(view, ctx);
    const port = await ctx.io.select(
      ctx.t("form.http.type"),
      [
        { value: 80, name: "HTTP (TCP 80)" },
        { value: 443, name: "HTTPS (TCP 443)" },
        { value: 22, name: "SSH (TCP 22)" },
      ],
      80,
    );
    const source = await ctx.io.select(
      ctx.t("form.http.source"),
      [
        { value: "ip", name: ctx.t("form.http.sourceIp", { ip }) },
        { value: "sg", name: ctx.t("form.http.sourceSg", { sg: instanceSgs[0] ?? "" }) },
        { value: "world", name: ctx.t("form.http.sourceWorld") },
      ],
      "ip",
    );
    const notes: string[] = [];
    const perm: IpPermission = { IpProtocol: "tcp", FromPort: port, ToPort: port };
    if (source === "sg") perm.UserIdGroupPairs = [{ GroupId: instanceSgs[0], Description: "Consumer instance" }];
    else perm.IpRanges = [{ CidrIp: source === "ip" ? `${ip}/32` : "0.0.0.0/0", Description: source === "ip" ? "Consumer instance" : "anyone" }];
    await authorize(ctx, sgId, perm);
    if (port !== 80) notes.push("wrong-port");
    if (source === "world") notes.push("open-world");
    return notes;
  },
};

/** The learner's endpoint's group lets in TCP 80 from the Consumer instance. */
function admitsInstance(view: CloudView): boolean {
  const inst = view.consumerInstance;
  return Boolean(ourEndpoint(view) && inst && admits(endpointSg(view)?.ingress ?? [], 80, { ip: inst.ip, sgIds: inst.sgIds }));
}

export const allowHttp: Step = {
  id: "allow-http",
  requires: ["interface-endpoint"],
  // The group has rules, none of which admits HTTP from the instance (`step allow-http` once done teaches the step as before it).
  conceptVariant: (view) => (inboundRules(view).length && !admitsInstance(view) ? "rules" : undefined),
  detect(view) {
    const sg = endpointSg(view);
    if (!admitsInstance(view)) return { done: false, why: "detect.http.todo" };
    // The done text tells what the learner really allowed (their source, rules left over).
    const rule = httpRule(view);
    const variant = rule?.others.length ? "extra-rules" : rule?.kind === "world" ? "open-world" : rule?.kind === "sg" ? "sg" : undefined;
    return { done: true, why: "detect.http.done", vars: { sg: sg ? `${sg.id} (${sg.name})` : "" }, ...(variant ? { doneVariant: variant } : {}) };
  },
  async perform(ctx, view) {
    const { sgId, ip } = target(view, ctx);
    // The view holds every group the learner's endpoint uses, with its rules.
    if (admits(view.endpointSgs.find((g) => g.id === sgId)?.ingress ?? [], 80, { ip, sgIds: [] })) return;
    await authorize(ctx, sgId, { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: `${ip}/32`, Description: "Consumer instance" }] });
  },
  handsOn: form,
};
