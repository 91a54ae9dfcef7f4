/** One participant = one prefix naming everything (NLB names: at most 32 characters; IAM roles: global per account). */
export const PARTICIPANT_TAG = "privatelink-lab:participant";
const LESSON_TAG = "privatelink-lab:lesson";
/** CloudFormation puts this on every resource of a stack: what carries it goes with its stack. */
export const STACK_NAME_TAG = "aws:cloudformation:stack-name";
export const PREFIX_MAX = 20;

/** Whose a resource is: its participant tag (any AWS shape's tag list). */
export function participantOf(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === PARTICIPANT_TAG)?.Value;
}

export type PrefixProblem = "empty" | "too-long" | "too-short" | "charset" | "start" | "end" | "double-hyphen" | "reserved";

export function prefixProblem(prefix: string): PrefixProblem | undefined {
  if (prefix.length === 0) return "empty";
  if (prefix.length < 3) return "too-short";
  if (prefix.length > PREFIX_MAX) return "too-long";
  if (!/^[a-z0-9-]+$/.test(prefix)) return "charset";
  if (!/^[a-z]/.test(prefix)) return "start";
  if (prefix.endsWith("-")) return "end";
  if (prefix.includes("--")) return "double-hyphen";
  if (prefix.startsWith("internal") || prefix.startsWith("aws")) return "reserved";
  return undefined;
}

/** A default prefix from the login name: `pl-` + up to 12 safe characters. */
export function defaultPrefix(user: string | undefined): string {
  const cleaned = (user ?? "").toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 12);
  return cleaned ? `pl-${cleaned}` : "pl-learner";
}

export interface ParticipantNames {
  prefix: string;
  consumerStack: string;
  providerStack: string;
  endpointSgName: string;
  nlbName: string;
}

export function namesFor(prefix: string): ParticipantNames {
  return {
    prefix,
    consumerStack: `${prefix}-consumer`,
    providerStack: `${prefix}-provider`,
    endpointSgName: `${prefix}-endpoint-sg`,
    nlbName: `${prefix}-nlb`,
  };
}

export function participantTags(prefix: string, lesson = "privatelink"): { Key: string; Value: string }[] {
  return [
    { Key: PARTICIPANT_TAG, Value: prefix },
    { Key: LESSON_TAG, Value: lesson },
  ];
}
