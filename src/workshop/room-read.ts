/**
 * One read of the whole room: every participant's stacks, endpoint services, endpoints, security
 * groups, instances and Run Command history, in a fixed number of AWS calls whatever the number
 * of learners (describe once, then group: stacks by tag or Prefix parameter, the rest by relation
 * to each learner's VPC and NLB, see `lesson/relations.ts`). Only pagination adds a page per ~100
 * stacks.
 */
import type { Filter } from "@aws-sdk/client-ec2";
import type { AwsClients } from "../aws/clients.js";
import { allPages, listDeletedStacks, listEndpoints, listGroups, listServices } from "../aws/pages.js";
import { cleanedUpIn, participantCloud, prefixesIn, stackParticipant, type ParticipantCloud, type RoomRaw } from "./room-views.js";
import { awsPort } from "../aws/port.js";

export interface Room {
  /** ms epoch of the read (the clock the clients' backend uses). */
  at: number;
  participants: ParticipantCloud[];
}

/** Instances made by a stack (a learner's hand-made stack carries no participant tag). */
const STACK_MADE: Filter[] = [{ Name: "tag-key", Values: ["aws:cloudformation:stack-name"] }];

export async function readRoomRaw(clients: AwsClients): Promise<RoomRaw> {
  const aws = awsPort(clients);
  const [stacks, services, endpoints, groups, reservations, commands, invocations, deletedStacks] = await Promise.all([
    allPages(async (NextToken) => {
      const out = await aws.cfn.describeStacks(NextToken ? { NextToken } : {});
      return { items: out.Stacks ?? [], next: out.NextToken };
    }),
    listServices(aws),
    listEndpoints(aws, undefined),
    listGroups(aws, undefined),
    allPages(async (NextToken) => {
      const out = await aws.ec2.describeInstances({ Filters: STACK_MADE, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Reservations ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await aws.ssm.listCommands({ MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Commands ?? [], next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await aws.ssm.listCommandInvocations({ Details: true, MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.CommandInvocations ?? [], next: out.NextToken };
    }),
    listDeletedStacks(aws),
  ]);
  return {
    stacks: stacks.filter((s) => stackParticipant(s) !== undefined),
    services: services.filter((s) => String(s.ServiceState).toLowerCase() !== "deleted"),
    endpoints: endpoints.filter((e) => String(e.State).toLowerCase() !== "deleted"),
    groups,
    instances: reservations.flatMap((r) => r.Instances ?? []),
    commands,
    invocations,
    deletedStacks,
  };
}

/**
 * Every participant with anything in the account and region, each with the view its steps read.
 * `seats` (`workshop status`): every seat of the room besides, its roster (a served room's
 * participants, started or not) and those whose lesson stacks CloudFormation lists as deleted.
 */
export async function readRoom(clients: AwsClients, now: () => number, seats?: { roster?: readonly string[] | undefined }): Promise<Room> {
  const raw = await readRoomRaw(clients);
  const prefixes = seats ? [...new Set([...(seats.roster ?? []), ...prefixesIn(raw), ...cleanedUpIn(raw)])].sort() : prefixesIn(raw);
  return { at: now(), participants: prefixes.map((p) => participantCloud(raw, p)) };
}
