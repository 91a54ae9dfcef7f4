/**
 * Each challenge fixed by hand with the real AWS CLI, against a served sandbox: `challenge start`
 * says how to reach the sandbox by hand; failed checks give hints down to the last one; the `aws`
 * commands written in that last hint (inline or in a block) run verbatim (one shell, in order) with nothing but the
 * served sandbox's variables in the environment; then `challenge check` passes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadChallenges } from "../../src/challenge/definitions.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, fixByHandInSandbox } from "../../src/challenge/run.js";
import { challenge } from "../../src/commands/challenge.js";
import { publishServed } from "../../src/sandbox/served-file.js";
import { serveSandbox } from "../../src/sandbox/serve/server.js";
import { awsExecutable, learnerShellEnv, runScript } from "../helpers/aws-cli.js";
import { lastHintCommands } from "../helpers/last-hint.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
let aws: string;
beforeAll(async () => {
  aws = awsExecutable();
  lab = await buildLab();
}, 120_000);

const challenges = loadChallenges("privatelink");

describe.each(challenges.map((c) => [c.id] as const))("challenge %s, fixed with the AWS CLI", (id) => {
  it("the last hint's commands, run as printed, make check pass", async () => {
    const { h, ctx, host } = await copyLab(lab);
    await challenge("start", id, h.opts, h.env);
    // No sandbox served yet: it says how to serve one and point a terminal at it.
    expect(host.ofType("notice").at(-1)?.message).toMatch(/sandbox serve.*sandbox env/);

    // Failed checks walk the hints down to the last, which carries the commands.
    // Written inline (`aws …`) or, for several commands in a row, as a block.
    const { hint, commands } = await lastHintCommands(ctx, host, (passed) => expect(passed).toBe(false));
    expect(commands.length, hint).toBeGreaterThan(0);

    const served = await serveSandbox({ sandbox: h.sandbox, host: "127.0.0.1", port: 0 });
    const unpublish = publishServed(ctx.servedFile!, { url: served.url, region: ctx.state.region, ...served.credentials });
    try {
      // With one served, it names where, and the one line that points a terminal there.
      expect(fixByHandInSandbox(ctx)).toContain(served.url);
      expect(fixByHandInSandbox(ctx)).toContain('eval "$(npx privatelink-lab sandbox env)"');
      const env = learnerShellEnv(aws, { url: served.url, ...served.credentials, region: ctx.state.region });
      const run = await runScript(commands.join("\n"), env);
      expect(run.code, `${commands.join("\n")}\n${run.stderr}`).toBe(0);
    } finally {
      unpublish();
      await served.close();
    }
    expect(await checkChallenge(ctx)).toBe(true);
    expect(host.ofType("challenge").at(-1)).toMatchObject({ status: "fixed" });
  }, 120_000);
});

describe("Run Command by hand, as on AWS", () => {
  it("send-command runs curl; its output comes back through get-command-invocation and list-command-invocations --details", async () => {
    const { h, ctx } = await copyLab(lab);
    const path = await readLearnerPath(ctx);
    const served = await serveSandbox({ sandbox: h.sandbox, host: "127.0.0.1", port: 0 });
    try {
      const env = learnerShellEnv(aws, { url: served.url, ...served.credentials, region: ctx.state.region });
      const script = [
        `CMD_ID=$(aws ssm send-command --instance-ids ${path.consumerInstanceId} --document-name AWS-RunShellScript --parameters 'commands=["curl -sS -m 10 http://${path.dnsRegional}/"]' --query Command.CommandId --output text)`,
        `aws ssm get-command-invocation --command-id "$CMD_ID" --instance-id ${path.consumerInstanceId} --query '[Status,StandardOutputContent]' --output text`,
        `echo ---`,
        `aws ssm list-command-invocations --command-id "$CMD_ID" --details --query 'CommandInvocations[0].[Status,CommandPlugins[0].Name,CommandPlugins[0].Output]' --output text`,
        `echo ---`,
        `aws ssm list-command-invocations --instance-id ${path.consumerInstanceId} --query 'length(CommandInvocations)'`,
      ].join("\n");
      const run = await runScript(script, env);
      expect(run.code, run.stderr).toBe(0);
      const [get, list, count] = run.stdout.split("---\n");
      expect(get).toMatch(/^Success\s/);
      expect(get).toContain(path.providerInstanceId!); // the Provider's own page names its instance
      expect(list).toMatch(/^Success\s+aws:runShellScript\s/);
      expect(list).toContain(path.providerInstanceId!);
      // The tool's own curl (the build) and this one: the history keeps both.
      expect(Number(count)).toBeGreaterThanOrEqual(2);
    } finally {
      await served.close();
    }
  }, 120_000);
});
