/** Step 7: curl the Provider's page through the endpoint's names; done is what Run Command's history shows, never an exit code. */
import { LabError } from "../../errors.js";
import { ourEndpoint, provenCurl, type CloudView } from "../cloud-view.js";
import { curlVerdict, splitStatus, STATUS_MARK, type CurlTrace, type CurlVerdict } from "../curl-proof.js";
import type { LessonContext } from "../context.js";
import { runShell, waitOnline } from "../ssm-run.js";
import { madeBy, type Detection, type HandsOn, type Step } from "../step.js";
import type { LessonState } from "../../state/schema.js";
import { explainCurlFailure } from "../../diagnose/diagnose.js";

/** The tool's curl: the learner's command plus `-w`, so the HTTP status is known too. */
export function curlCommand(dnsName: string): string {
  return `curl -sS -m 10 -w '\\n${STATUS_MARK}%{http_code}\\n' http://${dnsName}/`;
}

/** Runs the tool's curl on the Consumer through Run Command and shows the verdict (`online`: the agent just answered, not asked again). */
export async function curlFromConsumer(ctx: LessonContext, step: string, instanceId: string, dnsName: string, providerInstanceId: string | undefined, online = false): Promise<CurlVerdict> {
  if (!online) await waitOnline(ctx, step, instanceId);
  const r = await runShell(ctx, step, instanceId, curlCommand(dnsName));
  const verdict = curlVerdict(r, providerInstanceId);
  ctx.io.notify({
    type: "curl-result",
    step,
    dnsName,
    exitCode: r.exitCode,
    // What the page said; the HTTP status has its own field (the marker is ours, not curl's output).
    stdout: splitStatus(r.stdout).body,
    stderr: r.stderr,
    ok: verdict.ok,
    ...(verdict.status !== undefined ? { httpStatus: verdict.status } : {}),
    ...(!verdict.ok ? { reason: verdict.reason } : {}),
  });
  return verdict;
}

async function curlOnce(ctx: LessonContext, view: CloudView, dnsName: string, online = false): Promise<CurlVerdict> {
  const instanceId = madeBy(view.consumerInstance?.id, "deploy", ctx);
  return curlFromConsumer(ctx, "curl", instanceId, dnsName, view.provider?.resources.EC2Instance, online);
}

function names(view: CloudView, ctx: LessonContext): { regional: string; zonal?: string } {
  const ep = ourEndpoint(view);
  return { regional: madeBy(ep?.dnsRegional, "interface-endpoint", ctx), ...(ep?.dnsZonal ? { zonal: ep.dnsZonal } : {}) };
}

/** Guided: the regional name, then the zonal one; each must bring back the Provider's page. */
async function curlBoth(ctx: LessonContext, view: CloudView): Promise<void> {
  const { regional, zonal } = names(view, ctx);
  for (const [i, dns] of [regional, ...(zonal ? [zonal] : [])].entries()) {
    const v = await curlOnce(ctx, view, dns, i > 0);
    if (v.ok) continue;
    if (v.reason === "exit") await explainCurlFailure(ctx);
    // What came back and what it means.
    const output = v.firstLines || "(empty)";
    throw new LabError(`error.curl.${v.reason}`, { dns, code: v.exitCode, status: v.status ?? "?", output });
  }
}

const form: HandsOn = {
  async run(ctx, view) {
    const { regional, zonal } = names(view, ctx);
    const nlbDns = view.provider?.outputs.NLBDnsName;
    const dns = await ctx.io.select(
      ctx.t("form.curl.which"),
      [
        { value: regional, name: ctx.t("form.curl.choice", { name: ctx.t("form.curl.regional"), dns: regional }) },
        ...(zonal ? [{ value: zonal, name: ctx.t("form.curl.choice", { name: ctx.t("form.curl.zonal"), dns: zonal }) }] : []),
        ...(nlbDns ? [{ value: nlbDns, name: ctx.t("form.curl.choice", { name: ctx.t("form.curl.nlb"), dns: nlbDns }) }] : []),
      ],
      regional,
    );
    const v = await curlOnce(ctx, view, dns);
    if (dns === nlbDns) return ["nlb-dns"];
    if (!v.ok && v.reason === "exit") await explainCurlFailure(ctx);
    if (!v.ok) return [v.reason === "exit" ? "timeout" : `curl-${v.reason}`];
    return ["regional-zonal", "source-ip"];
  },
};

/**
 * A curl that ran before a give-up put the path back (the challenge's failed check, most often): it tells nothing of
 * the build as it is now. The Consumer instance's tags say the challenge was given up; the progress file, when.
 */
function beforeGiveUp(view: CloudView, state: LessonState, curl: CurlTrace): boolean {
  const mark = view.consumerInstance?.challenge;
  const gaveUpAt = mark?.state === "given-up" ? Date.parse(state.challenges.gaveUp[mark.id] ?? "") : Number.NaN;
  return curl.at <= gaveUpAt;
}

export const curl: Step = {
  id: "curl",
  requires: ["accept"],
  detect(view, state): Detection {
    const ep = ourEndpoint(view);
    const proof = ep?.state.toLowerCase() === "available" ? provenCurl(view) : undefined;
    if (proof) return { done: true, why: "detect.curl.done", vars: { dns: proof.target } };
    const last = ep ? view.curls.find((c) => [ep.dnsRegional, ep.dnsZonal].includes(c.target)) : undefined;
    if (last && !last.verdict.ok && beforeGiveUp(view, state, last)) return { done: false, why: "detect.curl.beforeGiveUp", vars: { dns: last.target } };
    if (last && !last.verdict.ok) return { done: false, why: `detect.curl.${last.verdict.reason}`, vars: { dns: last.target, status: String(last.verdict.status ?? "?") } };
    return { done: false, why: "detect.curl.todo" };
  },
  perform: curlBoth,
  handsOn: form,
};
