/**
 * Test-honesty gaps found by mutating the source (issue 21): each rule here was unguarded, so a
 * change that broke it left every test green. Each test below goes red when its rule is broken.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { readLearnerPath } from "../../src/challenge/learner-path.js";
import { recreateEndpoint } from "../../src/challenge/repairs.js";
import { parseYaml } from "../../src/content/yaml-data.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { cleanupStarted } from "../../src/lesson/cleanup-state.js";
import { clientToken } from "../../src/lesson/client-token.js";
import type { CloudView, StackView } from "../../src/lesson/cloud-view.js";
import { curlVerdict, STATUS_MARK } from "../../src/lesson/curl-proof.js";
import { LINK_IDS } from "../../src/reachability/chain.js";
import type { LessonState } from "../../src/state/schema.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

const PROVIDER = "i-0123456789abcdef0";
const page = `<html><body><h1>Provider</h1><p>${PROVIDER}</p></body></html>\n`;

describe("curl proves the Provider's page with HTTP 200, nothing else", () => {
  it.each([204, 302, 301, 201])("the Provider's own page with HTTP %i is no proof", (status) => {
    expect(curlVerdict({ exitCode: 0, stdout: `${page}${STATUS_MARK}${status}\n`, stderr: "" }, PROVIDER)).toMatchObject({ ok: false, reason: "http-status", status });
  });
  it("with HTTP 200 it is", () => {
    expect(curlVerdict({ exitCode: 0, stdout: `${page}${STATUS_MARK}200\n`, stderr: "" }, PROVIDER)).toMatchObject({ ok: true, status: 200 });
  });
});

describe("the cleanup as the cloud shows it", () => {
  const stack = (name: string, status: string): StackView => ({ name, id: `arn:${name}`, status, outputs: {}, resources: { Vpc: "vpc-1" }, createdAt: 1000 }) as StackView;
  const view = (status: string): CloudView =>
    ({ consumer: stack("amy-consumer", status), provider: stack("amy-provider", "CREATE_COMPLETE"), deletedStacks: [], curls: [], endpoints: [], endpointSgs: [], services: [] }) as unknown as CloudView;
  const state = { marks: {}, challenges: { solved: {}, gaveUp: {} } } as unknown as LessonState;

  it("a stack in DELETE_IN_PROGRESS, with no mark and no curl, is the cleanup begun", () => {
    expect(cleanupStarted(view("DELETE_IN_PROGRESS"), state)).toBe(true);
    expect(cleanupStarted(view("DELETE_FAILED"), state)).toBe(true);
  });
  it("a stack still being built is not", () => {
    expect(cleanupStarted(view("CREATE_IN_PROGRESS"), state)).toBe(false);
    expect(cleanupStarted(view("UPDATE_COMPLETE"), state)).toBe(false);
  });
});

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
});

describe("ClientTokens are made of what does not change", () => {
  it("only the clock advancing changes no token: re-creating the endpoint an hour later returns the same one", async () => {
    const { h, ctx } = await copyLab(lab);
    const path = await readLearnerPath(ctx);
    const params = { service: path.serviceName, vpc: path.consumerVpcId };
    const before = clientToken(ctx, "endpoint", params);
    h.clock.advance(3600_000);
    expect(clientToken(ctx, "endpoint", params)).toBe(before);
    const count = async () => (await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints!.filter((e) => String(e.ServiceName).includes("vpce-svc")).length;
    const n = await count();
    expect(await recreateEndpoint(ctx, path)).toBe(path.endpointId);
    expect(await count()).toBe(n);
  });
});

describe("diagnose walks its links in the documented order", () => {
  it("the order a packet meets them, as lessons/privatelink/diagnose/<lang>.yml and the README list them", async () => {
    const { ctx } = await copyLab(lab);
    const walked = (await diagnose(ctx)).links.map((l) => l.id);
    expect(walked).toEqual([...LINK_IDS]);
    for (const lang of ["en", "ja"]) {
      const text = parseYaml(readFileSync(join("lessons", "privatelink", "diagnose", `${lang}.yml`), "utf8")) as { links: Record<string, unknown> };
      expect(walked, lang).toEqual(Object.keys(text.links));
    }
    // The README's diagram, in its own words: each link's place matches.
    const readme = readFileSync("README.md", "utf8");
    const diagram = readme.slice(readme.indexOf("Consumer instance (running, SSM Online)"), readme.indexOf("→ Apache") + 8);
    const words = ["Consumer instance", "outbound rules", "DNS name", "endpoint state", "endpoint security group", "acceptance", "NLB listener", "target group", "target health", "Provider security group", "Apache"];
    const at = words.map((w) => diagram.indexOf(w));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
