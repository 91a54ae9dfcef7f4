/**
 * Signed like AWS, and safe against bad clients: a request without a signature, with the wrong
 * secret, an unknown key or a scope for another region gets AWS's error for that and changes
 * nothing; a body over the limit, a malformed query string, an unknown action, a client that
 * sends half a request and stops — each gets AWS's error or a closed connection in bounded time,
 * and the server answers the next request.
 */
import { CreateTagsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { buildLab, type BuiltLab } from "../helpers/built-lab.js";
import { errorCode, send, sendRawAndWaitForClose, Sha256, sign } from "../helpers/raw-aws-request.js";
import { servedClients } from "../helpers/served-clients.js";
import { checkSignature, readAuthorization, type IncomingSigned, type SignedScope } from "../../src/sandbox/serve/sigv4.js";
import { buildQueryString } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";

const REGION = "ap-northeast-1";
let lab: BuiltLab;
let sandbox: Sandbox;
let served: ServedSandbox;
let vpcId: string;

beforeAll(async () => {
  lab = await buildLab();
  sandbox = new Sandbox({ store: new MemoryStore(lab.world), speed: 0 });
  served = await serveSandbox({ sandbox, region: REGION, maxBodyBytes: 256 * 1024, requestTimeoutMs: 1_000 });
  vpcId = (await servedClients(served, REGION).ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
}, 120_000);

afterAll(async () => {
  await served?.close();
});

/** The error `fn` fails with: code and HTTP status. */
async function failure(fn: () => Promise<unknown>): Promise<{ code: string; status?: number }> {
  try {
    await fn();
  } catch (err) {
    return { code: (err as Error).name, status: (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  throw new Error("it succeeded");
}

const tagIt = (c: ReturnType<typeof servedClients>) => c.ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: "intruder", Value: "was here" }] }));

/** The server is still up and answering signed requests. */
async function stillAnswers(): Promise<void> {
  const out = await servedClients(served, REGION, 1).sts.send(new GetCallerIdentityCommand({}));
  expect(out.Account).toBe("000000000000");
}

