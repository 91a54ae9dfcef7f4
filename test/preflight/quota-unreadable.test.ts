/**
 * A Service Quotas answer that is not AWS's JSON (a proxy's 500 page) is an unreadable quota:
 * AWS's default is assumed, with the warning that says so; it never stops preflight as a bug
 * would (issue 22). The real SDK client, against a server on 127.0.0.1.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { readQuotaLimits } from "../../src/preflight/quota-read.js";
import { LESSON_QUOTAS } from "../../src/preflight/quota-plan.js";

let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(500, { "content-type": "text/html" });
    res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("a Service Quotas answer that is a 500 page", () => {
  it("assumes AWS's default for each quota and says why", async () => {
    const quotas = new ServiceQuotasClient({ endpoint: url, region: "ap-northeast-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" }, maxAttempts: 1 });
    const limits = await readQuotaLimits({ quotas } as unknown as AwsClients);
    for (const spec of LESSON_QUOTAS) expect(limits[spec.id]).toEqual({ value: spec.awsDefault, source: "assumed", reason: "HTTP 500" });
  });
});
