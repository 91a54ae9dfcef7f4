/**
 * One read of the whole room: every participant's stacks, endpoint services, endpoints, security
 * groups and instances, found by the participant tag, in a fixed number of AWS calls whatever
 * the number of learners (describe once, group by tag). Only pagination adds a page per ~100
 * stacks.
 */
import { DescribeStacksCommand, type Stack } from "@aws-sdk/client-cloudformation";
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  type Filter,
  type Instance,
  type SecurityGroup,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../aws/clients.js";
import { PARTICIPANT_TAG } from "../lesson/participant.js";
import { participantCloud, participantOf, prefixesIn, type ParticipantCloud, type RoomRaw } from "./room-views.js";

export interface Room {
  /** ms epoch of the read (the clock the clients' backend uses). */
  at: number;
  participants: ParticipantCloud[];
}

const TAGGED: Filter[] = [{ Name: "tag-key", Values: [PARTICIPANT_TAG] }];
const PAGE_GUARD = 1000;

/** Follows `NextToken` to the end. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < PAGE_GUARD; i++) {
    const p = await page(token);
    out.push(...p.items);
    token = p.next;
    if (!token) break;
  }
  return out;
}

async function stacks(clients: AwsClients): Promise<Stack[]> {
  const all = await allPages(async (NextToken) => {
    const out = await clients.cfn.send(new DescribeStacksCommand(NextToken ? { NextToken } : {}));
    return { items: out.Stacks ?? [], next: out.NextToken };
  });
  return all.filter((s) => participantOf(s.Tags) !== undefined);
}

async function instances(clients: AwsClients): Promise<Instance[]> {
  const reservations = await allPages(async (NextToken) => {
    const out = await clients.ec2.send(new DescribeInstancesCommand({ Filters: TAGGED, ...(NextToken ? { NextToken } : {}) }));
    return { items: out.Reservations ?? [], next: out.NextToken };
  });
  return reservations.flatMap((r) => r.Instances ?? []);
}

async function taggedGroups(clients: AwsClients): Promise<SecurityGroup[]> {
  return allPages(async (NextToken) => {
    const out = await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: TAGGED, ...(NextToken ? { NextToken } : {}) }));
    return { items: out.SecurityGroups ?? [], next: out.NextToken };
  });
}

/** Groups endpoints use that carry no participant tag (a VPC's default group): one more call, for all of them. */
async function untaggedGroupsInUse(clients: AwsClients, ids: string[]): Promise<SecurityGroup[]> {
  if (ids.length === 0) return [];
  // A filter, not GroupIds: an id that vanished meanwhile must not fail the whole read.
  const out = await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: ids }] }));
  return out.SecurityGroups ?? [];
}

export async function readRoomRaw(clients: AwsClients): Promise<RoomRaw> {
  const [stackList, serviceList, endpointList, groups, instanceList] = await Promise.all([
    stacks(clients),
    allPages(async (NextToken) => {
      const out = await clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: TAGGED, ...(NextToken ? { NextToken } : {}) }));
      return { items: out.ServiceConfigurations ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: TAGGED, ...(NextToken ? { NextToken } : {}) }));
      return { items: out.VpcEndpoints ?? [], next: out.NextToken };
    }),
    taggedGroups(clients),
    instances(clients),
  ]);
  const services = serviceList.filter((s) => String(s.ServiceState).toLowerCase() !== "deleted");
  const endpoints = endpointList.filter((e) => String(e.State).toLowerCase() !== "deleted");
  const known = new Set(groups.map((g) => g.GroupId));
  const missing = [...new Set(endpoints.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? "")))].filter((id) => id && !known.has(id));
  groups.push(...(await untaggedGroupsInUse(clients, missing)));
  return { stacks: stackList, services, endpoints, groups, instances: instanceList };
}

/** Every participant found in the account and region, each with the view its steps read. */
export async function readRoom(clients: AwsClients, now: () => number): Promise<Room> {
  const raw = await readRoomRaw(clients);
  return { at: now(), participants: prefixesIn(raw).map((p) => participantCloud(raw, p)) };
}
