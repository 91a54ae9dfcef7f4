/**
 * Is this request signed with the sandbox's credentials, as AWS would check it? The signature is
 * computed again the way the SDK's signer (`@smithy/signature-v4`) computes it, over exactly the
 * headers the client says it signed, and compared in constant time. (Written out here rather than
 * calling that signer: it is async at every hash and derives a cache key with an HMAC per request,
 * about a tenth of a served call's CPU on the server; test/serve/signing.test.ts holds the two to
 * the same signatures.)
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { escapeUri } from "@smithy/core/protocols";

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

/** The query in SigV4's canonical form: keys and values escaped, sorted (a key's values too), no signature. */
function canonicalQuery(search: string): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(search)) {
    if (k.toLowerCase() === "x-amz-signature") continue;
    const key = escapeUri(k);
    byKey.set(key, [...(byKey.get(key) ?? []), `${key}=${escapeUri(v)}`]);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!.sort().join("&")).join("&");
}

/** The path in SigV4's canonical form (`.` and `..` resolved, escaped again, as for every service but S3). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

/** A header's value as SigV4 signs it: line breaks as spaces, runs of blanks as one, no blank at either end. */
function canonicalValue(v: string): string {
  return v.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}

/** The day's signing key for a secret, region and service (four HMACs), kept: one per key, region and service a day. */
const signingKeys = new Map<string, Buffer>();
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = [secret, day, region, service].join("\n");
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= 64) signingKeys.clear(); // (a bound: regions × services, or keys of tests)
    key = createHmac("sha256", `AWS4${secret}`).update(day).digest();
    for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
    signingKeys.set(id, key);
  }
  return key;
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
  const amzDateText = typeof req.headers["x-amz-date"] === "string" ? req.headers["x-amz-date"] : undefined;
  const date = amzDate(amzDateText);
  if (!date || !scope.signedHeaders.includes("host")) return { kind: "incomplete", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers." };
  if (Math.abs(now - date.getTime()) > SKEW_MS) return { kind: "expired", scope };
  // The body is what was signed: a signed `x-amz-content-sha256` must be its hash (the signer
  // would otherwise take the header's word for it).
  const bodyHash = createHash("sha256").update(req.body).digest("hex");
  const claimed = req.headers["x-amz-content-sha256"];
  if (claimed !== undefined && claimed !== bodyHash) return { kind: "mismatch", scope };
  // The signed headers that are present, as the SDK's signer reads them: `x-amz-date` always,
  // `date` never (the signer writes the one and drops the other).
  const longDate = date.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const headers = new Map<string, string>([["x-amz-date", longDate]]);
  for (const name of scope.signedHeaders) {
    const v = req.headers[name];
    if (v !== undefined && name !== "date" && name !== "authorization" && name !== "x-amz-date") headers.set(name, canonicalValue(Array.isArray(v) ? v.join(",") : v));
  }
  const names = [...headers.keys()].sort();
  const q = req.url.indexOf("?");
  const canonicalRequest = [
    req.method,
    canonicalPath(q < 0 ? req.url : req.url.slice(0, q)),
    q < 0 ? "" : canonicalQuery(req.url.slice(q + 1)),
    names.map((n) => `${n}:${headers.get(n)}`).join("\n"),
    "",
    names.join(";"),
    headers.has("x-amz-content-sha256") ? headers.get("x-amz-content-sha256") : bodyHash,
  ].join("\n");
  const day = longDate.slice(0, 8);
  const stringToSign = ["AWS4-HMAC-SHA256", longDate, `${day}/${scope.region}/${scope.service}/aws4_request`, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  const expected = createHmac("sha256", signingKey(credentials.secretAccessKey, day, scope.region, scope.service)).update(stringToSign).digest("hex");
  return timingSafeEqual(Buffer.from(expected), Buffer.from(scope.signature)) ? undefined : { kind: "mismatch", scope };
}
