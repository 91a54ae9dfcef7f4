/**
 * The shipped bundle registers the SDK's modelled errors only when an error registry is first read
 * (scripts/sdk-errors-on-first-read.mjs), which a sandbox run never does. Against AWS the answer
 * must not change: an error AWS returns still becomes its modelled class, with its own fields.
 * Built here the way the CLI is built, then run against a transport that answers as AWS does.
 */
import { build } from "esbuild";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/paths.js";
// @ts-expect-error: a build script (plain ES module, no types)
import { deferErrorRegistrations, registrySettlesOnRead } from "../../scripts/sdk-errors-on-first-read.mjs";

const ENTRY = `
import { SSMClient, GetParameterCommand, SSMServiceException } from "@aws-sdk/client-ssm";
import { TypeRegistry } from "@smithy/core/schema";
import { HttpResponse } from "@smithy/core/transport";
import { Readable } from "node:stream";

/** A transport answering every request as SSM answers a parameter that does not exist. */
const notFound = {
  handle: async () => ({
    response: new HttpResponse({
      statusCode: 400,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-1" },
      body: Readable.from([Buffer.from(JSON.stringify({ __type: "ParameterNotFound", message: "Parameter /lab/x not found." }))]),
    }),
  }),
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
};

export async function ask() {
  const deferredBefore = TypeRegistry.pllPending?.length ?? 0;
  const ssm = new SSMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" }, requestHandler: notFound, maxAttempts: 1 });
  const deferredWithClient = TypeRegistry.pllPending?.length ?? 0;
  try {
    await ssm.send(new GetParameterCommand({ Name: "/lab/x" }));
    return { deferredBefore, deferredWithClient, error: undefined };
  } catch (e) {
    return {
      deferredBefore,
      deferredWithClient,
      deferredAfter: TypeRegistry.pllPending?.length ?? 0,
      error: { name: e.name, shapeId: e.constructor.shapeId, message: e.message, fault: e.$fault, status: e.$metadata?.httpStatusCode, isService: e instanceof SSMServiceException },
    };
  }
}
`;

/** Builds ENTRY with the SDK's error registrations deferred (as scripts/build.mjs does) or not. */
async function bundle(deferred: boolean): Promise<{ ask: () => Promise<{ deferredBefore: number; deferredWithClient: number; deferredAfter?: number; error?: Record<string, unknown> }> }> {
  const root = packageRoot();
  const schemas = {
    name: "schemas",
    setup(b: { onLoad: (o: { filter: RegExp }, f: (a: { path: string }) => { contents: string; loader: "js" }) => void }) {
      b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => ({
        contents: (deferErrorRegistrations as (t: string, f: string) => string)(readFileSync(args.path, "utf8"), args.path),
        loader: "js",
      }));
    },
  };
  const out = join(mkdtempSync(join(tmpdir(), "pll-sdk-errors-")), "entry.mjs");
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: "js" },
    outfile: out,
    bundle: true,
    format: "esm",
    platform: "node",
    mainFields: ["module", "main"],
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
    plugins: deferred ? [schemas, registrySettlesOnRead] : [],
    logLevel: "silent",
  });
  return import(pathToFileURL(out).href);
}

describe("the SDK's modelled errors, registered on first read", () => {
  it("are not registered until AWS answers with an error, and then AWS's error is its own class", async () => {
    const { ask } = await bundle(true);
    const r = await ask();
    expect(r.deferredBefore).toBeGreaterThan(0); // SSM's registrations waited,
    expect(r.deferredWithClient).toBe(r.deferredBefore); // also while a client was made (its protocol copies the registry)
    expect(r.deferredAfter).toBe(0); // ...and ran when the answer was an error
    expect(r.error).toMatchObject({ name: "ParameterNotFound", shapeId: "com.amazonaws.ssm#ParameterNotFound", fault: "client", status: 400, isService: true });
    expect(r.error?.message).toBe("Parameter /lab/x not found.");
  }, 60_000);

  it("gives the same error as the SDK built as published", async () => {
    const published = (await (await bundle(false)).ask()).error;
    const deferred = (await (await bundle(true)).ask()).error;
    expect(published).toMatchObject({ shapeId: "com.amazonaws.ssm#ParameterNotFound" });
    expect(deferred).toEqual(published);
  }, 60_000);
});
