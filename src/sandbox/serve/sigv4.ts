/**
 * Is this request signed with the sandbox's credentials, as AWS would check it? The signature is
 * computed again with the SDK's own signer (`@smithy/signature-v4`, its public `sign`) over exactly
 * the headers the client says it signed, and compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the Authorization header says, once it reads as SigV4. */
export interface SignedScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type AuthProblem =
  | { kind: "missing" }
  | { kind: "incomplete"; message: string }
  | { kind: "unknownKey"; scope: SignedScope }
  | { kind: "mismatch"; scope: SignedScope }
  | { kind: "badRegion"; scope: SignedScope }
  | { kind: "expired"; scope: SignedScope };

class Sha256 implements Checksum {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error("not used");
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const AUTH = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

/** The scope and signature in an Authorization header, or why it is not a SigV4 one. */
export function readAuthorization(header: string | undefined): SignedScope | AuthProblem {
  if (!header) return { kind: "missing" };
  const m = AUTH.exec(header);
  if (!m) return { kind: "incomplete", message: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, in AWS4-HMAC-SHA256 form." };
  const parts = m[1]!.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request" || !/^\d{8}$/.test(parts[1]!)) {
    return { kind: "incomplete", message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${m[1]}'.` };
  }
  return { accessKeyId: parts[0]!, date: parts[1]!, region: parts[2]!, service: parts[3]!, signedHeaders: m[2]!.split(";"), signature: m[3]! };
}

/** AWS refuses a request signed more than 15 minutes away from its own clock. */
const SKEW_MS = 15 * 60 * 1000;

function amzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export interface IncomingSigned {
  method: string;
  /** The path and query as sent (`/?Action=...`). */
  url: string;
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const had = query[k];
    query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return query;
}

/** One signer per key, region and service: the SDK's signer keeps the day's signing key. */
const signers = new Map<string, SignatureV4>();
function signerFor(credentials: SandboxCredentials, scope: SignedScope): SignatureV4 {
  const key = [credentials.accessKeyId, credentials.secretAccessKey, scope.region, scope.service].join("\n");
  let signer = signers.get(key);
  if (!signer) {
    if (signers.size >= 64) signers.clear(); // (a bound: regions × services, or keys of tests)
    signer = new SignatureV4({ credentials, region: scope.region, service: scope.service, sha256: Sha256, applyChecksum: false });
    signers.set(key, signer);
  }
  return signer;
}

/** Checks the signature of `req` for the sandbox's one key; `isRegion` says which regions exist. */
export async function checkSignature(
  req: IncomingSigned,
  scope: SignedScope,
  credentials: SandboxCredentials,
  isRegion: (region: string) => boolean,
  now: number,
): Promise<AuthProblem | undefined> {
  if (scope.accessKeyId !== credentials.accessKeyId) return { kind: "unknownKey", scope };
  if (!isRegion(scope.region)) return { kind: "badRegion", scope };
  const date = amzDate(typeof req.headers["x-amz-date"] === "string" ? req.headers["x-amz-date"] : undefined);
  if (!date || !scope.signedHeaders.includes("host")) return { kind: "incomplete", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers." };
  if (Math.abs(now - date.getTime()) > SKEW_MS) return { kind: "expired", scope };
  // The body is what was signed: a signed `x-amz-content-sha256` must be its hash (the signer
  // would otherwise take the header's word for it).
  const claimed = req.headers["x-amz-content-sha256"];
  if (claimed !== undefined && claimed !== createHash("sha256").update(req.body).digest("hex")) return { kind: "mismatch", scope };
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    const v = req.headers[name];
    if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(",") : v;
  }
  const q = req.url.indexOf("?");
  const signed = await signerFor(credentials, scope).sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: String(headers.host ?? ""),
      path: q < 0 ? req.url : req.url.slice(0, q),
      query: q < 0 ? {} : queryOf(req.url.slice(q + 1)),
      headers,
      body: req.body,
    },
    { signingDate: date, signableHeaders: new Set(scope.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  const ok = expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(scope.signature));
  return ok ? undefined : { kind: "mismatch", scope };
}
