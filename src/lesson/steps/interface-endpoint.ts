/** Step 4: the consumer side — an interface endpoint to the service, with its own security group. */
import {
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DescribeSecurityGroupsCommand,
} from "@aws-sdk/client-ec2";
import { awsCode, LabError } from "../../errors.js";
import { ourEndpoint, ourService, readEndpoints, type CloudView } from "../cloud-view.js";
import { saveState, type LessonContext } from "../context.js";
import { clientToken } from "../client-token.js";
import { participantTags } from "../participant.js";
import type { Step } from "../step.js";
import { waitFor } from "../wait.js";
import { interfaceEndpointForm } from "./interface-endpoint-form.js";

const WAITING_STATES = new Set(["pendingacceptance", "available"]);

/** The endpoint's own security group in the Consumer VPC (created once, found again by name). */
export async function ensureEndpointSg(ctx: LessonContext, vpcId: string): Promise<string> {
  const name = ctx.names.endpointSgName;
  const found = await ctx.clients.ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "group-name", Values: [name] }] }),
  );
  const existing = found.SecurityGroups?.[0]?.GroupId;
  if (existing) return existing;
  try {
    const out = await ctx.clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: "privatelink-lab: interface endpoint to the Provider service",
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: [{ Key: "Name", Value: name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
      }),
    );
    const id = out.GroupId ?? "";
    ctx.state.ids.endpointSgId = id;
    saveState(ctx);
    ctx.io.notify({ type: "resource-created", step: "interface-endpoint", kind: "AWS::EC2::SecurityGroup", id });
    return id;
  } catch (e) {
    if (awsCode(e) === "InvalidGroup.Duplicate") return ensureEndpointSg(ctx, vpcId);
    throw e;
  }
}

export interface EndpointChoices {
  serviceName: string;
  vpcId: string;
  subnetIds: string[];
  sgIds: string[];
  name: string;
}

export async function createInterfaceEndpoint(ctx: LessonContext, c: EndpointChoices, view: CloudView): Promise<string> {
  const token = clientToken(ctx, "endpoint", view.endpoints.some((e) => e.id === ctx.state.ids.endpointId && !/^(rejected|deleting|deleted|failed|expired)$/i.test(e.state)));
  const out = await ctx.clients.ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      ServiceName: c.serviceName,
      VpcId: c.vpcId,
      SubnetIds: c.subnetIds,
      SecurityGroupIds: c.sgIds,
      // The service has no private DNS name: we use the endpoint's own DNS names.
      PrivateDnsEnabled: false,
      ClientToken: token,
      TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "Name", Value: c.name }, ...participantTags(ctx.state.prefix, ctx.lesson)] }],
    }),
  );
  const id = out.VpcEndpoint?.VpcEndpointId;
  if (!id) throw new LabError("error.unexpected", { what: "CreateVpcEndpoint" }, { source: "internal" });
  ctx.state.ids.endpointId = id;
  saveState(ctx);
  ctx.io.notify({ type: "resource-created", step: "interface-endpoint", kind: "AWS::EC2::VPCEndpoint", id });
  await waitFor(ctx, {
    step: "interface-endpoint",
    label: "wait.endpoint",
    read: async () => (await readEndpoints(ctx.clients, ctx.state.prefix)).find((e) => e.id === id),
    check: (e) => (e && WAITING_STATES.has(e.state.toLowerCase()) ? true : e && e.state.toLowerCase() === "failed" ? new LabError("error.endpointFailed", { id }) : undefined),
    describe: (e) => e?.state ?? "",
    usualSeconds: 90,
  });
  return id;
}

export function requireConsumer(view: CloudView): { vpcId: string; subnetId: string } {
  const vpcId = view.consumer?.resources.Vpc;
  const subnetId = view.consumer?.resources.PrivateSubnet;
  if (!vpcId || !subnetId) throw new LabError("error.missingStep", { step: "deploy" });
  return { vpcId, subnetId };
}

export const interfaceEndpoint: Step = {
  id: "interface-endpoint",
  requires: ["endpoint-service"],
  detect(view) {
    const ep = ourEndpoint(view);
    if (!ep) return { done: false, why: "detect.endpoint.todo" };
    if (!WAITING_STATES.has(ep.state.toLowerCase())) return { done: false, why: "detect.endpoint.pending", vars: { state: ep.state } };
    // Pending: the note explains the wait. Already available: the service accepts by itself.
    if (ep.state.toLowerCase() === "available") return { done: true, why: "detect.endpoint.done", vars: { state: ep.state }, doneVariant: "available" };
    return { done: true, why: "detect.endpoint.done", vars: { state: ep.state }, teaches: ["pending-acceptance"] };
  },
  async perform(ctx, view) {
    const svc = ourService(view);
    if (!svc) throw new LabError("error.missingStep", { step: "endpoint-service" });
    const { vpcId, subnetId } = requireConsumer(view);
    const sg = await ensureEndpointSg(ctx, vpcId);
    await createInterfaceEndpoint(ctx, { serviceName: svc.name, vpcId, subnetIds: [subnetId], sgIds: [sg], name: `${ctx.state.prefix}-endpoint` }, view);
  },
  handsOn: interfaceEndpointForm,
};
