/** A security group's rules as the console lists them, sorted; ids aside (a rule put back gets a new one). */
import { DescribeSecurityGroupRulesCommand } from "@aws-sdk/client-ec2";
import type { LessonContext } from "../../src/lesson/context.js";

export async function groupRuleList(ctx: LessonContext, groupId: string): Promise<string[]> {
  const out = await ctx.clients.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [groupId] }] }));
  return (out.SecurityGroupRules ?? []).map((r) => `${r.IsEgress ? "out" : "in"} ${r.IpProtocol} ${r.FromPort}-${r.ToPort} ${r.CidrIpv4 ?? r.ReferencedGroupInfo?.GroupId}`).sort();
}
