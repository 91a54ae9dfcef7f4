/**
 * The page sizes EC2's Describe* calls take, as the API reference states them: `MaxResults` between
 * 5 and 1000 where it says so (else `InvalidParameterValue`; the VPC endpoint service reads cut a
 * larger one to 1000), and never with the explicit ids of calls that say so
 * (`InvalidParameterCombination`). Calls whose reference states neither are left as they are.
 */
import type { HandlerContext, HandlerTable } from "../../handler.js";

interface Limit {
  /** The smallest page size taken (5), and whether one over 1000 is refused rather than cut to 1000. */
  min?: number;
  refusesOver1000?: boolean;
  /** The ids that cannot come with a page size: input field and wire name. */
  ids?: [string, string];
}

const LIMITS: Record<string, Limit> = {
  DescribeInstancesCommand: { min: 5, refusesOver1000: true, ids: ["InstanceIds", "instancesSet"] },
  DescribeInstanceStatusCommand: { ids: ["InstanceIds", "instancesSet"] },
  DescribeSecurityGroupsCommand: { min: 5, refusesOver1000: true },
  DescribeSecurityGroupRulesCommand: { min: 5, refusesOver1000: true },
  DescribeTagsCommand: { min: 5, refusesOver1000: true },
  DescribeVpcEndpointConnectionsCommand: { min: 5 },
  DescribeVpcEndpointServiceConfigurationsCommand: { min: 5 },
  DescribeVpcEndpointServicePermissionsCommand: { min: 5 },
  DescribeNetworkInterfacesCommand: { ids: ["NetworkInterfaceIds", "networkInterfaceIdSet"] },
};

function check(ctx: HandlerContext, input: Record<string, unknown>, limit: Limit): void {
  const n = input.MaxResults;
  if (typeof n !== "number") return;
  const ids = limit.ids && input[limit.ids[0]];
  if (limit.ids && Array.isArray(ids) && ids.length > 0) {
    ctx.fail("InvalidParameterCombination", `The parameter ${limit.ids[1]} cannot be used with the parameter maxResults`);
  }
  if ((limit.min !== undefined && n < limit.min) || (limit.refusesOver1000 && n > 1000)) {
    ctx.fail("InvalidParameterValue", `Value ( ${n} ) for parameter maxResults is invalid. Parameter must be between ${limit.min ?? 1} and 1000.`);
  }
}

/** The table with each limited handler checking its page size first. */
export function withPageLimits(table: HandlerTable): HandlerTable {
  const out: HandlerTable = { ...table };
  for (const [command, limit] of Object.entries(LIMITS)) {
    const handle = table[command];
    if (!handle) continue;
    out[command] = ((ctx: HandlerContext, input: Record<string, unknown>) => {
      check(ctx, input, limit);
      return handle(ctx, input as never);
    }) as HandlerTable[string];
  }
  return out;
}
