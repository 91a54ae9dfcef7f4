/**
 * EC2's `DryRun`: a request with `DryRun: true` is checked for permission and never changes
 * anything. Allowed → `DryRunOperation` (HTTP 412, "Request would have succeeded, ..."); denied →
 * `UnauthorizedOperation` naming the action. In the sandbox a request is denied when a fault for
 * that command says `UnauthorizedOperation`; other faults are left for the real call.
 */
import { awsError, type ServiceKey } from "./aws-error.js";
import type { FaultPlan } from "./faults.js";

const DENIALS = new Set(["UnauthorizedOperation", "AccessDenied"]);

/** The resource type AWS names in the denial, per action (anything else: `*`). */
const RESOURCE_OF: Record<string, string> = {
  CreateVpc: "vpc/*",
  CreateSubnet: "subnet/*",
  CreateSecurityGroup: "security-group/*",
  CreateVpcEndpoint: "vpc-endpoint/*",
  CreateVpcEndpointServiceConfiguration: "vpc-endpoint-service/*",
  RunInstances: "instance/*",
};

/** EC2 commands the sandbox answers only with DryRun (the preflight's permission checks). */
export const DRY_RUN_ONLY = Object.keys(RESOURCE_OF);

export function isDryRun(service: ServiceKey, input: object): boolean {
  return service === "ec2" && (input as { DryRun?: unknown }).DryRun === true;
}

/** AWS's denial message: the caller, the action and the resource. */
function unauthorizedMessage(action: string, callerArn: string, region: string, accountId: string): string {
  const resource = `arn:aws:ec2:${region}:${accountId}:${RESOURCE_OF[action] ?? "*"}`;
  return (
    `You are not authorized to perform this operation. User: ${callerArn} is not authorized to perform: ec2:${action} ` +
    `on resource: ${resource} because no identity-based policy allows the ec2:${action} action. ` +
    `Encoded authorization failure message: sandbox-${action.toLowerCase()}`
  );
}

/** The error a DryRun request ends with (it always ends with one, as on AWS). */
export function dryRunError(command: string, faults: FaultPlan, where: { region: string; accountId: string; caller: string }): Error {
  const action = command.replace(/Command$/, "");
  const denial = faults.take(command, (f) => DENIALS.has(f.code));
  if (denial) {
    const callerArn = `arn:aws:iam::${where.accountId}:user/${where.caller}`;
    return awsError("ec2", "UnauthorizedOperation", denial.message ?? unauthorizedMessage(action, callerArn, where.region, where.accountId), denial.status ?? 403);
  }
  return awsError("ec2", "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
}
