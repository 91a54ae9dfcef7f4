/**
 * A room's boundaries, like an IAM policy on each participant's key: every participant reads the whole account; a
 * call that changes something is allowed only when all it changes is the caller's, by the relations `destroy` uses.
 * Else AWS's own refusal, and nothing changes. A write operation not in the table is refused (fail closed).
 */
import type { SignedCall } from "../../sandbox/serve/dispatch.js";
import type { WireError } from "../../sandbox/serve/answers.js";
import { emptyRegion, type RegionWorld, type Tag, type World } from "../../sandbox/world.js";
import { PARTICIPANT_TAG } from "../../participant.js";
import { READ_ONLY } from "../../sandbox/handler.js";

type Kind = "stackName" | "role" | "instanceProfile" | "stack" | "vpc" | "securityGroup" | "vpcEndpoint" | "endpointService" | "loadBalancer" | "targetGroup" | "listener" | "instance" | "taggable";

/** One thing a call changes; `id` undefined means something of the account's own (the default VPC). */
interface Ref {
  kind: Kind;
  id: string | undefined;
}

type Input = Record<string, unknown>;

const one = (kind: Kind, field: string) => (i: Input): Ref[] => [{ kind, id: typeof i[field] === "string" ? i[field] : undefined }];
const many = (kind: Kind, field: string) => (i: Input): Ref[] => (Array.isArray(i[field]) ? (i[field] as unknown[]) : []).map((id) => ({ kind, id: String(id) }));
const all = (...fs: ((i: Input) => Ref[])[]) => (i: Input): Ref[] => fs.flatMap((f) => f(i));
/** A group named by id, or by name (then looked up in the region). */
const group = (i: Input): Ref[] => [{ kind: "securityGroup", id: typeof i.GroupId === "string" ? i.GroupId : typeof i.GroupName === "string" ? `name:${i.GroupName}` : undefined }];

/** `service:Operation` → what it changes. Everything not Describe/Get/List must be here to be allowed. */
export const CHANGES: Record<string, (input: Input) => Ref[]> = {
  "cloudformation:CreateStack": one("stackName", "StackName"),
  "cloudformation:DeleteStack": one("stack", "StackName"),
  "ec2:CreateVpcEndpoint": all(one("vpc", "VpcId"), many("securityGroup", "SecurityGroupIds")),
  "ec2:DeleteVpcEndpoints": many("vpcEndpoint", "VpcEndpointIds"),
  "ec2:ModifyVpcEndpoint": all(one("vpcEndpoint", "VpcEndpointId"), many("securityGroup", "AddSecurityGroupIds")),
  "ec2:ModifyInstanceAttribute": all(one("instance", "InstanceId"), many("securityGroup", "Groups")),
  "ec2:StartInstances": many("instance", "InstanceIds"),
  "ec2:StopInstances": many("instance", "InstanceIds"),
  "ec2:CreateVpcEndpointServiceConfiguration": many("loadBalancer", "NetworkLoadBalancerArns"),
  "ec2:DeleteVpcEndpointServiceConfigurations": many("endpointService", "ServiceIds"),
  "ec2:ModifyVpcEndpointServiceConfiguration": one("endpointService", "ServiceId"),
  "ec2:ModifyVpcEndpointServicePermissions": one("endpointService", "ServiceId"),
  "ec2:AcceptVpcEndpointConnections": one("endpointService", "ServiceId"),
  "ec2:RejectVpcEndpointConnections": one("endpointService", "ServiceId"),
  "ec2:CreateSecurityGroup": one("vpc", "VpcId"),
  "ec2:DeleteSecurityGroup": group,
  "ec2:AuthorizeSecurityGroupIngress": group,
  "ec2:AuthorizeSecurityGroupEgress": group,
  "ec2:RevokeSecurityGroupIngress": group,
  "ec2:RevokeSecurityGroupEgress": group,
  "ec2:CreateTags": many("taggable", "Resources"),
  "ec2:DeleteTags": many("taggable", "Resources"),
  "elbv2:RegisterTargets": one("targetGroup", "TargetGroupArn"),
  "elbv2:DeregisterTargets": one("targetGroup", "TargetGroupArn"),
  "elbv2:ModifyListener": one("listener", "ListenerArn"),
  "elbv2:CreateListener": one("loadBalancer", "LoadBalancerArn"),
  "elbv2:DeleteListener": one("listener", "ListenerArn"),
  "ssm:SendCommand": many("instance", "InstanceIds"),
  "ssm:StartSession": one("instance", "Target"),
  // IAM by hand (a leftover role deleted as the preflight says): names are global, each participant's begins with their prefix.
  "iam:CreateRole": one("role", "RoleName"),
  "iam:DeleteRole": one("role", "RoleName"),
  "iam:AttachRolePolicy": one("role", "RoleName"),
  "iam:DetachRolePolicy": one("role", "RoleName"),
  "iam:CreateInstanceProfile": one("instanceProfile", "InstanceProfileName"),
  "iam:DeleteInstanceProfile": one("instanceProfile", "InstanceProfileName"),
  "iam:AddRoleToInstanceProfile": all(one("instanceProfile", "InstanceProfileName"), one("role", "RoleName")),
  "iam:RemoveRoleFromInstanceProfile": all(one("instanceProfile", "InstanceProfileName"), one("role", "RoleName")),
};

