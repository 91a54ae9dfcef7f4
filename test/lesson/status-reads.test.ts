/** `status` only reads the cloud (through the port, src/aws/port.ts): it sends AWS no write. */
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { destroy } from "../../src/commands/destroy.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";

/** A read, as AWS names its operations. */
const READ = /^(Describe|List|Get)[A-Za-z]+Command$/;

function recorded() {
    const h = harness();
    const sent: string[] = [];
    const on = { recording: false };
    const record = <I extends object, O extends MetadataBearer>(stack: MiddlewareStack<I, O>) =>
      stack.add(
        (next, context) => async (args) => {
          if (on.recording) sent.push(String(context.commandName));
          return next(args);
        },
        { step: "initialize", name: "recordCommand" },
      );
    h.env.makeClients = async (state) => {
      const clients = await createSandboxClients(h.sandbox, state.region);
      record(clients.ec2.middlewareStack);
      record(clients.cfn.middlewareStack);
      record(clients.elbv2.middlewareStack);
      record(clients.ssm.middlewareStack);
      record(clients.sts.middlewareStack);
      record(clients.iam.middlewareStack);
      record(clients.quotas.middlewareStack);
      return clients;
    };
    return { h, sent, on };
}

describe("status", () => {
  it("sends only reads, with the lesson half built", async () => {
    const { h, sent, on } = recorded();
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "accept"]) await step(id, h.opts, h.env);
    on.recording = true;
    await status(h.opts, h.env);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((name) => !READ.test(name))).toEqual([]);
    expect(h.host.ofType("status")[0]!.steps.filter((s) => s.done).map((s) => s.id)).toContain("accept");
  });

  it("a participant whose progress file is gone: the cloud is read once, the same requests as with the file", async () => {
    const { h, sent, on } = recorded();
    for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
    on.recording = true;
    await status(h.opts, h.env);
    const withFile = [...sent].sort();
    sent.length = 0;
    rmSync(join(h.stateDir, "participants"), { recursive: true });
    await status(h.opts, h.env);
    expect(sent.sort()).toEqual(withFile);
    // And `destroy` (a dry run), the same way.
    sent.length = 0;
    await destroy({ ...h.opts, dryRun: true }, h.env);
    const destroyWithFile = [...sent].sort();
    sent.length = 0;
    rmSync(join(h.stateDir, "participants"), { recursive: true });
    await destroy({ ...h.opts, dryRun: true }, h.env);
    expect(sent.sort()).toEqual(destroyWithFile);
  });
});
