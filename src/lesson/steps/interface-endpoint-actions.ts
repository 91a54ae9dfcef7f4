/** What the interface-endpoint step and its hands-on form both do: its security group, the endpoint, strays. */
import { awsCode, LabError } from "../../errors.js";
import { DEAD_ENDPOINT, readEndpointsById, strayEndpoints, wrongVpcEndpoints, type CloudView } from "../cloud-view.js";
import { recordMade, type LessonContext } from "../context.js";
import { canonical, createOnce } from "../client-token.js";
import { participantTags } from "../../participant.js";
import { waitFor } from "../wait.js";
import { offerToDelete, offerToRemoveRejected } from "../rejected-endpoint.js";
import { awsPort } from "../../aws/port.js";

export const WAITING_STATES = new Set(["pendingacceptance", "available"]);

/** The id of the group with this name in the VPC, if there is one. */
export async function groupNamed(ctx: LessonContext, vpcId: string, name: string): Promise<string | undefined> {
  const out = await awsPort(ctx.clients).ec2.describeSecurityGroups({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "group-name", Values: [name] }] });
  return out.SecurityGroups?.[0]?.GroupId;
}

/** The endpoint's own security group in the Consumer VPC (created once, found again by name). */
export async function ensureEndpointSg(ctx: LessonContext, vpcId: string): Promise<string> {
  const name = ctx.names.endpointSgName;
  const existing = await groupNamed(ctx, vpcId, name);
  if (existing) return existing;
  try {
    const out = await awsPort(ctx.clients).ec2.createSecurityGroup({
        GroupName: name,
        Description: "privatelink-lab: interface endpoint to the Provider service",
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: [{ Key: "Name", Value: name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
      });
    recordMade(ctx, "interface-endpoint", "AWS::EC2::SecurityGroup", "endpointSgId", out.GroupId ?? "");
    return out.GroupId ?? "";
  } catch (e) {
    if (awsCode(e) === "InvalidGroup.Duplicate") return ensureEndpointSg(ctx, vpcId);
    throw e;
  }
}

export async function createInterfaceEndpoint(ctx: LessonContext, c: { serviceName: string; vpcId: string; subnetIds: string[]; sgIds: string[]; name: string }): Promise<string> {
  const params = { service: c.serviceName, vpc: c.vpcId, subnets: canonical(c.subnetIds), groups: canonical(c.sgIds), name: c.name };
  const out = await createOnce(
    ctx,
    "endpoint",
    params,
    (ClientToken) =>
      awsPort(ctx.clients).ec2.createVpcEndpoint({
          VpcEndpointType: "Interface",
          ServiceName: c.serviceName,
          VpcId: c.vpcId,
          SubnetIds: c.subnetIds,
          SecurityGroupIds: c.sgIds,
          // The service has no private DNS name: we use the endpoint's own DNS names.
          PrivateDnsEnabled: false,
          ClientToken,
          TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "Name", Value: c.name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
        }),
    (made) => DEAD_ENDPOINT.test(String(made.VpcEndpoint?.State ?? "")),
  );
  const id = out.VpcEndpoint?.VpcEndpointId;
  if (!id) throw new LabError("error.unexpected", { what: "CreateVpcEndpoint" }, { source: "internal" });
  recordMade(ctx, "interface-endpoint", "AWS::EC2::VPCEndpoint", "endpointId", id);
  await waitFor(ctx, {
    step: "interface-endpoint",
    label: "wait.endpoint",
    read: async () => (await readEndpointsById(ctx.clients, [id]))[0],
    check: (e) => (e && WAITING_STATES.has(e.state.toLowerCase()) ? true : e && e.state.toLowerCase() === "failed" ? new LabError("error.endpointFailed", { id }) : undefined),
    describe: (e) => e?.state ?? "",
    usualSeconds: 90,
  });
  return id;
}

/** Names endpoints to another service or in the Provider VPC (they cost money) and offers to delete them; without a learner, kept. */
export async function offerToRemoveStrays(ctx: LessonContext, view: CloudView): Promise<void> {
  await offerToRemoveRejected(ctx, view);
  const wrongVpc = wrongVpcEndpoints(view).map((e) => ({ e, message: ctx.t("wrongVpc.notice", { id: e.id, vpc: e.vpcId }) }));
  const strays = strayEndpoints(view).map((e) => ({ e, message: ctx.t("endpoint.stray", { id: e.id, service: e.serviceName }) }));
  for (const { e, message } of [...wrongVpc, ...strays]) {
    ctx.io.notify({ type: "notice", level: "warn", message });
    await offerToDelete(ctx, e.id, ctx.t("endpoint.removeStray", { id: e.id }));
  }
}

export function requireConsumer(view: CloudView): { vpcId: string; subnetId: string } {
  const vpcId = view.consumer?.resources.Vpc;
  const subnetId = view.consumer?.resources.PrivateSubnet;
  if (!vpcId || !subnetId) throw new LabError("error.missingStep", { step: "deploy" });
  return { vpcId, subnetId };
}
