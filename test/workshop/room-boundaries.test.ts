/**
 * A room's boundaries as a table: every write operation the sandbox answers is in it (a new one
 * must be placed, or participants are refused it); a participant changes what is theirs, never
 * another's, and is told so in AWS's own shape for each service; reads and DryRun probes pass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { allHandlers } from "../../src/sandbox/handlers/index.js";
import { READ_ONLY } from "../../src/sandbox/handler.js";
import type { SignedCall } from "../../src/sandbox/serve/dispatch.js";
import type { World } from "../../src/sandbox/world.js";
import { CHANGES, checkBoundary } from "../../src/workshop/room/boundaries.js";
import { buildLab } from "../helpers/built-lab.js";

const REGION = "ap-northeast-1";
let world: World;
const call = (service: string, operation: string, input: Record<string, unknown>): SignedCall => ({ accessKeyId: "PLLABX", service, command: `${operation}Command`, operation, input, region: REGION });
const PREFIXES = ["alice", "bob"];

beforeAll(async () => {
  world = (await buildLab()).world; // alice's whole build, up to a working curl
}, 60_000);

const alices = () => {
  const rw = world.regions[REGION]!;
  const live = <T extends { life: { deletedAt?: number } }>(o: Record<string, T>) => Object.values(o).filter((x) => x.life.deletedAt === undefined);
  const endpoint = live(rw.vpcEndpoints).find((e) => e.ServiceName.startsWith("com.amazonaws.vpce."))!;
  const service = live(rw.endpointServices)[0]!;
  const nlb = live(rw.loadBalancers)[0]!;
  const instance = live(rw.instances)[0]!;
  const group = live(rw.securityGroups).find((g) => g.GroupName === "alice-endpoint-sg") ?? live(rw.securityGroups).find((g) => g.GroupName !== "default")!;
  const tg = live(rw.targetGroups)[0]!;
  const listener = live(rw.listeners)[0]!;
  return { endpoint, service, nlb, instance, group, tg, listener };
};

describe("a room's boundaries", () => {
  it("place every write operation the sandbox answers (none is allowed by forgetting it)", () => {
    const writes = Object.entries(allHandlers).flatMap(([service, table]) =>
      Object.keys(table).map((c) => `${service}:${c.replace(/Command$/, "")}`).filter((op) => !READ_ONLY.test(op.split(":")[1]!)),
    );
    expect(writes.length).toBeGreaterThan(15);
    expect(writes.filter((op) => !(op in CHANGES))).toEqual([]);
  });

  it("let a participant change their own resources, and refuse another's, in AWS's shape per service", () => {
    const a = alices();
    const cases: [string, string, Record<string, unknown>][] = [
      ["ec2", "DeleteVpcEndpoints", { VpcEndpointIds: [a.endpoint.VpcEndpointId] }],
      ["ec2", "CreateVpcEndpoint", { VpcId: a.endpoint.VpcId, ServiceName: a.service.ServiceName }],
      ["ec2", "AcceptVpcEndpointConnections", { ServiceId: a.service.ServiceId, VpcEndpointIds: [a.endpoint.VpcEndpointId] }],
      ["ec2", "DeleteVpcEndpointServiceConfigurations", { ServiceIds: [a.service.ServiceId] }],
      ["ec2", "CreateVpcEndpointServiceConfiguration", { NetworkLoadBalancerArns: [a.nlb.LoadBalancerArn] }],
      ["ec2", "RevokeSecurityGroupIngress", { GroupId: a.group.GroupId }],
      ["ec2", "CreateTags", { Resources: [a.instance.InstanceId], Tags: [] }],
      ["cloudformation", "DeleteStack", { StackName: "alice-consumer" }],
      ["cloudformation", "CreateStack", { StackName: "alice-consumer" }],
      ["elbv2", "DeregisterTargets", { TargetGroupArn: a.tg.TargetGroupArn, Targets: [] }],
      ["elbv2", "ModifyListener", { ListenerArn: a.listener.ListenerArn }],
      ["elbv2", "CreateListener", { LoadBalancerArn: a.nlb.LoadBalancerArn, Port: 8080 }],
      ["elbv2", "DeleteListener", { ListenerArn: a.listener.ListenerArn }],
      ["ec2", "StopInstances", { InstanceIds: [a.instance.InstanceId] }],
      ["ec2", "StartInstances", { InstanceIds: [a.instance.InstanceId] }],
      ["ec2", "ModifyVpcEndpoint", { VpcEndpointId: a.endpoint.VpcEndpointId, AddSecurityGroupIds: [a.group.GroupId] }],
      ["ssm", "SendCommand", { InstanceIds: [a.instance.InstanceId], DocumentName: "AWS-RunShellScript" }],
      // A leftover role deleted by hand, as the preflight says: IAM's names are the participant's by their prefix.
      ["iam", "RemoveRoleFromInstanceProfile", { InstanceProfileName: "alice-ec2-instance-profile", RoleName: "alice-ec2-role" }],
      ["iam", "DetachRolePolicy", { RoleName: "alice-ec2-role", PolicyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }],
      ["iam", "DeleteRole", { RoleName: "alice-ec2-role" }],
    ];
    for (const [service, op, input] of cases) {
      expect(checkBoundary(call(service, op, input), "alice", PREFIXES, world), `alice ${op}`).toBeUndefined();
      const refused = checkBoundary(call(service, op, input), "bob", PREFIXES, world);
      expect(refused, `bob ${op}`).toBeDefined();
      const action = `${service === "elbv2" ? "elasticloadbalancing" : service}:${op}`;
      expect(refused!.message).toContain(`User: arn:aws:iam::${world.accountId}:user/bob is not authorized to perform: ${action} on resource: `);
      if (service === "ec2") expect(refused).toMatchObject({ code: "UnauthorizedOperation", status: 403 });
      else if (service === "ssm") expect(refused).toMatchObject({ code: "AccessDeniedException", status: 400 });
      else expect(refused).toMatchObject({ code: "AccessDenied", status: 403 });
    }
    expect(checkBoundary(call("ec2", "DeleteVpcEndpoints", { VpcEndpointIds: [a.endpoint.VpcEndpointId] }), "bob", PREFIXES, world)!.message).toContain(
      `on resource: arn:aws:ec2:${REGION}:${world.accountId}:vpc-endpoint/${a.endpoint.VpcEndpointId} because`,
    );
  });

  it("refuse a call that touches one foreign resource among its own", () => {
    const a = alices();
    const mixed = call("ec2", "CreateTags", { Resources: ["vpc-nothere", a.endpoint.VpcEndpointId], Tags: [] });
    expect(checkBoundary(mixed, "bob", PREFIXES, world)?.code).toBe("UnauthorizedOperation");
  });

  it("let everyone read, and DryRun probes pass; an operation outside the table is refused; the account's own VPC is nobody's", () => {
    expect(checkBoundary(call("ec2", "DescribeVpcEndpoints", {}), "bob", PREFIXES, world)).toBeUndefined();
    expect(checkBoundary(call("ec2", "CreateVpc", { DryRun: true, CidrBlock: "10.0.0.0/16" }), "bob", PREFIXES, world)).toBeUndefined();
    expect(checkBoundary(call("ec2", "CreateVpc", { CidrBlock: "10.0.0.0/16" }), "bob", PREFIXES, world)).toMatchObject({ code: "UnauthorizedOperation", message: expect.stringContaining("on resource: * because") });
    expect(checkBoundary(call("ec2", "CreateSecurityGroup", { GroupName: "x", Description: "x" }), "alice", PREFIXES, world)?.code).toBe("UnauthorizedOperation");
  });

  it("name a stack by the longest prefix it starts with (team-1 never owns team-10's)", () => {
    const op = call("cloudformation", "CreateStack", { StackName: "team-10-consumer" });
    expect(checkBoundary(op, "team-1", ["team-1", "team-10"], world)?.code).toBe("AccessDenied");
    expect(checkBoundary(op, "team-10", ["team-1", "team-10"], world)).toBeUndefined();
  });
});
