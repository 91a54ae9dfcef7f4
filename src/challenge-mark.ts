/** A challenge shows as two tags on the Consumer instance, so a facilitator's room read sees who fixed it. */
export const CHALLENGE_TAG = "privatelink-lab:challenge";
export const CHALLENGE_STATE_TAG = "privatelink-lab:challenge-state";
export type ChallengeCloudState = "broken" | "fixed" | "given-up";

export interface ChallengeMark {
  id: string;
  state: ChallengeCloudState;
}

export function challengeMark(tags: { Key?: string | undefined; Value?: string | undefined }[] | undefined): ChallengeMark | undefined {
  const id = tags?.find((t) => t.Key === CHALLENGE_TAG)?.Value;
  const state = tags?.find((t) => t.Key === CHALLENGE_STATE_TAG)?.Value;
  if (!id || (state !== "broken" && state !== "fixed" && state !== "given-up")) return undefined;
  return { id, state };
}