/** Whose a thing is: the prefixes it belongs to (none: the account's own, or nobody's). */
class Owners {
  constructor(
    private readonly rw: RegionWorld,
    private readonly prefixes: readonly string[],
  ) {}

  /** The participant a stack name is made from: the longest prefix it starts with (`team-1` never owns `team-10-…`). */
  ofName(name: string): string[] {
    const p = this.prefixes.filter((x) => name.startsWith(`${x}-`)).sort((a, b) => b.length - a.length)[0];
    return p ? [p] : [];
  }

  private tagged(tags: Tag[] | undefined): string[] {
    return (tags ?? []).filter((t) => t.Key === PARTICIPANT_TAG && this.prefixes.includes(t.Value)).map((t) => t.Value);
  }

  private stackOf(stackId: string | undefined): string[] {
    const s = stackId ? this.rw.stacks[stackId] : undefined;
    return s ? [...this.ofName(s.StackName), ...this.tagged(s.Tags)] : [];
  }

  /** A resource in a VPC: tagged for someone, made by their stack, or in their VPC (undefined: no such thing). */
  private inVpc(e: { Tags?: Tag[]; life: { stackId?: string }; VpcId?: string } | undefined): string[] | undefined {
    if (!e) return undefined;
    return [...this.tagged(e.Tags), ...this.stackOf(e.life.stackId), ...(e.VpcId ? this.of({ kind: "vpc", id: e.VpcId }) ?? [] : [])];
  }

  /** Undefined: no such thing (the sandbox answers as AWS does; nothing changes). */
  of(ref: Ref): string[] | undefined {
    const rw = this.rw;
    const id = ref.id;
    if (id === undefined) return [];
    switch (ref.kind) {
      case "stackName":
      case "role":
      case "instanceProfile":
        return this.ofName(id);
      case "stack": {
        // By id (an ARN), else by name: a name is someone's whether or not its stack exists (or is being deleted).
        const s = rw.stacks[id];
        if (s) return [...this.ofName(s.StackName), ...this.tagged(s.Tags)];
        return id.startsWith("arn:") ? undefined : this.ofName(id);
      }
      case "vpc": {
        const v = rw.vpcs[id];
        return v ? [...this.tagged(v.Tags), ...this.stackOf(v.life.stackId)] : undefined;
      }
      case "securityGroup": {
        const g = id.startsWith("name:") ? Object.values(rw.securityGroups).find((x) => x.GroupName === id.slice(5) && x.life.deletedAt === undefined) : rw.securityGroups[id];
        return this.inVpc(g);
      }
      case "vpcEndpoint":
        return this.inVpc(rw.vpcEndpoints[id]);
      case "loadBalancer":
        return this.inVpc(rw.loadBalancers[id]);
      case "targetGroup":
        return this.inVpc(rw.targetGroups[id]);
      case "instance":
        return this.inVpc(rw.instances[id]);
      case "listener": {
        const l = rw.listeners[id];
        return l ? [...this.stackOf(l.life.stackId), ...(this.of({ kind: "loadBalancer", id: l.LoadBalancerArn }) ?? [])] : undefined;
      }
      case "endpointService": {
        const s = rw.endpointServices[id];
        return s ? [...this.tagged(s.Tags), ...s.NetworkLoadBalancerArns.flatMap((arn) => this.of({ kind: "loadBalancer", id: arn }) ?? [])] : undefined;
      }
      case "taggable": {
        const kind: Kind | undefined = id.startsWith("vpce-svc-") ? "endpointService" : id.startsWith("vpce-") ? "vpcEndpoint" : id.startsWith("vpc-") ? "vpc" : id.startsWith("sg-") ? "securityGroup" : id.startsWith("i-") ? "instance" : undefined;
        if (kind) return this.of({ kind, id });
        return this.inVpc(rw.subnets[id] ?? rw.routeTables[id] ?? rw.networkInterfaces[id]) ?? [];
      }
    }
  }
}

