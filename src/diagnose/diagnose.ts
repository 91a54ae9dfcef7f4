/**
 * `diagnose`: the one read of the cloud, with the learner's whole path (`lesson/path-read.ts`), stated
 * as the reachability model's facts, walked link by link, and the first broken link explained with
 * its fix, in the learner's language. Read → walk (pure) → explain (data).
 */
import { LabError } from "../errors.js";
import { learnersEndpoint, readCloud, wrongVpcEndpoints, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { lessonVars } from "../lesson/vars.js";
import { firstFailure, walkChain, type Link } from "../reachability/chain.js";
import { factsFromDescribe } from "../reachability/from-describe.js";
import type { LabEvent } from "../ui/io-host.js";
import { explainLink, loadDiagnoseText } from "./text.js";
import { cmdNotes } from "../shell/in-text.js";
import { askAccount } from "../lesson/client-token.js";

export const HTTP_PORT = 80;

/** The `diagnosis` event's content: `ok` when every link passes; `first`, the first broken link with what, why and the fix. */
export type Diagnosis = Omit<Extract<LabEvent, { type: "diagnosis" }>, "type">;

type Reader = Pick<LessonContext, "clients" | "names" | "state">;

/** The account id: the progress file's, else STS's (kept with the state: asked once). */
async function accountId(ctx: Reader): Promise<string | undefined> {
  await askAccount(ctx);
  return ctx.state.ids.accountId;
}

/** The cloud with the learner's whole path: `known` when it was read with it, else read now. */
export async function readWithPath(ctx: Reader, known?: CloudView): Promise<CloudView> {
  return known?.path ? known : readCloud(ctx.clients, ctx.names, { path: true, accountId: await accountId(ctx) });
}

/** The chain as the model judges it, before words. Pure. */
export function walkLearnerPath(view: CloudView): Link[] {
  const shapes = view.path?.shapes;
  if (!shapes) throw new LabError("error.missingStep", { step: "deploy" });
  const endpoint = learnersEndpoint(view);
  const links = walkChain(factsFromDescribe(shapes), { ...(endpoint ? { endpointId: endpoint.id } : {}), port: HTTP_PORT });
  // No endpoint in the Consumer VPC, but one to the service in the Provider VPC (made there by hand): name it.
  const wrong = wrongVpcEndpoints(view)[0];
  return links.map((l) => (wrong && l.id === "endpoint" && l.problem === "missing" ? { ...l, problem: "wrong-vpc", vars: { ...l.vars, wrongEndpointId: wrong.id } } : l));
}

/** The diagnosis of a view read with its path. Pure. */
export function diagnosisOf(ctx: LessonContext, view: CloudView): Diagnosis {
  const links = walkLearnerPath(view);
  const text = loadDiagnoseText(ctx.lesson, ctx.io.lang);
  const endpoint = learnersEndpoint(view);
  const providerVpc = view.provider?.resources.Vpc;
  const vars = {
    ...lessonVars(ctx, view),
    ...(endpoint ? { endpointId: endpoint.id, endpointSgId: endpoint.sgIds[0] } : {}),
    providerSgId: view.provider?.resources.SecurityGroup,
    providerVpcCidr: providerVpc ? view.path?.vpcCidrs[providerVpc] : undefined,
  };
  const explained = links.map((l) => explainLink(text, l, vars, ctx.io.shell, cmdNotes(ctx.t)));
  const first = firstFailure(links);
  return {
    title: text.title,
    ok: first === undefined,
    links: explained,
    ...(first ? { first: explained[links.indexOf(first)]! } : {}),
  };
}

export async function diagnose(ctx: LessonContext, known?: CloudView): Promise<Diagnosis> {
  return diagnosisOf(ctx, await readWithPath(ctx, known));
}
