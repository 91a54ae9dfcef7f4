/**
 * What the printed console / AWS CLI text has a learner do, step by step: through the SDK, with
 * none of the tool's tags and exactly the parameters the text shows (shared by the lesson tests
 * that act as the learner's own hands).
 */
import { CreateStackCommand, DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DeleteVpcEndpointsCommand,
} from "@aws-sdk/client-ec2";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { packageRoot } from "../../src/paths.js";
import { sendLearnerCurl } from "./learner-curl.js";

const template = (side: string) => readFileSync(join(packageRoot(), "templates", `${side}.yml`), "utf8");

/** The learner's own hands for each step of the lesson, for a participant with this prefix. */
export function byHandSteps(PREFIX: string): Record<string, (ctx: LessonContext) => Promise<void>> {
  return {
  async deploy(ctx) {
    for (const [side, name] of [["Consumer", ctx.names.consumerStack], ["Provider", ctx.names.providerStack]] as const) {
      await ctx.clients.cfn.send(
        new CreateStackCommand({
          StackName: name,
          TemplateBody: template(side),
          Capabilities: ["CAPABILITY_NAMED_IAM"],
          Parameters: [{ ParameterKey: "Prefix", ParameterValue: PREFIX }, { ParameterKey: "AvailabilityZone", ParameterValue: "" }],
        }),
      );
    }
  },
  async "endpoint-service"(ctx) {
    const view = await readCloud(ctx.clients, ctx.names);
    await ctx.clients.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [view.provider!.resources.NLB!], AcceptanceRequired: true }));
  },
  async "interface-endpoint"(ctx) {
    const view = await readCloud(ctx.clients, ctx.names);
    const vpc = view.consumer!.resources.Vpc!;
    const sg = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-endpoint-sg`, Description: "endpoint", VpcId: vpc }));
    await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: vpc,
        ServiceName: ourService(view)!.name,
        SubnetIds: [view.consumer!.resources.PrivateSubnet!],
        SecurityGroupIds: [sg.GroupId!],
        PrivateDnsEnabled: false,
      }),
    );
  },
  async "allow-http"(ctx) {
    const view = await readCloud(ctx.clients, ctx.names);
    const ep = ourEndpoint(view)!;
    await ctx.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: ep.sgIds[0], IpProtocol: "tcp", FromPort: 80, ToPort: 80, CidrIp: `${view.consumerInstance!.ip}/32` }),
    );
  },
  async accept(ctx) {
    const view = await readCloud(ctx.clients, ctx.names);
    await ctx.clients.ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: ourService(view)!.id, VpcEndpointIds: [ourEndpoint(view)!.id] }));
  },
  curl: sendLearnerCurl,
  async cleanup(ctx) {
    const view = await readCloud(ctx.clients, ctx.names);
    const ep = ourEndpoint(view)!;
    await ctx.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ep.id] }));
    await ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: ep.sgIds[0] }));
    await ctx.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ourService(view)!.id] }));
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.consumerStack }));
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.providerStack }));
  },
  };
}
