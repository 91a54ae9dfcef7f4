/**
 * Each challenge can be repaired through the hands-on forms alone (the console-like pages of
 * `challenge fix`), answering as a learner would; `check` then passes.
 */
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { fixWithForms } from "../../src/challenge/forms.js";
import { challenge } from "../../src/commands/challenge.js";
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

describe("turned-away through the endpoint-connections page", () => {
  it("says the new endpoint once, and its two waits (the request, then available) with two different lines", async () => {
    const { ctx, host } = await copyLab(lab, "en", SCRIPTS["turned-away"]!({} as Parameters<Script>[0]));
    await startChallenge(ctx, "turned-away");
    const from = host.events.length;
    await fixWithForms(ctx);
    const during = host.events.slice(from);
    const made = during.filter((e) => e.type === "resource-created" && e.kind === "AWS::EC2::VPCEndpoint");
    expect(made).toHaveLength(1);
    const waits = during.filter((e) => e.type === "progress" && e.step === "challenge").map((e) => (e.type === "progress" ? e.message : ""));
    expect(waits).toEqual(["Waiting for the endpoint's connection request", "Waiting for the endpoint to become available"]);
    expect(await checkChallenge(ctx)).toBe(true);
  });
});

describe("challenge fix with no challenge in progress", () => {
  it("says so before any console page is offered, and changes nothing", async () => {
    const { h, host } = await copyLab(lab, "en", page("inbound"));
    const from = h.sandbox.calls.length;
    await expect(challenge("fix", undefined, h.opts, h.env)).rejects.toMatchObject({ key: "challenge.none" });
    expect(host.questions.filter((q) => q.startsWith("Which console page"))).toEqual([]);
    expect(h.sandbox.calls.slice(from).filter((c) => !/^(Describe|Get|List)/.test(c.command))).toEqual([]);
  });
});
