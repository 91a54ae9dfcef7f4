/**
 * Against an endpoint on this computer (`sandbox serve`), concurrent commands leave in the order
 * they were asked for: the first is on the wire before the next is prepared (the server starts on
 * it meanwhile), instead of all of them being serialized and signed together and sent at once.
 * A command that fails before it is sent, or is tried again, holds up no one.
 */
import { describe, expect, it, vi } from "vitest";
import { DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { sendInOrder, sendQueue } from "../../src/aws/send-order.js";
import { createAwsClients } from "../../src/aws/clients.js";

const OK = '<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet/></DescribeVpcsResponse>';

/** An EC2 client whose transport records what reaches it, answering after a turn of the event loop. */
function client(events: string[], failFirst = 0) {
  let failures = failFirst;
  const handler = {
    handle: async (request: { body?: string }) => {
      const id = /VpcId\.1=([^&]+)/.exec(String(request.body))?.[1] ?? "?";
      events.push(`sent ${id}`);
      await new Promise((r) => setImmediate(r));
      if (failures-- > 0) return { response: { statusCode: 503, headers: {}, body: Buffer.from("<Response><Errors><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></Errors></Response>") } };
      return { response: { statusCode: 200, headers: { "content-type": "text/xml" }, body: Buffer.from(OK) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  const c = new EC2Client({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    endpoint: "http://127.0.0.1:9",
    requestHandler: handler as never,
    maxAttempts: 3,
    retryStrategy: undefined,
  });
  // Preparing: the serializer's step (where the SDK writes the request).
  c.middlewareStack.add(
    ((next: (a: { input: { VpcIds?: string[] } }) => Promise<unknown>) => async (args: { input: { VpcIds?: string[] } }) => {
      events.push(`prepare ${args.input.VpcIds?.[0] ?? "?"}`);
      if (args.input.VpcIds?.[0] === "bad") throw new Error("could not serialize");
      return next(args);
    }) as never,
    { step: "serialize", priority: "high", name: "testPrepare" },
  );
  return c;
}

const describeVpc = (c: EC2Client, id: string) => c.send(new DescribeVpcsCommand({ VpcIds: [id] }));

describe("requests to an endpoint on this computer leave in order", () => {
  it("sends the first before preparing the second", async () => {
    const events: string[] = [];
    const c = sendInOrder(client(events), sendQueue());
    await Promise.all(["vpc-1", "vpc-2", "vpc-3"].map((id) => describeVpc(c, id)));
    expect(events).toEqual(["prepare vpc-1", "sent vpc-1", "prepare vpc-2", "sent vpc-2", "prepare vpc-3", "sent vpc-3"]);
  });

  it("without it, the SDK prepares all of them before sending any (what the ordering changes)", async () => {
    const events: string[] = [];
    const c = client(events);
    await Promise.all(["vpc-1", "vpc-2", "vpc-3"].map((id) => describeVpc(c, id)));
    expect(events.indexOf("prepare vpc-3")).toBeLessThan(events.indexOf("sent vpc-1"));
  });

  it("lets the next go when a command fails before it is sent, and when one is tried again", async () => {
    const events: string[] = [];
    const c = sendInOrder(client(events, 1), sendQueue());
    const results = await Promise.allSettled([describeVpc(c, "vpc-1"), describeVpc(c, "bad"), describeVpc(c, "vpc-3")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // vpc-1 was answered 503 once and tried again; the failed one did not block vpc-3.
    expect(events.filter((e) => e === "sent vpc-1")).toHaveLength(2);
    expect(events).toContain("sent vpc-3");
  });

  it("is used for a loopback endpoint only", async () => {
    // (clients are only made here, nothing is sent: the suite's no-AWS guard is lifted for that alone)
    vi.stubEnv("PRIVATELINK_LAB_NO_AWS", "0");
    const names = async (endpointUrl?: string) =>
      (await createAwsClients({ region: "us-east-1", ...(endpointUrl ? { endpointUrl } : {}) })).ec2.middlewareStack.identify().join(" ");
    expect(await names("http://127.0.0.1:4566")).toContain("privatelinkLabSendOrder");
    expect(await names(undefined)).not.toContain("privatelinkLabSendOrder");
    vi.unstubAllEnvs();
  });
});
