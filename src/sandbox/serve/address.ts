/**
 * The address a printed `aws …` command names for a sandbox account (`--endpoint-url`), so that pasted into any terminal
 * it reaches this computer and never AWS: the `sandbox serve` running for the account, else the port its learner was
 * given last (the progress file's `servedUrl`), else the account's own port (from its key pair).
 */
import { SqliteStore } from "../account/sqlite-store.js";
import type { WorldStore } from "../store.js";
import { preferredPort, sandboxCredentials } from "./credentials.js";
import { loopbackPort } from "./ports.js";
import { runningServe } from "./running.js";
import type { SandboxCredentials } from "./sigv4.js";

/** What is known of the account: its store (an account file has a key pair; one in memory none), `served.json`, the address given last. */
export interface AccountAddressOf {
  store?: WorldStore | undefined;
  servedFile?: string | undefined;
  lastUrl?: string | undefined;
}

const onPort = (port: number): string => `http://127.0.0.1:${port}`;

/** The account's own key pair (the one `sandbox serve` uses), kept beside its file; an account in memory has none. */
export function accountCredentials(store: WorldStore | undefined): SandboxCredentials | undefined {
  return store instanceof SqliteStore ? sandboxCredentials(store.path) : undefined;
}

/** Where the account is served, or will be by `sandbox serve`: always on 127.0.0.1; undefined when no port can be named. */
export async function sandboxAddress(a: AccountAddressOf): Promise<string | undefined> {
  const credentials = accountCredentials(a.store);
  const running = credentials && a.servedFile ? (await runningServe(a.servedFile, credentials)).use : undefined;
  const port = loopbackPort(running?.url) ?? loopbackPort(a.lastUrl) ?? (credentials ? preferredPort(credentials) : undefined);
  return port === undefined ? undefined : onPort(port);
}
