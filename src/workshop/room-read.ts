/**
 * One read of the whole room in a fixed number of AWS calls whatever the number of learners (only pagination adds a page
 * per ~100 stacks): describe once, then group, stacks by tag or Prefix parameter, the rest by relation (lesson/relations.ts).
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

/** Every page of a list that takes and answers `NextToken`. */
function paged<O extends { NextToken?: string | undefined }, T>(call: (token: { NextToken?: string }) => Promise<O>, items: (out: O) => T[] | undefined): Promise<T[]> {
  return allPages(async (NextToken) => {
    const out = await call(NextToken ? { NextToken } : {});
    return { items: items(out) ?? [], next: out.NextToken };
  });
}

async function readRoomRaw(clients: AwsClients): Promise<RoomRaw> {
  const aws = awsPort(clients);
  const [stacks, services, endpoints, groups, reservations, commands, invocations, deletedStacks] = await Promise.all([
    paged((p) => aws.cfn.describeStacks(p), (out) => out.Stacks),
    listServices(aws),
    listEndpoints(aws, undefined),
    listGroups(aws, undefined),
    paged((p) => aws.ec2.describeInstances({ Filters: STACK_MADE, ...p }), (out) => out.Reservations),
    paged((p) => aws.ssm.listCommands({ MaxResults: 50, ...p }), (out) => out.Commands),
    paged((p) => aws.ssm.listCommandInvocations({ Details: true, MaxResults: 50, ...p }), (out) => out.CommandInvocations),
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
