import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  RejectVpcEndpointConnectionsCommand,
  type CreateVpcEndpointCommandInput,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "@aws-sdk/client-ec2";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { awsError } from "../../src/sandbox/aws-error.js";
import { buildLab, REGION, type Lab } from "./ec2-fixtures.js";

async function endpointService(lab: Lab, acceptanceRequired = true) {
  const out = await lab.clients.ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [lab.provider.nlbArn], AcceptanceRequired: acceptanceRequired }),
  );
  return out.ServiceConfiguration!;
}

function interfaceTo(lab: Lab, serviceName: string, extra: Partial<CreateVpcEndpointCommandInput> = {}): CreateVpcEndpointCommandInput {
  return { VpcEndpointType: "Interface", VpcId: lab.consumer.vpcId, ServiceName: serviceName, SubnetIds: [lab.consumer.subnetId], ...extra };
}

async function endpointCount(lab: Lab): Promise<number> {
  return (await lab.clients.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.length ?? 0;
}

describe("CreateVpcEndpoint: ClientToken makes retries safe", () => {
  it("after the SDK retries injected 503 Unavailable errors there is exactly one endpoint", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    lab.sandbox.faults.add({ command: "CreateVpcEndpoint", code: "Unavailable", times: 2 });
    const out = await lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, svc.ServiceName!, { ClientToken: "lab-token-1" })));
    expect(out.$metadata.attempts).toBe(3);
    expect(out.ClientToken).toBe("lab-token-1");
    expect(await endpointCount(lab)).toBe(1);
  });

  it("when AWS created the endpoint but the answer was lost, the retry returns that same endpoint", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    let lost = 0;
    // Inside the SDK's retry loop, outside the sandbox: the first answer is dropped on the way back.
    const loseFirstAnswer: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
      const result = await next(args);
      if (lost++ === 0) throw awsError("ec2", "Unavailable", "The service is unavailable. Please try again shortly.", 503);
      return result;
    };
    lab.clients.ec2.middlewareStack.add(loseFirstAnswer, { step: "finalizeRequest", priority: "low", name: "loseFirstAnswer" });
    const out = await lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, svc.ServiceName!, { ClientToken: "lab-token-2" })));
    expect(out.$metadata.attempts).toBe(2);
    const all = await lab.clients.ec2.send(new DescribeVpcEndpointsCommand({}));
    expect(all.VpcEndpoints?.map((e) => e.VpcEndpointId)).toEqual([out.VpcEndpoint?.VpcEndpointId]);
  });

  it("the same token with other parameters is IdempotentParameterMismatch", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    await lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, svc.ServiceName!, { ClientToken: "lab-token-3" })));
    const other = interfaceTo(lab, `com.amazonaws.${REGION}.ssm`, { ClientToken: "lab-token-3" });
    await expect(lab.clients.ec2.send(new CreateVpcEndpointCommand(other))).rejects.toMatchObject({ name: "IdempotentParameterMismatch" });
    expect(await endpointCount(lab)).toBe(1);
  });
});

describe("CreateVpcEndpoint: AWS's refusals", () => {
  it("a subnet in an Availability Zone the service does not support", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    const input = interfaceTo(lab, svc.ServiceName!, { SubnetIds: [lab.consumer.otherZoneSubnetId] });
    await expect(lab.clients.ec2.send(new CreateVpcEndpointCommand(input))).rejects.toMatchObject({
      name: "InvalidParameter",
      message: `The VPC endpoint service ${svc.ServiceName} does not support the availability zone of the subnet: ${lab.consumer.otherZoneSubnetId}.`,
    });
    expect(await endpointCount(lab)).toBe(0);
  });

  it("a service name that does not exist, private DNS on a service without a name, and the Gateway default", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    const missing = `com.amazonaws.vpce.${REGION}.vpce-svc-0123456789abcdef0`;
    await expect(lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, missing)))).rejects.toMatchObject({
      name: "InvalidServiceName",
      message: `The Vpc Endpoint Service '${missing}' does not exist`,
    });
    await expect(
      lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, svc.ServiceName!, { PrivateDnsEnabled: true }))),
    ).rejects.toMatchObject({ name: "InvalidParameter", message: expect.stringContaining("does not provide a private DNS name") });
    // The API's VpcEndpointType defaults to Gateway.
    await expect(
      lab.clients.ec2.send(new CreateVpcEndpointCommand({ VpcId: lab.consumer.vpcId, ServiceName: svc.ServiceName })),
    ).rejects.toMatchObject({ name: "InvalidParameter", message: "Endpoint type (Gateway) does not match available service types ([Interface])." });
    await expect(
      lab.clients.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [missing] })),
    ).rejects.toMatchObject({ name: "InvalidServiceName" });
  });

  it("the interface-endpoints-per-VPC quota", async () => {
    const lab = await buildLab();
    lab.sandbox.store.transact((w) => {
      w.quotas.interfaceEndpointsPerVpc = 1;
    });
    await lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, `com.amazonaws.${REGION}.ssm`)));
    await expect(
      lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, `com.amazonaws.${REGION}.ssmmessages`))),
    ).rejects.toMatchObject({ name: "VpcEndpointLimitExceeded" });
  });
});

describe("DeleteVpcEndpointServiceConfigurations", () => {
  it("reports a connected endpoint and unknown ids in Unsuccessful, and deletes once the connection is rejected", async () => {
    const lab = await buildLab();
    const svc = await endpointService(lab);
    const ep = (await lab.clients.ec2.send(new CreateVpcEndpointCommand(interfaceTo(lab, svc.ServiceName!)))).VpcEndpoint!;
    const blocked = await lab.clients.ec2.send(
      new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc.ServiceId!, "vpce-svc-0000000000000dead"] }),
    );
    expect(blocked.Unsuccessful).toEqual([
      { ResourceId: svc.ServiceId, Error: { Code: "ExistingVpcEndpointConnections", Message: "Service has existing active VPC Endpoint connections!" } },
      { ResourceId: "vpce-svc-0000000000000dead", Error: { Code: "InvalidVpcEndpointService.NotFound", Message: expect.any(String) } },
    ]);
    await lab.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: svc.ServiceId, VpcEndpointIds: [ep.VpcEndpointId!] }));
    const done = await lab.clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc.ServiceId!] }));
    expect(done.Unsuccessful).toEqual([]);
  });
});