describe("a served sandbox checks signatures like AWS", () => {
  it("refuses the wrong secret, an unknown key and another region, and nothing changes", async () => {
    const before = sandbox.store.snapshot();
    const wrongSecret = servedClients({ url: served.url, credentials: { ...served.credentials, secretAccessKey: "not-the-secret" } }, REGION, 1);
    const unknownKey = servedClients({ url: served.url, credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: served.credentials.secretAccessKey } }, REGION, 1);
    const otherRegion = servedClients(served, "us-west-2", 1);

    expect(await failure(() => tagIt(wrongSecret))).toEqual({ code: "AuthFailure", status: 401 });
    expect(await failure(() => wrongSecret.sts.send(new GetCallerIdentityCommand({})))).toEqual({ code: "SignatureDoesNotMatch", status: 403 });
    expect(await failure(() => wrongSecret.ssm.send(new GetParameterCommand({ Name: "/x" })))).toEqual({ code: "InvalidSignatureException", status: 400 });

    expect(await failure(() => tagIt(unknownKey))).toEqual({ code: "AuthFailure", status: 401 });
    expect(await failure(() => unknownKey.sts.send(new GetCallerIdentityCommand({})))).toEqual({ code: "InvalidClientTokenId", status: 403 });
    expect(await failure(() => unknownKey.ssm.send(new GetParameterCommand({ Name: "/x" })))).toEqual({ code: "UnrecognizedClientException", status: 400 });

    expect(await failure(() => tagIt(otherRegion))).toEqual({ code: "AuthFailure", status: 401 });
    expect(await failure(() => otherRegion.sts.send(new GetCallerIdentityCommand({})))).toEqual({ code: "SignatureDoesNotMatch", status: 403 });

    expect(isDeepStrictEqual(sandbox.store.snapshot(), before)).toBe(true);
    // The same request, rightly signed, does change the account: the refusals were the signature's.
    await tagIt(servedClients(served, REGION, 1));
    expect(isDeepStrictEqual(sandbox.store.snapshot(), before)).toBe(false);
  });

  it("answers an unsigned request MissingAuthenticationToken (query) / ...Exception (JSON)", async () => {
    const before = sandbox.store.snapshot();
    const form = `Action=CreateTags&Version=2016-11-15&ResourceId.1=${vpcId}&Tag.1.Key=a&Tag.1.Value=b`;
    const ec2 = await send(served.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    expect([ec2.status, errorCode(ec2)]).toEqual([401, "MissingAuthenticationToken"]);
    const sts = await send(served.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" });
    expect([sts.status, errorCode(sts)]).toEqual([403, "MissingAuthenticationToken"]);
    expect(sts.body).toContain("<Type>Sender</Type>");
    const ssm = await send(served.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" }, body: '{"Name":"/x"}' });
    expect([ssm.status, errorCode(ssm)]).toEqual([400, "MissingAuthenticationTokenException"]);
    expect(isDeepStrictEqual(sandbox.store.snapshot(), before)).toBe(true);
  });

  it("refuses a signed request whose body was changed after signing, and a broken Authorization header", async () => {
    const creds = { ...served.credentials, region: REGION, service: "ec2" };
    const signed = await sign(served.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=DescribeVpcs&Version=2016-11-15" }, creds);
    const tampered = await send(served.url, { ...signed, body: `Action=CreateTags&Version=2016-11-15&ResourceId.1=${vpcId}&Tag.1.Key=x&Tag.1.Value=y` });
    expect([tampered.status, errorCode(tampered)]).toEqual([401, "AuthFailure"]);
    const broken = await send(served.url, { ...signed, headers: { ...signed.headers, authorization: "AWS4-HMAC-SHA256 Credential=abc" } });
    expect([broken.status, errorCode(broken)]).toEqual([400, "IncompleteSignature"]);
    const old = await sign(served.url, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=DescribeVpcs&Version=2016-11-15" }, { ...creds, date: new Date(Date.now() - 3_600_000) });
    const stale = await send(served.url, old);
    expect([stale.status, errorCode(stale)]).toEqual([400, "RequestExpired"]);
    await stillAnswers();
  });
});

describe("the served sandbox's signature check agrees with the SDK's signer", () => {
  // Requests the SDK's signer signed, with odd paths, repeated and escaped query keys, and header
  // values with runs of blanks: each is accepted; changed in any signed part, each is refused.
  it("accepts 300 requests the SDK signed and refuses each once a signed part changes", async () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
    const creds = { accessKeyId: "PLLABSIGNTEST00000", secretAccessKey: "a-secret-for-this-test-only" };
    const texts = ["a", "A b", "x=y&z", "%41", "~._-", "ü日本", "(!*')", "  two  spaces ", "tab\there", "+plus+", ""];
    const paths = ["/", "/a/b", "/a/./b/../c/", "/x%20y", "/%E6%97%A5", "//double//slash/", "/a/b/..", "/~user/(x)"];
    const check = (req: IncomingSigned, now: number) =>
      checkSignature(req, readAuthorization(String(req.headers.authorization)) as SignedScope, creds, () => true, now);
    for (let i = 0; i < 300; i++) {
      const query: Record<string, string | string[]> = {};
      for (let k = rnd(4); k > 0; k--) query[pick(texts) || "k"] = rnd(3) === 0 ? [pick(texts), pick(texts)] : pick(texts);
      const extra: Record<string, string> = {};
      for (let k = rnd(3); k > 0; k--) extra[`x-test-${rnd(100)}`] = `${pick(texts)} \t ${pick(texts)}`.replace(/[^\x20-\x7e\t]/g, "?");
      const method = pick(["GET", "POST"]);
      const path = pick(paths);
      const body = rnd(2) ? `Action=Describe${rnd(1000)}&Version=2016-11-15` : "";
      const when = new Date(Date.UTC(2026, rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60)));
      const signer = new SignatureV4({ credentials: creds, region: "ap-northeast-1", service: pick(["ec2", "sts", "ssm"]), sha256: Sha256, applyChecksum: rnd(2) === 0 });
      const signed = await signer.sign({ method, protocol: "http:", hostname: "127.0.0.1", port: 4566, path, query, headers: { host: "127.0.0.1:4566", "content-type": "application/x-www-form-urlencoded", ...extra }, body }, { signingDate: when });
      const qs = buildQueryString(query);
      const req: IncomingSigned = { method, url: qs ? `${path}?${qs}` : path, headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])), body: Buffer.from(body) };
      expect(await check(req, when.getTime()), JSON.stringify(req)).toBeUndefined();
      const changed: IncomingSigned[] = [
        { ...req, method: method === "GET" ? "POST" : "GET" },
        { ...req, url: req.url.replace(/^\/[^?]*/, (p) => `${p}x`) },
        { ...req, body: Buffer.from(`${body}&More=1`) },
        ...(qs ? [{ ...req, url: `${req.url}&k=v` }] : []),
        ...Object.keys(extra).map((h) => ({ ...req, headers: { ...req.headers, [h]: `${req.headers[h]}!` } })),
      ];
      for (const c of changed) expect((await check(c, when.getTime()))?.kind, JSON.stringify(c)).toBe("mismatch");
    }
  });
});

