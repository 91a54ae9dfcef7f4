/** `status` reads the cloud only through the one port (src/aws/cloud-reads.ts): nothing else is sent to AWS. */
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { createSandboxClients, type AwsClients } from "../../src/aws/clients.js";
import { cloudReads } from "../../src/aws/cloud-reads.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";

/** The port's operations as AWS names them (`describeStacks` → `DescribeStacksCommand`). */
const PORT = new Set(Object.keys(cloudReads({} as AwsClients)).map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}Command`));

describe("status", () => {
  it("sends only the reads of the cloud port, with the lesson half built", async () => {
    const h = harness();
    const sent: string[] = [];
    let recording = false;
    const record = <I extends object, O extends MetadataBearer>(stack: MiddlewareStack<I, O>) =>
      stack.add(
        (next, context) => async (args) => {
          if (recording) sent.push(String(context.commandName));
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
    for (const id of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "accept"]) await step(id, h.opts, h.env);
    recording = true;
    await status(h.opts, h.env);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((name) => !PORT.has(name))).toEqual([]);
    expect(h.host.ofType("status")[0]!.steps.filter((s) => s.done).map((s) => s.id)).toContain("accept");
  });
});
