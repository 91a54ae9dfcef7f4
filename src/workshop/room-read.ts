/**
 * One read of the whole room: every participant's stacks, endpoint services, endpoints, security
 * groups, instances and Run Command history, in a fixed number of AWS calls whatever the number
 * of learners (describe once, then group: stacks by tag or Prefix parameter, the rest by relation
 * to each learner's VPC and NLB, see `lesson/relations.ts`). Only pagination adds a page per ~100
 * stacks.
 */
import type { Stack } from "@aws-sdk/client-cloudformation";
import type { Filter, Instance } from "@aws-sdk/client-ec2";
import type { AwsClients } from "../aws/clients.js";
import { allPages } from "../aws/pages.js";
import { participantCloud, prefixesIn, stackParticipant, type ParticipantCloud, type RoomRaw } from "./room-views.js";
import { awsPort } from "../aws/port.js";

export interface Room {
  /** ms epoch of the read (the clock the clients' backend uses). */
  at: number;
  participants: ParticipantCloud[];
}

/** Instances made by a stack (a learner's hand-made stack carries no participant tag). */
const STACK_MADE: Filter[] = [{ Name: "tag-key", Values: ["aws:cloudformation:stack-name"] }];
async function stacks(clients: AwsClients): Promise<Stack[]> {
  const all = await allPages(async (NextToken) => {
    const out = await awsPort(clients).cfn.describeStacks(NextToken ? { NextToken } : {});
    return { items: out.Stacks ?? [], next: out.NextToken };
  });
  return all.filter((s) => stackParticipant(s) !== undefined);
}

async function instances(clients: AwsClients): Promise<Instance[]> {
  const reservations = await allPages(async (NextToken) => {
    const out = await awsPort(clients).ec2.describeInstances({ Filters: STACK_MADE, ...(NextToken ? { NextToken } : {}) });
    return { items: out.Reservations ?? [], next: out.NextToken };
  });
  return reservations.flatMap((r) => r.Instances ?? []);
}

async function deletedStacks(clients: AwsClients): Promise<RoomRaw["deletedStacks"]> {
  const all = await allPages(async (NextToken) => {
    const out = await awsPort(clients).cfn.listStacks({ StackStatusFilter: ["DELETE_COMPLETE"], ...(NextToken ? { NextToken } : {}) });
    return { items: out.StackSummaries ?? [], next: out.NextToken };
  });
  return all.filter((s) => s.StackName && s.DeletionTime).map((s) => ({ name: s.StackName ?? "", deletedAt: s.DeletionTime?.getTime() ?? 0 }));
}

export async function readRoomRaw(clients: AwsClients): Promise<RoomRaw> {
  const [stackList, serviceList, endpointList, groups, instanceList, commands, invocations, deleted] = await Promise.all([
    stacks(clients),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ec2.describeVpcEndpointServiceConfigurations(NextToken ? { NextToken } : {});
      return { items: out.ServiceConfigurations ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ec2.describeVpcEndpoints(NextToken ? { NextToken } : {});
      return { items: out.VpcEndpoints ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ec2.describeSecurityGroups(NextToken ? { NextToken } : {});
      return { items: out.SecurityGroups ?? [], next: out.NextToken };
    }),
    instances(clients),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ssm.listCommands({ MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Commands ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ssm.listCommandInvocations({ Details: true, MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.CommandInvocations ?? [], next: out.NextToken };
    }),
    deletedStacks(clients),
  ]);
  const services = serviceList.filter((s) => String(s.ServiceState).toLowerCase() !== "deleted");
  const endpoints = endpointList.filter((e) => String(e.State).toLowerCase() !== "deleted");
  return { stacks: stackList, services, endpoints, groups, instances: instanceList, commands, invocations, deletedStacks: deleted };
}

/** Every participant found in the account and region, each with the view its steps read. */
export async function readRoom(clients: AwsClients, now: () => number): Promise<Room> {
  const raw = await readRoomRaw(clients);
  return { at: now(), participants: prefixesIn(raw).map((p) => participantCloud(raw, p)) };
}
