/**
 * `diagnose`: read the learner's path with describe calls (AWS or sandbox, the same code), state it
 * as the reachability model's facts, walk it link by link, and explain the first broken link with
 * its fix, in the learner's language. Read → walk (pure) → explain (data).
 */
import { LabError } from "../errors.js";
import { readCloud, type CloudView } from "../lesson/cloud-view.js";
import type { LessonContext } from "../lesson/context.js";
import { lessonVars } from "../lesson/vars.js";
import { firstFailure, walkChain, type Link } from "../reachability/chain.js";
import { factsFromDescribe } from "../reachability/from-describe.js";
import { findLearnersEndpoint, readShapes } from "./read.js";
import { explainLink, loadDiagnoseText, type ExplainedLink } from "./text.js";
import { cmdNotes } from "../shell/in-text.js";
import { awsPort } from "../aws/port.js";

export const HTTP_PORT = 80;

export interface Diagnosis {
  title: string;
  /** True when every link passes: curl should get the Provider's page. */
  ok: boolean;
  links: ExplainedLink[];
  /** The first broken link, with what, why and the fix. */
  first?: ExplainedLink;
}

async function accountId(ctx: LessonContext): Promise<string | undefined> {
  if (ctx.state.ids.accountId) return ctx.state.ids.accountId;
  return (await awsPort(ctx.clients).sts.getCallerIdentity({})).Account;
}

export async function providerVpcCidr(ctx: LessonContext, view: CloudView): Promise<string | undefined> {
  const vpcId = view.provider?.resources.Vpc;
  if (!vpcId) return undefined;
  const out = await awsPort(ctx.clients).ec2.describeVpcs({ VpcIds: [vpcId] }).catch(() => undefined);
  return out?.Vpcs?.[0]?.CidrBlock;
}

/** The chain as the model judges it, before words. */
export async function walkLearnerPath(ctx: LessonContext, view: CloudView): Promise<Link[]> {
  const shapes = await readShapes(ctx.clients, view, await accountId(ctx));
  if (!shapes) throw new LabError("error.missingStep", { step: "deploy" });
  const endpoint = await findLearnersEndpoint(ctx.clients, view);
  return walkChain(factsFromDescribe(shapes), { ...(endpoint ? { endpointId: endpoint.id } : {}), port: HTTP_PORT });
}

export async function diagnose(ctx: LessonContext, known?: CloudView): Promise<Diagnosis> {
  const view = known ?? (await readCloud(ctx.clients, ctx.names));
  const links = await walkLearnerPath(ctx, view);
  const text = loadDiagnoseText(ctx.lesson, ctx.io.lang);
  const endpoint = await findLearnersEndpoint(ctx.clients, view);
  const vars = {
    ...lessonVars(ctx, view),
    ...(endpoint ? { endpointId: endpoint.id, endpointSgId: endpoint.sgIds[0] } : {}),
    providerSgId: view.provider?.resources.SecurityGroup,
    providerVpcCidr: await providerVpcCidr(ctx, view),
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