const IAM_SERVICE: Record<string, string> = { elbv2: "elasticloadbalancing" };

function resourceArn(call: SignedCall, ref: Ref | undefined, accountId: string): string {
  if (!ref || ref.id === undefined) return "*";
  const id = ref.id;
  switch (ref.kind) {
    case "stackName":
      return `arn:aws:cloudformation:${call.region}:${accountId}:stack/${id}/*`;
    case "stack":
      return id.startsWith("arn:") ? id : `arn:aws:cloudformation:${call.region}:${accountId}:stack/${id}/*`;
    case "loadBalancer":
    case "targetGroup":
    case "listener":
      return id;
    case "role":
      return `arn:aws:iam::${accountId}:role/${id}`;
    case "instanceProfile":
      return `arn:aws:iam::${accountId}:instance-profile/${id}`;
    default: {
      const type = id.startsWith("vpce-svc-") ? "vpc-endpoint-service" : id.startsWith("vpce-") ? "vpc-endpoint" : id.startsWith("vpc-") ? "vpc" : id.startsWith("sg-") || id.startsWith("name:") ? "security-group" : id.startsWith("i-") ? "instance" : id.startsWith("subnet-") ? "subnet" : "resource";
      return `arn:aws:ec2:${call.region}:${accountId}:${type}/${id.replace(/^name:/, "")}`;
    }
  }
}

/** AWS's refusal of `call` on `arn`, in the shape its service uses. */
function refusal(call: SignedCall, user: string, arn: string): WireError {
  const action = `${IAM_SERVICE[call.service] ?? call.service}:${call.operation}`;
  const said = `User: ${user} is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`;
  if (call.service === "ec2") return { code: "UnauthorizedOperation", message: `You are not authorized to perform this operation. ${said}.`, status: 403 };
  if (call.service === "ssm" || call.service === "servicequotas") return { code: "AccessDeniedException", message: said, status: 400 };
  return { code: "AccessDenied", message: said, status: 403 };
}

/** Undefined when `prefix` may make `call` in `world`, else AWS's error. Run it in the same tick as the call. */
export function checkBoundary(call: SignedCall, prefix: string, prefixes: readonly string[], world: World): WireError | undefined {
  // A read, or an EC2 DryRun (the preflight's permission probes): it changes nothing.
  if (READ_ONLY.test(call.operation) || call.input.DryRun === true) return undefined;
  const user = `arn:aws:iam::${world.accountId}:user/${prefix}`;
  const changes = CHANGES[`${call.service}:${call.operation}`];
  if (!changes) return refusal(call, user, "*");
  const owners = new Owners(world.regions[call.region] ?? emptyRegion(), prefixes);
  const refs = changes(call.input);
  const foreign = refs.find((ref) => {
    const who = owners.of(ref);
    return who !== undefined && !who.includes(prefix);
  });
  return foreign ? refusal(call, user, resourceArn(call, foreign, world.accountId)) : undefined;
}
