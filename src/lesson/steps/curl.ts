/** Step 7: curl the Provider's page from the Consumer instance, through the endpoint's DNS names. */
import { LabError } from "../../errors.js";
import { ourEndpoint, type CloudView } from "../cloud-view.js";
import { mark, type LessonContext } from "../context.js";
import { runShell, waitOnline, type RunResult } from "../ssm-run.js";
import type { HandsOn, Step } from "../step.js";
import { explainCurlFailure } from "../../diagnose/after-curl.js";

export function curlCommand(dnsName: string): string {
  return `curl -sS -m 10 http://${dnsName}/`;
}

async function curlOnce(ctx: LessonContext, view: CloudView, dnsName: string): Promise<RunResult> {
  const instanceId = view.consumerInstance?.id;
  if (!instanceId) throw new LabError("error.missingStep", { step: "deploy" });
  await waitOnline(ctx, "curl", instanceId);
  const r = await runShell(ctx, "curl", instanceId, curlCommand(dnsName));
  ctx.io.notify({ type: "curl-result", step: "curl", dnsName, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr });
  return r;
}

function names(view: CloudView): { regional: string; zonal?: string } {
  const ep = ourEndpoint(view);
  if (!ep?.dnsRegional) throw new LabError("error.missingStep", { step: "interface-endpoint" });
  return { regional: ep.dnsRegional, ...(ep.dnsZonal ? { zonal: ep.dnsZonal } : {}) };
}

async function curlBoth(ctx: LessonContext, view: CloudView): Promise<void> {
  const { regional, zonal } = names(view);
  const first = await curlOnce(ctx, view, regional);
  if (first.exitCode !== 0) await explainCurlFailure(ctx);
  if (first.exitCode !== 0) throw new LabError("error.curlFailed", { dns: regional, code: first.exitCode, stderr: first.stderr.trim() });
  if (zonal) await curlOnce(ctx, view, zonal);
  mark(ctx, "curl");
}

const form: HandsOn = {
  async run(ctx, view) {
    const { regional, zonal } = names(view);
    const nlbDns = view.provider?.outputs.NLBDnsName;
    const dns = await ctx.io.select(
      ctx.t("form.curl.which"),
      [
        { value: regional, name: `${ctx.t("form.curl.regional")}: ${regional}` },
        ...(zonal ? [{ value: zonal, name: `${ctx.t("form.curl.zonal")}: ${zonal}` }] : []),
        ...(nlbDns ? [{ value: nlbDns, name: `${ctx.t("form.curl.nlb")}: ${nlbDns}` }] : []),
      ],
      regional,
    );
    const r = await curlOnce(ctx, view, dns);
    if (dns === nlbDns) return ["nlb-dns"];
    if (r.exitCode !== 0) {
      await explainCurlFailure(ctx);
      return ["timeout"];
    }
    mark(ctx, "curl");
    return ["regional-zonal", "source-ip"];
  },
};

export const curl: Step = {
  id: "curl",
  requires: ["accept"],
  traceless: true,
  detect(view, state) {
    const ep = ourEndpoint(view);
    const done = Boolean(state.marks.curl) && ep?.state.toLowerCase() === "available";
    return { done, why: done ? "detect.curl.done" : "detect.curl.todo" };
  },
  perform: curlBoth,
  handsOn: form,
};
