/**
 * Permissions asked of EC2 with `DryRun` (nothing created): `DryRunOperation` allowed, `UnauthorizedOperation` denied,
 * anything else unknown. CloudFormation, IAM and ELB have no DryRun: see iam-policy.json.
 */
import { awsCode, errorMessage } from "../errors.js";
import { missingAction } from "../aws/error-translation.js";
import type { AwsClients } from "../aws/clients.js";
import { result, type CheckResult, type PreflightTarget, type PreflightReads } from "./check.js";
import { INSTANCE_TYPE } from "./account.js";
import { awsPort } from "../aws/port.js";

interface Probe {
  action: string;
  call: (clients: AwsClients) => Promise<unknown>;
}

/** A VPC to name in the probes: the default VPC when there is one (AWS may check it exists). */
async function probeVpc(reads: PreflightReads): Promise<string> {
  const vpcs = await reads.vpcs().catch(() => []);
  return vpcs.find((v) => v.IsDefault)?.VpcId ?? "vpc-00000000000000000";
}

function probes(t: PreflightTarget, vpcId: string, ami: string | undefined): Probe[] {
  return [
    { action: "ec2:CreateVpc", call: (c) => awsPort(c).ec2.createVpc({ DryRun: true, CidrBlock: "10.0.0.0/16" }) },
    {
      action: "ec2:CreateSecurityGroup",
      call: (c) => awsPort(c).ec2.createSecurityGroup({ DryRun: true, GroupName: `${t.prefix}-preflight`, Description: "privatelink-lab preflight", VpcId: vpcId }),
    },
    {
      action: "ec2:CreateVpcEndpoint",
      call: (c) => awsPort(c).ec2.createVpcEndpoint({ DryRun: true, VpcId: vpcId, ServiceName: `com.amazonaws.${t.region}.s3`, VpcEndpointType: "Gateway" }),
    },
    ...(ami ? [{
      action: "ec2:RunInstances",
      call: (c: AwsClients) => awsPort(c).ec2.runInstances({ DryRun: true, ImageId: ami, InstanceType: INSTANCE_TYPE, MinCount: 1, MaxCount: 1 }),
    }] : []),
  ];
}

async function ask(t: PreflightTarget, p: Probe): Promise<CheckResult> {
  const id = `permission.${p.action}`;
  try {
    await p.call(t.clients);
  } catch (e) {
    const code = awsCode(e) ?? "";
    if (code === "UnauthorizedOperation" || code === "AccessDenied") {
      return result(id, "permission", "fail", "doctor.permission.denied", { action: missingAction(errorMessage(e)) ?? p.action });
    }
    if (!code) throw e;
    if (code !== "DryRunOperation") return result(id, "permission", "warn", "doctor.permission.unknown", { action: p.action, code });
  }
  return result(id, "permission", "ok", "doctor.permission.ok", { action: p.action });
}

export async function checkPermissions(t: PreflightTarget, ami: string | undefined, reads: PreflightReads): Promise<CheckResult[]> {
  const vpcId = await probeVpc(reads);
  const out: CheckResult[] = [];
  for (const p of probes(t, vpcId, ami)) out.push(await ask(t, p));
  return out;
}
