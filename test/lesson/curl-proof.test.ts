/**
 * curl is proven by the Provider's page (HTTP 200, naming the Provider instance) through the
 * regional and the zonal name — never by an exit code. Anything else fails clearly, showing what
 * came back; a curl the learner sent themselves is found in Run Command history.
 */
import type { SendCommandCommandInput } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { status } from "../../src/commands/status.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { LabError } from "../../src/errors.js";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import { curlVerdict, STATUS_MARK } from "../../src/lesson/curl-proof.js";
import { curl } from "../../src/lesson/steps/curl.js";
import type { HandlerContext, HandlerTables } from "../../src/sandbox/handler.js";
import { allHandlers } from "../../src/sandbox/handlers/index.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { sendLearnerCurl } from "../helpers/learner-curl.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PROVIDER = "i-0provider";
const PAGE = `<html><body><h1>Hello from the Provider</h1><p>Instance ${PROVIDER} in ap-northeast-1a answered through AWS PrivateLink.</p></body></html>\n`;

describe("curlVerdict", () => {
  const ok = (stdout: string, exitCode = 0) => curlVerdict({ exitCode, stdout, stderr: "" }, PROVIDER);
  it("accepts only the Provider's page with HTTP 200", () => {
    expect(ok(`${PAGE}\n${STATUS_MARK}200\n`)).toEqual({ ok: true, status: 200 });
    expect(ok(PAGE)).toEqual({ ok: true }); // a learner's plain curl: the page itself is the proof
  });
  it("names each way it can fail", () => {
    expect(ok("")).toMatchObject({ ok: false, reason: "empty" });
    expect(ok(`\n${STATUS_MARK}000\n`)).toMatchObject({ ok: false, reason: "empty" }); // curl's 000: no HTTP answer at all
    expect(ok(`<title>Test Page for the HTTP Server on Amazon Linux</title><h1>It works!</h1>\n${STATUS_MARK}403\n`)).toMatchObject({ ok: false, reason: "test-page", status: 403 });
    expect(ok(`<html>someone else</html>\n${STATUS_MARK}200\n`)).toMatchObject({ ok: false, reason: "wrong-page" });
    expect(ok(`Not Found\n${STATUS_MARK}404\n`)).toMatchObject({ ok: false, reason: "http-status", status: 404 });
    expect(curlVerdict({ exitCode: 28, stdout: "", stderr: "curl: (28) Connection timed out after 10001 milliseconds\n" }, PROVIDER)).toMatchObject({
      ok: false,
      reason: "exit",
      firstLines: "curl: (28) Connection timed out after 10001 milliseconds",
    });
  });
});

async function throughAccept(h: Harness): Promise<void> {
  for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept"]) await stepCommand(id, h.opts, h.env);
}

/** Changes what the Provider's Apache serves (as a different user data would). */
function providerServes(h: Harness, body: string | undefined): void {
  h.sandbox.store.transact((world) => {
    for (const inst of Object.values(world.regions["ap-northeast-1"]!.instances)) {
      if (inst.boot.httpdReadyAt === undefined) continue;
      if (body === undefined) delete inst.boot.httpdBody;
      else inst.boot.httpdBody = body;
      inst.boot.httpdStatus = body === undefined ? 403 : 200;
    }
  });
}

async function curlStepError(h: Harness): Promise<LabError> {
  const err = await stepCommand("curl", h.opts, h.env).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

async function detected(h: Harness) {
  const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
  return curl.detect(await readCloud(ctx.clients, ctx.names), ctx.state);
}

describe("the curl step", () => {
  it("fails on Apache's test page (403, no index.html) and shows what came back", async () => {
    const h = harness();
    await throughAccept(h);
    providerServes(h, undefined);
    const err = await curlStepError(h);
    expect(err.key).toBe("error.curl.test-page");
    expect(String(err.vars.status)).toBe("403");
    expect(String(err.vars.output)).toContain("Test Page");
    expect((await detected(h)).done).toBe(false);
    expect((await detected(h)).why).toBe("detect.curl.test-page");
  });

  it("fails on a page that is not the Provider's", async () => {
    const h = harness();
    await throughAccept(h);
    providerServes(h, "<html><body>maintenance</body></html>\n");
    expect((await curlStepError(h)).key).toBe("error.curl.wrong-page");
    expect((await detected(h)).done).toBe(false);
  });

  it("fails when Run Command brings back nothing at all (exit 0, empty output)", async () => {
    const handlers: HandlerTables = {
      ...allHandlers,
      ssm: {
        ...allHandlers.ssm,
        // An emulator whose Run Command runs nothing: Success, exit 0, no output.
        SendCommandCommand: ((ctx: HandlerContext, input: SendCommandCommandInput) =>
          allHandlers.ssm.SendCommandCommand!(ctx, { ...input, Parameters: { commands: ["true"] } } as never)) as never,
      },
    };
    const h = harness({ handlers });
    await throughAccept(h);
    const err = await curlStepError(h);
    expect(err.key).toBe("error.curl.empty");
    expect((await detected(h)).done).toBe(false);
  });

  it("fails when the regional name works but the zonal one does not", async () => {
    let zonal = "";
    const handlers: HandlerTables = {
      ...allHandlers,
      ssm: {
        ...allHandlers.ssm,
        // The zonal name does not resolve (as if its DNS record were missing).
        SendCommandCommand: ((ctx: HandlerContext, input: SendCommandCommandInput) => {
          const cmds = (input.Parameters?.commands ?? []).map((c) => (zonal && c.includes(zonal) ? c.replace(zonal, "no-such-name.vpce.amazonaws.com") : c));
          return allHandlers.ssm.SendCommandCommand!(ctx, { ...input, Parameters: { commands: cmds } } as never);
        }) as never,
      },
    };
    const h = harness({ handlers });
    await throughAccept(h);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    zonal = ourEndpoint(await readCloud(ctx.clients, ctx.names))!.dnsZonal!;
    const err = await curlStepError(h);
    expect(err.key).toBe("error.curl.exit");
    expect(String(err.vars.dns)).toBe(zonal);
    expect(String(err.vars.output)).toMatch(/Could not resolve host/);
    const results = h.host.ofType("curl-result");
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  it("sees a curl the learner sent with aws ssm send-command, and status agrees", async () => {
    const h = harness();
    await throughAccept(h);
    expect((await detected(h)).done).toBe(false);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await sendLearnerCurl(ctx);
    expect(await detected(h)).toMatchObject({ done: true, why: "detect.curl.done" });
    const host = new RecordingHost();
    await status(h.opts, { ...h.env, makeHost: () => host });
    expect(host.ofType("status")[0]!.steps.find((st) => st.id === "curl")).toMatchObject({ done: true, reason: "detect.curl.done" });
  });

  it("a local mark alone proves nothing", async () => {
    const h = harness();
    await throughAccept(h);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    ctx.state.marks.curl = new Date().toISOString();
    expect(curl.detect(await readCloud(ctx.clients, ctx.names), ctx.state).done).toBe(false);
  });
});
