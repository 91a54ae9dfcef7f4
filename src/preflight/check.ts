/**
 * What the checks share: where they look, the facts several of them need (read once per run) and the result of each:
 * ok/warn/fail, a message key (its fix is the `.hint` message) and, from AWS, the error.
 */
import { LabError } from "../errors.js";
import { translateAwsError } from "../aws/error-translation.js";
import type { AwsClients } from "../aws/clients.js";
import { allPages } from "../aws/pages.js";
import { awsPort } from "../aws/port.js";
import type { ParticipantNames } from "../participant.js";
import type { CommandPlace, LessonTarget } from "../shell/lab-command.js";
import type { Shell } from "../shell/render.js";

export type CheckStatus = "ok" | "warn" | "fail";
export type CheckGroup = "account" | "quota" | "name" | "permission";

export interface CheckResult {
  /** Stable id, e.g. `identity`, `quota.vpcs`, `name.role`, `permission.ec2:CreateVpc`. */
  id: string;
  group: CheckGroup;
  status: CheckStatus;
  key: string;
  vars: Record<string, string | number>;
  /** The error to stop with, when this failure came from an AWS call. */
  error?: LabError;
}

/** Where the checks look: one participant in one region. */
export interface PreflightTarget {
  clients: AwsClients;
  region: string;
  prefix: string;
  names: ParticipantNames;
  /** A zone chosen earlier (resume); otherwise the checks pick one. */
  az?: string;
  /** Clients for another Region of the same account: where a lab of this prefix is, when its global names say one exists. */
  inRegion?: (region: string) => Promise<AwsClients>;
  /** Where the learner's lesson lives (the sandbox, or AWS at their endpoint), for the commands a fix names; else as `clients` say. */
  lesson?: LessonTarget;
  /** The learner's shell, for the commands a fix names (absent: bash). */
  shell?: Shell;
  /** In the sandbox: `served.json` and the address the lesson gave last (`servedUrl`), for where its fixes' `aws` commands go. */
  served?: { file?: string | undefined; lastUrl?: string | undefined };
  /** The endpoint is a sandbox this tool serves (a room, `sandbox serve`): its keys are in the shell, no profile is named. */
  servedSandbox?: boolean;
  /** What the command read a moment ago, nothing acting since, not asked again: STS's answer; both stacks (those that exist, with their participant tag). */
  known?: { caller?: { Account?: string | undefined; Arn?: string | undefined }; stacks?: { name: string; participant?: string | undefined }[] };
}

/** The target's lesson, for the commands a fix names: as the caller said, else the sandbox when its clients are the sandbox's. */
export function commandPlace(t: PreflightTarget): CommandPlace {
  const lesson = t.lesson ?? { backend: t.clients.sandbox ? "sandbox" : "aws" };
  return { state: { ...lesson, prefix: t.prefix }, clients: t.clients, ...(t.shell ? { io: { shell: t.shell } } : {}), ...(t.servedSandbox ? { servedSandbox: true } : {}) };
}

/**
 * The place of the `aws` commands a fix names: in the sandbox, with the address that serves it on this computer (a
 * running `sandbox serve`, else the port given last, else the account's own), so that they can only ever reach it.
 */
export async function awsPlace(t: PreflightTarget): Promise<CommandPlace> {
  const place = commandPlace(t);
  if (place.state.backend !== "sandbox") return place;
  const { sandboxAddress } = await import("../sandbox/serve/address.js");
  const sandboxUrl = await sandboxAddress({ store: t.clients.sandbox?.store, servedFile: t.served?.file, lastUrl: t.served?.lastUrl });
  return sandboxUrl ? { ...place, sandboxUrl } : place;
}

export function result(id: string, group: CheckGroup, status: CheckStatus, key: string, vars: Record<string, string | number> = {}): CheckResult {
  return { id, group, status, key, vars };
}

/** A failed AWS call as a failed check, in the learner's words (missing action, expired session...). */
export function failure(id: string, group: CheckGroup, err: unknown, target: PreflightTarget): CheckResult {
  const lab = translateAwsError(err, target.clients.profile ? { profile: target.clients.profile, ...(target.shell ? { shell: target.shell } : {}) } : {});
  // No answer, a local file or a busy participant: not a finding about the account — stop and say so.
  if (lab.source === "network" || lab.source === "local" || lab.source === "busy") throw lab;
  return { id, group, status: "fail", key: lab.key, vars: lab.vars, error: lab };
}

export function stopError(r: CheckResult): LabError {
  return r.error ?? new LabError(r.key, r.vars);
}

/** A read kept for the run; a failed one is not kept (the next check asks again). */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => (kept ??= read().catch((e: unknown) => {
    kept = undefined;
    throw e;
  }));
}

/** Zones, VPCs, instances and load balancers, which several checks need. */
export function preflightReads(clients: AwsClients) {
  const { ec2, elbv2 } = awsPort(clients);
  return {
    zones: once(async () => (await ec2.describeAvailabilityZones({})).AvailabilityZones ?? []),
    vpcs: once(() => allPages(async (NextToken) => {
      const out = await ec2.describeVpcs(NextToken ? { NextToken } : {});
      return { items: out.Vpcs ?? [], next: out.NextToken };
    })),
    /** Pending and running instances (the vCPU quota's use, and whose labs hold it). */
    instances: once(() => allPages(async (NextToken) => {
      const out = await ec2.describeInstances({ Filters: [{ Name: "instance-state-name", Values: ["pending", "running"] }], ...(NextToken ? { NextToken } : {}) });
      return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
    })),
    loadBalancers: once(() => allPages(async (Marker) => {
      const out = await elbv2.describeLoadBalancers(Marker ? { Marker } : {});
      return { items: out.LoadBalancers ?? [], next: out.NextMarker };
    })),
  };
}

export type PreflightReads = ReturnType<typeof preflightReads>;
