/** What each wait says while it runs and once it is done: the line left on screen speaks of what happened ("Endpoint service deleted"), never of what is still going on. */
export const WAIT_WORDS = {
  stacks: { label: "wait.stacks", doneLabel: "wait.stacksDone" },
  stackDelete: { label: "wait.stackDelete", doneLabel: "wait.stackDeleteDone" },
  service: { label: "wait.service", doneLabel: "wait.serviceDone" },
  endpoint: { label: "wait.endpoint", doneLabel: "wait.endpointDone" },
  accept: { label: "wait.accept", doneLabel: "wait.acceptDone" },
  request: { label: "wait.request", doneLabel: "wait.requestDone" },
  ssmOnline: { label: "wait.ssmOnline", doneLabel: "wait.ssmOnlineDone" },
  command: { label: "wait.command", doneLabel: "wait.commandDone" },
  endpointGone: { label: "wait.endpointGone", doneLabel: "wait.endpointGoneDone" },
  serviceGone: { label: "wait.serviceGone", doneLabel: "wait.serviceGoneDone" },
  afterTry: { label: "handsOnFixes.settling", doneLabel: "handsOnFixes.settled" },
  resumed: { label: "engine.resumeSettling", doneLabel: "engine.resumeSettled" },
} as const;

/** The running and done message keys of one wait. */
export type WaitWords = (typeof WAIT_WORDS)[keyof typeof WAIT_WORDS];
