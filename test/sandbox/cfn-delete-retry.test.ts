/** CloudFormation retries a blocked delete while it runs: removing the blocker in time lets it finish. */
import { DeleteStackCommand, DescribeStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { CONSUMER, deploy, lab, stackStatus, type Lab } from "./cfn-helpers.js";

const MIN = 60_000;

async function consumerWithLearnerEndpoint(l: Lab): Promise<string> {
  await deploy(l, "plab-consumer", CONSUMER, { Prefix: "erin" });
  l.clock.advance(15 * MIN);
  const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-consumer" }))).StackResources ?? [];
  const subnetId = res.find((r) => r.LogicalResourceId === "PrivateSubnet")!.PhysicalResourceId!;
  const vpcId = res.find((r) => r.LogicalResourceId === "Vpc")!.PhysicalResourceId!;
  const ep = await l.clients.ec2.send(
    new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, SubnetIds: [subnetId], ServiceName: "com.amazonaws.ap-northeast-1.ec2", PrivateDnsEnabled: false }),
  );
  l.clock.advance(3 * MIN);
  return ep.VpcEndpoint!.VpcEndpointId!;
}

describe("a delete blocked by a learner's endpoint", () => {
  it("finishes when the endpoint is deleted two minutes later, while CloudFormation still retries", async () => {
    const l = await lab("ap-northeast-1", 1);
    const endpointId = await consumerWithLearnerEndpoint(l);
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-consumer" }));
    l.clock.advance(2 * MIN);
    expect(await stackStatus(l, "plab-consumer")).toBe("DELETE_IN_PROGRESS");
    await l.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    l.clock.advance(25 * MIN);
    await expect(stackStatus(l, "plab-consumer")).rejects.toMatchObject({ name: "ValidationError" }); // gone: DELETE_COMPLETE
  });

  it("still ends DELETE_FAILED when the endpoint stays", async () => {
    const l = await lab("ap-northeast-1", 1);
    await consumerWithLearnerEndpoint(l);
    await l.clients.cfn.send(new DeleteStackCommand({ StackName: "plab-consumer" }));
    l.clock.advance(25 * MIN);
    expect(await stackStatus(l, "plab-consumer")).toBe("DELETE_FAILED");
  });
});
