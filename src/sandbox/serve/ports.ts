/**
 * Where the account is served when nobody names a port: the port its learner was given last time (the progress file's
 * `servedUrl`, which the lesson and `sandbox serve` both keep), else the account's own one (from its key pair), else any
 * free one. A second terminal pointed there last time then still works.
 */
import { preferredPort } from "./credentials.js";
import type { SandboxCredentials } from "./sigv4.js";

/** The port of an address given on this computer (127.0.0.1), else undefined. */
export function loopbackPort(url: string | undefined): number | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    const port = Number(u.port);
    return u.hostname === "127.0.0.1" && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** The ports to try in order (`port`, then `orPorts`; 0: any), and the account's own one (0: it has no key pair). */
export function portsToTry(credentials: SandboxCredentials | undefined, lastUrl: string | undefined): { port: number; orPorts: number[]; own: number } {
  const own = credentials ? preferredPort(credentials) : 0;
  const last = credentials ? loopbackPort(lastUrl) : undefined;
  const port = last ?? own;
  return { port, orPorts: own !== 0 && own !== port ? [own] : [], own };
}
