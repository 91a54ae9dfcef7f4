/** Runs the lesson in-process against a sandbox on a MemoryStore (or a file), with a test clock. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandboxClients } from "../../src/aws/clients.js";
import type { GlobalOptions } from "../../src/commands/options.js";
import type { Environment } from "../../src/commands/session.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore, type WorldStore } from "../../src/sandbox/store.js";
import type { HandlerTables } from "../../src/sandbox/handler.js";
import { RecordingHost } from "./recording-host.js";
import { PassThrough } from "node:stream";

export interface Harness {
  env: Environment;
  sandbox: Sandbox;
  clock: ManualClock;
  host: RecordingHost;
  stateDir: string;
  opts: GlobalOptions;
}

export function harness(
  options: { host?: RecordingHost; store?: WorldStore; speed?: number; stateDir?: string; opts?: GlobalOptions; handlers?: HandlerTables } = {},
): Harness {
  const clock = new ManualClock();
  const sandbox = new Sandbox({ store: options.store ?? new MemoryStore(), clock, speed: options.speed ?? 0, ...(options.handlers ? { handlers: options.handlers } : {}) });
  const host = options.host ?? new RecordingHost();
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "pll-state-"));
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const env: Environment = {
    env: { LANG: "en_US.UTF-8" },
    stdin,
    stdout,
    clock,
    stateDir,
    makeHost: () => host,
    makeClients: (state) => createSandboxClients(sandbox, state.region),
  };
  return { env, sandbox, clock, host, stateDir, opts: { sandbox: true, prefix: "alice", region: "ap-northeast-1", yes: true, ...options.opts } };
}
