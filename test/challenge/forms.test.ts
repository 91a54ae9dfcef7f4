/**
 * Each challenge can be repaired through the hands-on forms alone (the console-like pages of
 * `challenge fix`), answering as a learner would; `check` then passes.
 */
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { fixWithForms } from "../../src/challenge/forms.js";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { checkChallenge, startChallenge } from "../../src/challenge/run.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import type { Answer } from "../helpers/recording-host.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
});

type Script = (ids: { consumerIp: string; consumerSgId: string; providerSgId: string; providerCidr: string; consumerCidr: string; endpointSgId: string }) => { match: string; value: Answer; times?: number }[];

const page = (value: string) => [
  { match: "Which console page", value, times: 1 },
  { match: "Which console page", value: "done" },
];

const SCRIPTS: Record<string, Script> = {
  "silent-door": (i) => [...page("inbound"), { match: "Security group", value: i.endpointSgId }, { match: "Type", value: 80 }, { match: "Source", value: "cidr" }, { match: "CIDR block", value: `${i.consumerIp}/32` }],
  "turned-away": () => [...page("connections"), { match: "Endpoint connection", value: "replace" }],
  "wrong-number": () => [...page("listener"), { match: "Listener port", value: "80" }],
  "empty-house": () => [...page("targets"), { match: "Port", value: "80" }],
  "back-door": (i) => [...page("inbound"), { match: "Security group", value: i.providerSgId }, { match: "Type", value: 80 }, { match: "Source", value: "cidr" }, { match: "CIDR block", value: i.providerCidr }],
  "no-way-out": (i) => [...page("outbound"), { match: "Type", value: 80 }, { match: "Destination", value: "cidr" }, { match: "CIDR block", value: i.consumerCidr }],
};

describe.each(Object.keys(SCRIPTS))("challenge %s", (id) => {
  it("is fixed through the forms", async () => {
    const probe = await copyLab(lab);
    const p = await readLearnerPath(probe.ctx);
    const cidr = async (vpc: string) => (await probe.ctx.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0]!.CidrBlock!;
    const ids = {
      consumerIp: p.consumerIp!,
      consumerSgId: p.consumerSgId!,
      providerSgId: p.providerSgId!,
      endpointSgId: p.endpointSgId!,
      providerCidr: await cidr(p.providerVpcId!),
      consumerCidr: await cidr(p.consumerVpcId!),
    };
    const { ctx, host } = await copyLab(lab, "en", SCRIPTS[id]!(ids));
    await startChallenge(ctx, id);
    await fixWithForms(ctx);
    expect(host.questions.filter((q) => q.startsWith("Which console page"))).toHaveLength(2);
    expect(await checkChallenge(ctx)).toBe(true);
  });
});
