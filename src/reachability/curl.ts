/**
 * curl 8 on Amazon Linux 2023, answered by the reachability model, as Run Command captures it: no terminal, so without
 * `-s` the progress meter goes to stderr; `-s` hides meter and error, `-sS` only the meter. Exit codes: 6 (resolve),
 * 7 (refused), 28 (timeout: `--connect-timeout`/`-m`, or the kernel giving up on SYNs after ~2 min), 22 (`-f`, HTTP >= 400), 2 (usage).
 */
import type { ReachabilityFacts } from "./facts.js";
import { parseCurlArgs, parseUrl, type CurlOptions, type ParsedUrl } from "./curl-args.js";
import { apacheResponse, awsApiResponse, type HttpResponse } from "./http-response.js";
import { connect, type Connection, type Reason } from "./path.js";
import { resolveHost } from "./resolve.js";
import { formatWriteOut, progressMeter } from "./curl-output.js";

export type CurlReason = Reason | "curl-usage" | "curl-version" | "tls-error";

export interface CurlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** How long curl ran, in ms of real time (Run Command finishes this much later). */
  durationMs: number;
  /** Why, in one machine-readable word, for the product to explain. */
  reason: CurlReason;
  httpStatus?: number;
}

/** Linux gives up on an unanswered SYN after 6 retries (1+2+...+64 s) plus jitter. */
const KERNEL_CONNECT_TIMEOUT_MS = 131_000;

const CURL_VERSION_TEXT =
  "curl 8.11.1 (x86_64-amazon-linux-gnu) libcurl/8.11.1 OpenSSL/3.2.2 zlib/1.2.11 libidn2/2.3.2 nghttp2/1.59.0\n" +
  "Release-Date: 2024-12-11\n" +
  "Protocols: file ftp ftps http https ipfs ipns\n" +
  "Features: alt-svc AsynchDNS GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM SPNEGO SSL threadsafe TLS-SRP UnixSockets\n";

/** `ctx.now`: ms epoch, for the Date header. */
export function runCurl(words: readonly string[], facts: ReachabilityFacts, ctx: { now: number }): CurlResult {
  const args = parseCurlArgs(words);
  if (!args.ok) return { exitCode: args.exitCode, stdout: "", stderr: args.stderr, durationMs: 1, reason: "curl-usage" };
  const o = args.options;
  if (o.version) return { exitCode: 0, stdout: CURL_VERSION_TEXT, stderr: "", durationMs: 1, reason: "curl-version" };
  const url = parseUrl(o.url ?? "");
  if ("exitCode" in url) return failure(o, url.exitCode, url.stderr.replace(/^curl: \(\d+\) /, "").trimEnd(), 1, "curl-usage");
  const resolved = resolveHost(facts, url.host);
  if (!resolved) return failure(o, 6, `Could not resolve host: ${url.host}`, 3, "dns-not-found");
  const ip = resolved.addresses[0]!;
  return finish(o, url, ip, connect(facts, ip, url.port), ctx.now);
}

/** How long a dropped SYN keeps curl waiting: the shorter of its timeouts, else the kernel's. */
function timeoutMs(o: CurlOptions): { ms: number; byCurl: boolean } {
  const limits = [o.connectTimeout, o.maxTime].filter((s): s is number => s !== undefined && s > 0);
  if (limits.length === 0) return { ms: KERNEL_CONNECT_TIMEOUT_MS, byCurl: false };
  return { ms: Math.round(Math.min(...limits) * 1000), byCurl: true };
}

function finish(o: CurlOptions, url: ParsedUrl, ip: string, c: Connection, now: number): CurlResult {
  if (c.kind === "timeout") {
    const t = timeoutMs(o);
    const elapsed = t.ms + 2;
    const why = t.byCurl ? "Timeout was reached" : "Couldn't connect to server";
    return failure(o, 28, `Failed to connect to ${url.host} port ${url.port} after ${elapsed} ms: ${why}`, elapsed, c.reason, url, ip);
  }
  if (c.kind === "refused") {
    return failure(o, 7, `Failed to connect to ${url.host} port ${url.port} after 2 ms: Couldn't connect to server`, 2, c.reason, url, ip);
  }
  if (c.server.kind === "httpd" && url.scheme === "https") {
    // The listener forwarded TLS bytes to Apache's plain-HTTP port.
    return failure(o, 35, "OpenSSL/3.2.2: error:0A00010B:SSL routines::wrong version number", 4, "tls-error", url, ip);
  }
  const response = c.server.kind === "httpd" ? apacheResponse(url.path, c.server.body, now) : awsApiResponse(now);
  return respond(o, url, ip, response);
}

function respond(o: CurlOptions, url: ParsedUrl, ip: string, r: HttpResponse): CurlResult {
  const durationMs = 5;
  const failed = o.fail && r.status >= 400;
  const head = `HTTP/1.1 ${r.status} ${r.statusText}\r\n` + r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
  let body = "";
  if (!failed) body = o.head ? head : (o.include ? head : "") + r.body;
  let stdout = o.output !== undefined && o.output !== "-" ? "" : body;
  if (o.writeOut !== undefined) stdout += formatWriteOut(o.writeOut, { httpCode: r.status, remoteIp: ip, url, exitCode: failed ? 22 : 0, durationMs });
  let stderr = showMeter(o) ? progressMeter(o.head ? 0 : r.body.length, durationMs) : "";
  if (o.verbose) stderr = verboseLog(url, ip, r, o.head) + stderr;
  if (failed && showErrors(o)) stderr += `curl: (22) The requested URL returned error: ${r.status}\n`;
  return { exitCode: failed ? 22 : 0, stdout, stderr, durationMs, reason: "ok", httpStatus: r.status };
}

function showMeter(o: CurlOptions): boolean {
  return !o.silent && !o.noProgress && !o.verbose;
}

function showErrors(o: CurlOptions): boolean {
  return !o.silent || o.showError;
}

function failure(o: CurlOptions, exitCode: number, message: string, durationMs: number, reason: CurlReason, url?: ParsedUrl, ip?: string): CurlResult {
  let stderr = showMeter(o) ? progressMeter(0, durationMs, true) : "";
  if (o.verbose && url) stderr += `*   Trying ${ip ?? url.host}:${url.port}...\n`;
  if (showErrors(o)) stderr += `curl: (${exitCode}) ${message}\n`;
  const stdout = o.writeOut !== undefined ? formatWriteOut(o.writeOut, { httpCode: 0, remoteIp: "", url, exitCode, durationMs }) : "";
  return { exitCode, stdout, stderr, durationMs, reason };
}

function verboseLog(url: ParsedUrl, ip: string, r: HttpResponse, head: boolean): string {
  const hostHeader = url.port === 80 ? url.host : `${url.host}:${url.port}`;
  return [
    `*   Trying ${ip}:${url.port}...`,
    `* Connected to ${url.host} (${ip}) port ${url.port}`,
    `> ${head ? "HEAD" : "GET"} ${url.path} HTTP/1.1`,
    `> Host: ${hostHeader}`,
    "> User-Agent: curl/8.11.1",
    "> Accept: */*",
    ">",
    `< HTTP/1.1 ${r.status} ${r.statusText}`,
    ...r.headers.map(([k, v]) => `< ${k}: ${v}`),
    "<",
    `* Connection #0 to host ${url.host} left intact`,
    "",
  ].join("\n");
}
