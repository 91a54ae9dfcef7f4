/** Security groups and their rules. (Owned by the EC2 handlers; used by the CloudFormation engine.) */
import type { HandlerContext } from "../handler.js";
import type { Life, SecurityGroup, SgRule, Tag } from "../world.js";

export interface NewSecurityGroup {
  GroupName: string;
  Description: string;
  VpcId: string;
  Tags?: Tag[];
  /** Defaults to: appears now, ready now. The CloudFormation engine passes its own timeline. */
  life?: Life;
}

/** Creates the group with AWS's default egress rule (all traffic to 0.0.0.0/0). */
export function createSecurityGroup(ctx: HandlerContext, p: NewSecurityGroup): SecurityGroup {
  void ctx;
  void p;
  throw new Error("not implemented yet");
}

/** Adds ingress rules; `InvalidPermission.Duplicate` when one already exists. */
export function authorizeIngress(ctx: HandlerContext, groupId: string, rules: Omit<SgRule, "SecurityGroupRuleId">[]): SgRule[] {
  void ctx;
  void groupId;
  void rules;
  throw new Error("not implemented yet");
}

/**
 * Why the group cannot be deleted at `ctx.now` (`DependencyViolation` message), ignoring users that
 * belong to `ignoreStackId`; undefined when it can.
 */
export function securityGroupBlocker(ctx: HandlerContext, groupId: string, ignoreStackId?: string): string | undefined {
  void ctx;
  void groupId;
  void ignoreStackId;
  throw new Error("not implemented yet");
}

/** Deletes the group at `at` (default now); call `securityGroupBlocker` first. */
export function deleteSecurityGroup(ctx: HandlerContext, groupId: string, at?: number): void {
  void ctx;
  void groupId;
  void at;
  throw new Error("not implemented yet");
}
