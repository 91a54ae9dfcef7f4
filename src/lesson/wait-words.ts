/** What each wait says while it runs and once it is done: the line left on screen speaks of what happened ("Endpoint service deleted"), never of what is still going on. */

/** The running and done message keys of one wait. */
export interface WaitWords {
  label: string;
  doneLabel: string;
  /** Said on a line of its own before the spinner, naming what it waits for: the spinner's line stays short enough to keep its time and state. */
  why?: string;
}

/** Waits on AWS, worded under `wait.`: `wait.<name>` while running, `wait.<name>Done` once done. */
const ON_AWS = ["stacks", "stackDelete", "service", "endpoint", "accept", "request", "ssmOnline", "command", "endpointGone", "serviceGone"] as const;

const onAws = Object.fromEntries(ON_AWS.map((name) => [name, { label: `wait.${name}`, doneLabel: `wait.${name}Done` }])) as Record<(typeof ON_AWS)[number], WaitWords>;

export const WAIT_WORDS = {
  ...onAws,
  /** After the learner's own try, for the step they did. */
  afterTry: { label: "handsOnFixes.settling", doneLabel: "handsOnFixes.settled", why: "handsOnFixes.settlingWhy" },
  /** After the learner's own try, for a step that deletes (the manifest's `deletes: true`). */
  afterDelete: { label: "handsOnFixes.deleting", doneLabel: "handsOnFixes.deleted", why: "handsOnFixes.deletingWhy" },
  /** On a rerun, for a step done before it. */
  resumed: { label: "engine.resumeSettling", doneLabel: "engine.resumeSettled", why: "engine.resumeSettlingWhy" },
} as const;
