/** What the cloud shows of the challenges, read once: each command decides from it, so it resumes after a kill. */
import { readTime, readWithPath, walkLearnerPath } from "../diagnose/diagnose.js";
import type { CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { firstFailure, stillStarting, type Link, type LinkId } from "../reachability/chain.js";
import { BREAKERS } from "./breakers.js";
import { loadChallenges, type ChallengeDefinition } from "./definitions.js";
import { learnerPath, type LearnerPath } from "./learner-path.js";
import type { ChallengeMark } from "../challenge-mark.js";

export interface ChallengeScene {
  path: LearnerPath;
  links: Link[];
  /** The first link that fails: none when curl would work. */
  first?: Link;
  /** With none failing, the first link AWS is still starting, and about how long (AWS seconds) to wait. */
  starting?: { link: Link; seconds: number };
  /** The challenge the Consumer instance's tags record. */
  mark?: ChallengeMark;
}

/** `known`: the cloud as the command has just read it with the path (nothing done since). */
export async function readScene(ctx: LessonContext, known?: CloudView): Promise<ChallengeScene> {
  const path = learnerPath(await readWithPath(ctx, known), ctx.names);
  const links = walkLearnerPath(path.view, ctx, readTime(ctx));
  const first = firstFailure(links);
  const starting = stillStarting(links);
  const mark = path.view.consumerInstance?.challenge;
  return { path, links, ...(first ? { first } : {}), ...(starting ? { starting } : {}), ...(mark ? { mark } : {}) };
}

/** The links that fail while challenge `d` is broken, or half broken, or half put back. */
export function signature(d: ChallengeDefinition): LinkId[] {
  return [d.link, ...(BREAKERS[d.break]?.signs ?? [])];
}

/** Does the cloud show challenge `d`'s break (the first failing link is one of its signs)? */
export function showsBreak(scene: ChallengeScene, d: ChallengeDefinition): boolean {
  return scene.first !== undefined && signature(d).includes(scene.first.id);
}

/** Curl once brought the Provider's page back here (Run Command keeps it): only such a build can hold a challenge. */
export function curledOnce(scene: ChallengeScene): boolean {
  return scene.path.view.curls.some((c) => c.verdict.ok);
}

/**
 * The challenge whose break the cloud shows with no record, on a build that once curled: the first failing link is in
 * its signature and its link fails the way its break leaves it (a rejected connection, not a deleted endpoint, which is
 * the lesson's to build again). `d`, the one asked for, is looked for first.
 */
export function recognise(ctx: LessonContext, scene: ChallengeScene, d?: ChallengeDefinition): ChallengeDefinition | undefined {
  if (!scene.first || !curledOnce(scene)) return undefined;
  const all = loadChallenges(ctx.lesson);
  const leftBy = (c: ChallengeDefinition) => scene.links.some((l) => l.id === c.link && l.status === "fail" && l.problem === BREAKERS[c.break]?.leaves);
  return (d ? [d, ...all] : all).find((c) => showsBreak(scene, c) && leftBy(c));
}