describe("a served sandbox survives bad requests", () => {
  const creds = () => ({ ...served.credentials, region: REGION, service: "ec2" });
  const form = { "content-type": "application/x-www-form-urlencoded" };

  it("answers a malformed query string MalformedQueryString, an unknown action InvalidAction / UnknownOperationException", async () => {
    const malformed = await send(served.url, await sign(served.url, { headers: form, body: "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=%ZZ" }, creds()));
    expect([malformed.status, errorCode(malformed)]).toEqual([404, "MalformedQueryString"]);
    const unknown = await send(served.url, await sign(served.url, { headers: form, body: "Action=DescribeVolumes&Version=2016-11-15" }, creds()));
    expect([unknown.status, errorCode(unknown)]).toEqual([400, "InvalidAction"]);
    expect(unknown.body).toMatch(/^<\?xml[^>]*><Response><Errors><Error><Code>InvalidAction<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[^<]+<\/RequestID><\/Response>$/);
    const json = await send(
      served.url,
      await sign(served.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.DeleteParameter" }, body: '{"Name":"/x"}' }, { ...creds(), service: "ssm" }),
    );
    expect([json.status, errorCode(json)]).toEqual([400, "UnknownOperationException"]);
    const notJson = await send(
      served.url,
      await sign(served.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" }, body: "{not json" }, { ...creds(), service: "ssm" }),
    );
    expect([notJson.status, errorCode(notJson)]).toEqual([400, "SerializationException"]);
    await stillAnswers();
  });

  it("answers a service it does not simulate in that service's error shape: JSON for REST-JSON ones (Lambda), XML for S3", async () => {
    const lambda = await send(served.url, await sign(served.url, { method: "GET", path: "/2015-03-31/functions/" }, { ...creds(), service: "lambda" }));
    expect(lambda.status).toBe(400);
    expect(lambda.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(JSON.parse(lambda.body)).toMatchObject({ message: "The sandbox does not simulate the service lambda." });
    const s3 = await send(served.url, await sign(served.url, { method: "GET", path: "/" }, { ...creds(), service: "s3" }));
    expect([s3.status, errorCode(s3)]).toEqual([400, "InvalidAction"]);
    expect(s3.body).toMatch(/^<\?xml/);
    const query = await send(served.url, await sign(served.url, { headers: form, body: "Action=ListQueues&Version=2012-11-05" }, { ...creds(), service: "sqs" }));
    expect([query.status, errorCode(query)]).toEqual([400, "InvalidAction"]);
    await stillAnswers();
  });

  it("answers a body over the limit 413 (or cuts it off), declared or not, and goes on", async () => {
    const big = "Action=DescribeVpcs&Version=2016-11-15&x=" + "a".repeat(400 * 1024);
    const declared = await send(served.url, await sign(served.url, { headers: form, body: big }, creds())).catch((err: Error) => ({ status: 0, body: err.message, headers: {} }));
    expect([0, 413]).toContain(declared.status);
    const chunked = await send(served.url, { headers: { ...form, "transfer-encoding": "chunked" }, body: big }).catch((err: Error) => ({ status: 0, body: err.message, headers: {} }));
    expect([0, 413]).toContain(chunked.status);
    await stillAnswers();
  });

  it("cuts off a client that sends half a request and stops, in bounded time", async () => {
    const halfBody = await sendRawAndWaitForClose(served.url, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=Desc", 8_000);
    expect(halfBody.said === "" || /^HTTP\/1\.1 408/.test(halfBody.said), halfBody.said).toBe(true);
    const halfHeaders = await sendRawAndWaitForClose(served.url, "POST / HTTP/1.1\r\nHost: x\r\nContent-Ty", 8_000);
    expect(halfHeaders.said === "" || /^HTTP\/1\.1 408/.test(halfHeaders.said)).toBe(true);
    const garbage = await sendRawAndWaitForClose(served.url, "\x00\x01 not http at all\r\n\r\n", 8_000);
    expect(garbage.said).toMatch(/^HTTP\/1\.1 400/);
    await stillAnswers();
  });
});
