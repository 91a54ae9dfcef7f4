/**
 * `diagnose`: the one read of the cloud, with the learner's whole path (`lesson/path-read.ts`), stated
 * as the reachability model's facts, walked link by link, and the first broken link explained with
 * its fix, in the learner's language. Read → walk (pure) → explain (data).
 */
import { awsSpeed } from "../aws/clients.js";
import { LabError } from "../errors.js";
import { learnersEndpoint, readCloud, wrongVpcEndpoints, type CloudView } from "../lesson/cloud-view.js";
import { consoleLeftOut, type LessonContext } from "../lesson/context.js";
import { lessonVars } from "../lesson/vars.js";
import { firstFailure, stillStarting, walkChain, type Link } from "../reachability/chain.js";
import { factsFromDescribe, type ReadTime } from "../reachability/from-describe.js";
import type { DiagnosisLink } from "../ui/event-schema.js";
import type { LabEvent } from "../ui/io-host.js";
import { explainLink, loadDiagnoseText, sayValues } from "./text.js";
import { cmdNotes } from "../shell/in-text.js";
import { askAccount } from "../lesson/client-token.js";
import { continueCommand, learnerCommand, type CommandPlace } from "../shell/lab-command.js";

const HTTP_PORT = 80;

/** The `diagnosis` event's content: `ok` when every link passes; `first`, the first broken link with what, why and the fix. */
type Diagnosis = Omit<Extract<LabEvent, { type: "diagnosis" }>, "type">;

type Reader = Pick<LessonContext, "clients" | "names" | "state">;

/** Now, and how fast AWS's time runs here: the sandbox's speed (in process, or as a served one says it), else 1. */
export function readTime(ctx: Pick<LessonContext, "clients" | "clock">): ReadTime {
  return { now: ctx.clock.now(), scale: awsSpeed(ctx.clients) };
}

/** AWS seconds as the learner waits them: shortened by the sandbox's speed, at least one. */
function waitSeconds(seconds: number, time: ReadTime): number {
  return Math.max(1, Math.ceil(seconds * time.scale));
}

/** A lesson stack CloudFormation is still creating or updating: its parts are still coming. */
const STACK_BUSY = /^(CREATE|UPDATE)_IN_PROGRESS$/;
/** About how long a lesson stack takes (AWS seconds). */
const STACK_SECONDS = 300;

function stackStarting(view: CloudView): { name: string; status: string } | undefined {
  const stack = [view.consumer, view.provider].find((s) => s !== undefined && STACK_BUSY.test(s.status));
  return stack && { name: stack.name, status: stack.status };
}

/** The cloud with the learner's whole path: `known` when it was read with it, else read now. */
export async function readWithPath(ctx: Reader, known?: CloudView): Promise<CloudView> {
  if (known?.path) return known;
  await askAccount(ctx); // the account id: the progress file's, else STS's (kept with the state: asked once)
  return readCloud(ctx.clients, ctx.names, { path: true, accountId: ctx.state.ids.accountId });
}

/** The chain as the model judges it, before words (nothing built yet: said with the command that continues `place`'s lesson). Pure. */
export function walkLearnerPath(view: CloudView, place: CommandPlace, time?: ReadTime): Link[] {
  const shapes = view.path?.shapes;
  const stack = stackStarting(view);
  if (!shapes && stack) throw new LabError("starting.stack", { name: stack.name, status: stack.status, seconds: time ? waitSeconds(STACK_SECONDS, time) : STACK_SECONDS }, { source: "starting" });
  // Cleaned up (CloudFormation remembers both stacks deleted): not a step to do first, a lab to build again.
  if (!shapes && !view.consumer && !view.provider && view.deletedStacks.length > 0) throw new LabError("diagnose.cleanedUp", { restart: learnerCommand("--restart", place) });
  if (!shapes) throw new LabError("error.missingStep", { step: "deploy", again: continueCommand(place) });
  const endpoint = learnersEndpoint(view);
  const links = walkChain(factsFromDescribe(shapes, time), { ...(endpoint ? { endpointId: endpoint.id } : {}), port: HTTP_PORT });
  // No endpoint in the Consumer VPC, but one to the service in the Provider VPC (made there by hand): name it.
  const wrong = wrongVpcEndpoints(view)[0];
  return links.map((l) => (wrong && l.id === "endpoint" && l.problem === "missing" ? { ...l, problem: "wrong-vpc", vars: { ...l.vars, wrongEndpointId: wrong.id } } : l));
}

/** The diagnosis of a view read with its path. Pure. */
export function diagnosisOf(ctx: LessonContext, view: CloudView): Diagnosis {
  const time = readTime(ctx);
  const links = walkLearnerPath(view, ctx, time);
  const text = loadDiagnoseText(ctx.lesson, ctx.io.lang);
  const endpoint = learnersEndpoint(view);
  const providerVpc = view.provider?.resources.Vpc;
  const vars = {
    ...lessonVars(ctx, view),
    ...(endpoint ? { endpointId: endpoint.id, endpointSgId: endpoint.sgIds[0] } : {}),
    providerSgId: view.provider?.resources.SecurityGroup,
    providerVpcCidr: providerVpc ? view.path?.vpcCidrs[providerVpc] : undefined,
  };
  // The console's way only where the learner's console sees the account (not the sandbox).
  const withConsole = !consoleLeftOut(ctx);
  // A link still starting says what AWS is doing, never a fix.
  const explained = links.map((l) => {
    const { console: path, ...said } = explainLink(text, l, vars, ctx.io.shell, cmdNotes(ctx.t));
    const e = withConsole && path !== undefined ? { ...said, console: path } : said;
    if (l.status !== "wait") return e;
    const { instanceId = "", ping = "", endpointId = "", nlbName = "", state = "", health = "" } = sayValues(text, l.vars);
    return { ...e, what: ctx.t(`starting.link.${l.problem ?? ""}`, { instanceId, ping, endpointId, nlbName, state, health }) };
  });
  const stack = stackStarting(view);
  // While a lesson stack is still being built, its missing parts are not faults.
  const first = stack ? undefined : firstFailure(links);
  const still = stillStarting(links);
  const starting = stack ? { link: stackLink(ctx, stack), seconds: STACK_SECONDS } : still && { link: explained[links.indexOf(still.link)]!, seconds: still.seconds };
  const wait = first ? undefined : starting && { seconds: waitSeconds(starting.seconds, time), link: starting.link };
  return {
    title: text.title,
    ok: first === undefined && wait === undefined,
    links: explained,
    ...(first ? { first: explained[links.indexOf(first)]! } : wait ? { wait } : {}),
  };
}

/** A lesson stack still in progress, shown as the link that is starting. */
function stackLink(ctx: LessonContext, stack: { name: string; status: string }): DiagnosisLink {
  const text = ctx.t("starting.stackLink", { name: stack.name, status: stack.status });
  return { id: "stack", status: "wait", ok: false, resources: { stackName: stack.name }, state: stack.status, problem: "stack-in-progress", name: text, what: text };
}

export async function diagnose(ctx: LessonContext, known?: CloudView): Promise<Diagnosis> {
  return diagnosisOf(ctx, await readWithPath(ctx, known));
}

/** Curl failed: which link broke, and its fix. A help, never a second failure: if it cannot run, curl's error holds. */
export async function explainCurlFailure(ctx: LessonContext): Promise<void> {
  try {
    const d = await diagnose(ctx);
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("diagnose.curlFailed") });
    ctx.io.notify({ type: "diagnosis", ...d });
  } catch {
    // curl's error is reported by the step; a diagnosis that cannot be made adds nothing.
  }
}
