/**
 * Is this request signed with the sandbox's credentials, as AWS would check it? The canonical
 * request is the SDK's own (`@smithy/signature-v4`: its canonical path, query and header rules,
 * over exactly the headers the client says it signed); the hashing around it is SigV4's, done here
 * with node:crypto, and the signatures are compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ALGORITHM_IDENTIFIER, GENERATED_HEADERS, SignatureV4Base, createScope, getCanonicalHeaders } from "@smithy/signature-v4";
import type { HeaderBag, HttpRequest } from "@smithy/types";

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

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/** The day's signing key for a secret, region and service (four HMACs), kept: a signer's key changes once a day. */
const signingKeys = new Map<string, Buffer>();
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = [secret, date, region, service].join("\n");
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= 64) signingKeys.clear(); // (a bound: days × regions × services, or keys of tests)
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
    signingKeys.set(id, key);
  }
  return key;
}

/** The SDK signer's canonical request, without its signing (which is async and clones the request). */
class CanonicalRequest extends SignatureV4Base {
  constructor() {
    super({ service: "", region: "", credentials: { accessKeyId: "", secretAccessKey: "" }, sha256: class {} as never });
  }
  of(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}
const canonical = new CanonicalRequest();

/** `20261206T101500Z`, as the signer writes the signing date. */
const longDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");

/** Checks the signature of `req` for the sandbox's one key; `isRegion` says which regions exist. */
export function checkSignature(
  req: IncomingSigned,
  scope: SignedScope,
  credentials: SandboxCredentials,
  isRegion: (region: string) => boolean,
  now: number,
): AuthProblem | undefined {
  if (scope.accessKeyId !== credentials.accessKeyId) return { kind: "unknownKey", scope };
  if (!isRegion(scope.region)) return { kind: "badRegion", scope };
  const date = amzDate(typeof req.headers["x-amz-date"] === "string" ? req.headers["x-amz-date"] : undefined);
  if (!date || !scope.signedHeaders.includes("host")) return { kind: "incomplete", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers." };
  if (Math.abs(now - date.getTime()) > SKEW_MS) return { kind: "expired", scope };
  // The body is what was signed: a signed `x-amz-content-sha256` must be its hash (the signer
  // would otherwise take the header's word for it).
  const payloadHash = sha256Hex(req.body);
  const claimed = req.headers["x-amz-content-sha256"];
  if (claimed !== undefined && claimed !== payloadHash) return { kind: "mismatch", scope };
  // The signed headers as the client sent them, but for those the signer writes itself (the date it signs with).
  const stamp = longDate(date);
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    const v = req.headers[name];
    if (v !== undefined && !GENERATED_HEADERS.includes(name)) headers[name] = Array.isArray(v) ? v.join(",") : v;
  }
  headers["x-amz-date"] = stamp;
  const q = req.url.indexOf("?");
  const request: HttpRequest = {
    method: req.method,
    protocol: "http:",
    hostname: String(headers.host ?? ""),
    path: q < 0 ? req.url : req.url.slice(0, q),
    query: q < 0 ? {} : queryOf(req.url.slice(q + 1)),
    headers,
    body: req.body,
  };
  const day = stamp.slice(0, 8);
  const canonicalRequest = canonical.of(request, getCanonicalHeaders(request, undefined, new Set(scope.signedHeaders)), payloadHash);
  const stringToSign = `${ALGORITHM_IDENTIFIER}\n${stamp}\n${createScope(day, scope.region, scope.service)}\n${sha256Hex(canonicalRequest)}`;
  const expected = hmac(signingKey(credentials.secretAccessKey, day, scope.region, scope.service), stringToSign).toString("hex");
  return timingSafeEqual(Buffer.from(expected), Buffer.from(scope.signature)) ? undefined : { kind: "mismatch", scope };
}
