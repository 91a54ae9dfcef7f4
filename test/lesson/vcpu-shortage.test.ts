/**
 * Two lessons at once in one account (different prefixes): both pass the preflight while nothing runs yet, then the
 * second deploy hits the vCPU quota (4 each, 5 in a new account). The learner is told which lab's instances hold the
 * vCPUs, read from the account, and what frees them: in the sandbox waiting or that lab's destroy command (never a quota
 * increase, which the sandbox cannot take); on AWS deleting it or the increase to request.
 */
import { describe, expect, it } from "vitest";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

/** Both learners pass the preflight, `alpha` deploys: `beta`'s deploy is what fails. */
async function secondDeployFails(h: Harness): Promise<unknown> {
  for (const prefix of ["alpha", "beta"]) await step("preflight", { ...h.opts, prefix }, h.env);
  await step("deploy", { ...h.opts, prefix: "alpha" }, h.env);
  return step("deploy", { ...h.opts, prefix: "beta" }, h.env).then(() => undefined, (e: unknown) => e);
}

/** The same account through clients that are not the sandbox's: an AWS account, as far as the lesson knows. */
function seenAsAws(h: Harness): void {
  const sandboxClients = h.env.makeClients!;
  h.env.makeClients = async (state) => {
    const { sandbox: _sandbox, ...aws } = await sandboxClients(state);
    return aws;
  };
}

describe("a second lab at once hits the vCPU quota", () => {
  it("in the sandbox: names the lab holding the vCPUs and its destroy command, or waiting; no quota increase", async () => {
    const err = await secondDeployFails(harness());
    const en = reportError(err, translator("en"));
    expect(en.key).toBe("error.vcpuShort.sandbox");
    expect(en.message).toContain("at most 5 vCPUs");
    expect(en.message).toContain("hold 4 of them: alpha (4 vCPUs, stacks alpha-consumer, alpha-provider)");
    expect(en.hint).toContain("Wait until that lab is finished");
    expect(en.hint).toContain("`npx privatelink-lab destroy --prefix alpha --sandbox`");
    expect(en.hint).toContain("`npx privatelink-lab --prefix beta --sandbox`");
    expect(`${en.message} ${en.hint}`).not.toMatch(/request|adjustment|increase/i);
    const ja = reportError(err, translator("ja"));
    expect(ja.message).toContain("alpha（vCPU 4 個、スタック alpha-consumer, alpha-provider）");
    expect(ja.hint).toContain("`npx privatelink-lab destroy --prefix alpha --sandbox`");
  });

  it("on AWS: names the lab found and keeps the increase to request", async () => {
    // A lesson on AWS (its profile): in --sandbox the command would go to the sandbox's --endpoint-url.
    const h = harness({ opts: { sandbox: false, profile: "work" } });
    seenAsAws(h);
    const r = reportError(await secondDeployFails(h), translator("en"));
    expect(r.key).toBe("error.vcpuShort.aws");
    expect(r.message).toContain("other privatelink-lab labs hold 4 of them: alpha (4 vCPUs, stacks alpha-consumer, alpha-provider)");
    expect(r.hint).toContain("destroy --prefix alpha");
    expect(r.hint).toContain("`aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 8 --profile work`");
  });
});
