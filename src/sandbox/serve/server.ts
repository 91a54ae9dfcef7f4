/**
 * `sandbox serve`: the sandbox account as an AWS endpoint over HTTP, on loopback unless a host is
 * named. A thin layer: read the request whole (bounded in size and in time), let `dispatch`
 * check its signature and answer it from the sandbox, write the answer. A client that sends too
 * much is answered and cut off; one that stops halfway is cut off when the request timeout ends;
 * either way the server goes on answering everyone else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SPEED_HEADER } from "../clock.js";
import { errorAnswer, type Answer } from "./answers.js";
import { dispatch, type DispatchOptions } from "./dispatch.js";
import { operationsOf, SERVICE_MODELS } from "./models.js";
import type { SandboxCredentials } from "./sigv4.js";

export interface ServedSandbox {
  url: string;
  host: string;
  port: number;
  credentials: SandboxCredentials;
  region?: string;
  close(): Promise<void>;
}

export interface ServeOptions
  extends Pick<DispatchOptions, "sandbox" | "region" | "onInternalError" | "keyFor" | "authorize" | "onChanged" | "callerOf"> {
  /** Default 127.0.0.1: only this computer reaches it. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** When `port` is taken (or not allowed), these are tried next, in order. */
  orPorts?: readonly number[];
  /** When `port` (and each of `orPorts`) is taken or not allowed, serve on any free port instead of failing. */
  anyPortIfTaken?: boolean;
  /** The key pair requests must be signed with (default: a fixed one, see DEFAULT_CREDENTIALS). */
  credentials?: SandboxCredentials;
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** How long a client may take to send a whole request (default 10 s). */
  requestTimeoutMs?: number;
  /** Other pages on the same address (a workshop room's join and live page): answers and returns true, or false for AWS. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * The pair used when the caller names none (tests, benches). `sandbox serve` uses the account's
 * own pair instead (credentials.ts). `PLLAB` is a prefix AWS never issues.
 */
const DEFAULT_CREDENTIALS: SandboxCredentials = { accessKeyId: "PLLABSANDBOXLOCAL0", secretAccessKey: "privatelink-lab-sandbox-secret-not-for-aws" };

const MAX_BODY = 1024 * 1024;

/** The answer, with its length; Node adds the `date` header (the same text, made once a second). */
function send(res: ServerResponse, a: Answer): void {
  const body = typeof a.body === "string" ? Buffer.from(a.body, "utf8") : a.body;
  a.headers["content-length"] = String(body.byteLength);
  if (a.close) a.headers.connection = "close";
  res.writeHead(a.status, a.headers);
  res.end(body);
}

/** Listens on the first of `ports` that is free (0: any); when each is taken or not allowed, on any port if `anyPort`, else fails. */
async function listenOnFirstFree(listen: (port: number) => Promise<void>, ports: number[], anyPort: boolean): Promise<void> {
  for (const [i, port] of ports.entries()) {
    try {
      return await listen(port);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const last = i === ports.length - 1;
      if (port === 0 || (code !== "EADDRINUSE" && code !== "EACCES") || (last && !anyPort)) throw err;
    }
  }
  await listen(0);
}

export async function serveSandbox(opts: ServeOptions): Promise<ServedSandbox> {
  const host = opts.host ?? "127.0.0.1";
  const credentials = opts.credentials ?? DEFAULT_CREDENTIALS;
  const maxBody = opts.maxBodyBytes ?? MAX_BODY;
  const requestTimeout = opts.requestTimeoutMs ?? 10_000;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.routes?.(req, res)) return;
    res.setHeader(SPEED_HEADER, String(opts.sandbox.speed));
    const tooBig = (): void => {
      const answer = errorAnswer("awsQuery", undefined, { code: "RequestEntityTooLarge", message: `The request body is larger than ${maxBody} bytes.`, status: 413 }, "");
      send(res, { ...answer, close: true });
      // The rest of the body is not read: the connection ends once the answer is out.
      res.on("finish", () => req.destroy());
    };
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBody) return tooBig();
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBody) {
        over = true;
        chunks.length = 0;
        tooBig();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => req.destroy());
    req.on("end", () => {
      if (over) return;
      const signed = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
      const failed = (): void => send(res, errorAnswer("awsQuery", undefined, { code: "InternalFailure", message: "The sandbox could not answer this request.", status: 500 }, ""));
      try {
        const answer = dispatch(signed, { ...opts, credentials });
        if (answer instanceof Promise) answer.then((a) => send(res, a), failed);
        else send(res, answer);
      } catch {
        failed();
      }
    });
  };

  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      keepAliveTimeout: 5_000,
      // How often Node looks for requests past their timeout (its default, 30 s, would let a
      // stalled client hold a connection far longer than the timeout says).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
      maxHeaderSize: 16 * 1024,
    },
    handle,
  );
  server.maxHeadersCount = 100;
  // Not HTTP, or too slow to arrive: said as Node's own server says it, and the connection ends.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : err.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  });

  // Ready before the first request: the account open and read, every service's model loaded
  // (else the first command of each service waits for them: the slowest answers of a lesson).
  opts.sandbox.store.transact(() => undefined, true);
  await Promise.all(Object.values(SERVICE_MODELS).map(operationsOf));

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listenOnFirstFree(listen, [opts.port ?? 0, ...(opts.orPorts ?? [])], opts.anyPortIfTaken === true);
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    host,
    port: address.port,
    credentials: { ...credentials },
    ...(opts.region ? { region: opts.region } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
