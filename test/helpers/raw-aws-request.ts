/**
 * Hand-made requests to a served sandbox: signed with SigV4 by the SDK's own signer (or not, or
 * wrongly), sent with node:http, answers read whole. For the tests of what a bad client gets.
 */
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";

/** The SDK signer's hash, from node:crypto. */
export class Sha256 {
  private readonly h;
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", Buffer.from(secret as string));
  }
  update(d: SourceData): void {
    this.h.update(typeof d === "string" ? d : Buffer.from(d as Uint8Array));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {}
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export async function sign(
  url: string,
  req: RawRequest,
  opts: { accessKeyId: string; secretAccessKey: string; region: string; service: string; date?: Date },
): Promise<RawRequest> {
  const u = new URL(url);
  const path = req.path ?? "/";
  const q = path.indexOf("?");
  const query = Object.fromEntries(new URLSearchParams(q < 0 ? "" : path.slice(q + 1)));
  const signer = new SignatureV4({ credentials: opts, region: opts.region, service: opts.service, sha256: Sha256 });
  const signed = await signer.sign(
    { method: req.method ?? "POST", protocol: "http:", hostname: u.hostname, port: Number(u.port), path: q < 0 ? path : path.slice(0, q), query, headers: { host: u.host, ...req.headers }, body: req.body ?? "" },
    { signingDate: opts.date ?? new Date() },
  );
  return { ...req, headers: signed.headers as Record<string, string> };
}

/** Sends `req`; resolves with the answer, or rejects when the server closes the connection. */
export function send(url: string, req: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: u.hostname, port: u.port, method: req.method ?? "POST", path: req.path ?? "/", headers: req.headers ?? {}, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error("no answer in time")));
    r.on("error", reject);
    r.end(req.body);
  });
}

/** Writes `bytes` on a raw connection and waits for the server to close it; resolves with what it said. */
export function sendRawAndWaitForClose(url: string, bytes: string, limitMs: number): Promise<{ closedAfterMs: number; said: string }> {
  const u = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname, () => socket.write(bytes));
    let said = "";
    socket.on("data", (d) => (said += d.toString("latin1")));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${limitMs} ms`));
    }, limitMs);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - started, said });
    });
    socket.on("error", () => undefined);
  });
}

/** The `<Code>` of an XML error, or `__type` of a JSON one. */
export function errorCode(a: RawAnswer): string | undefined {
  const xml = /<Code>([^<]*)<\/Code>/.exec(a.body)?.[1];
  if (xml) return xml;
  try {
    return (JSON.parse(a.body) as { __type?: string }).__type;
  } catch {
    return undefined;
  }
}
