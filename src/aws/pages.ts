import type { Filter, SecurityGroup, SecurityGroupRule, ServiceConfiguration, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { AwsPort } from "./port.js";

/** Follows an AWS list's `NextToken`, up to `maxPages` pages (a guard against a token that never ends). */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>,
  maxPages = 1000,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const p = await page(token);
    out.push(...p.items);
    token = p.next;
    if (!token) break;
  }
  return out;
}

/** The lists the product reads whole, through the port: every page (up to `maxPages`). */
export const listServices = (aws: AwsPort, maxPages?: number): Promise<ServiceConfiguration[]> =>
  allPages(async (NextToken) => {
    const out = await aws.ec2.describeVpcEndpointServiceConfigurations(NextToken ? { NextToken } : {});
    return { items: out.ServiceConfigurations ?? [], next: out.NextToken };
  }, maxPages);

export const listEndpoints = (aws: AwsPort, Filters: Filter[] | undefined, maxPages?: number): Promise<VpcEndpoint[]> =>
  allPages(async (NextToken) => {
    const out = await aws.ec2.describeVpcEndpoints({ ...(Filters ? { Filters } : {}), ...(NextToken ? { NextToken } : {}) });
    return { items: out.VpcEndpoints ?? [], next: out.NextToken };
  }, maxPages);

export const listGroups = (aws: AwsPort, Filters: Filter[] | undefined, maxPages?: number): Promise<SecurityGroup[]> =>
  allPages(async (NextToken) => {
    const out = await aws.ec2.describeSecurityGroups({ ...(Filters ? { Filters } : {}), ...(NextToken ? { NextToken } : {}) });
    return { items: out.SecurityGroups ?? [], next: out.NextToken };
  }, maxPages);

export const listRules = (aws: AwsPort, Filters: Filter[], maxPages?: number): Promise<SecurityGroupRule[]> =>
  allPages(async (NextToken) => {
    const out = await aws.ec2.describeSecurityGroupRules({ Filters, ...(NextToken ? { NextToken } : {}) });
    return { items: out.SecurityGroupRules ?? [], next: out.NextToken };
  }, maxPages);

/** Stacks CloudFormation deleted (it lists them for 90 days): name and ms epoch, newest first. */
export async function listDeletedStacks(aws: AwsPort, maxPages?: number): Promise<{ name: string; deletedAt: number }[]> {
  const all = await allPages(async (NextToken) => {
    const out = await aws.cfn.listStacks({ StackStatusFilter: ["DELETE_COMPLETE"], ...(NextToken ? { NextToken } : {}) });
    return { items: out.StackSummaries ?? [], next: out.NextToken };
  }, maxPages);
  return all
    .filter((s) => s.StackName && s.DeletionTime)
    .map((s) => ({ name: s.StackName ?? "", deletedAt: s.DeletionTime?.getTime() ?? 0 }))
    .sort((x, y) => y.deletedAt - x.deletedAt);
}
