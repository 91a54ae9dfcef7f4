/** A fresh learner for the built CLI (scripts/fresh-learner.mjs). */
export interface FreshLearner {
  home: string;
  env: NodeJS.ProcessEnv;
  /** The CLI's state folder: progress files, participant locks, the sandbox. */
  stateDir: string;
  /** The learner's sandbox account. */
  sandboxFile: string;
}

export function freshLearner(extra?: NodeJS.ProcessEnv): FreshLearner;
