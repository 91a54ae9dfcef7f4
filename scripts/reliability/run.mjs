// Drives the built CLI as a learner's real processes: fresh HOME per case, the sandbox, and kills.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = join(ROOT, "dist/bin.cjs");
/** A process that runs longer than this is a hang. */
export const HANG_MS = 120_000;

/** The CLI's code caches (src/code-cache.ts), shared by every case as by one learner's later starts. */
let codeCache;

export function freshHome(extra = {}) {
  const home = mkdtempSync(join(tmpdir(), "pll-rel-"));
  codeCache ??= mkdtempSync(join(tmpdir(), "pll-rel-code-cache-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_STATE_HOME: join(home, "state"),
    XDG_CACHE_HOME: codeCache,
    LANG: "en_US.UTF-8",
    PRIVATELINK_LAB_SANDBOX_SPEED: "instant",
    PRIVATELINK_LAB_NO_AWS: "1",
    ...extra,
  };
  return { home, env, stateDir: join(home, "state", "privatelink-lab"), sandboxFile: join(home, "state", "privatelink-lab", "sandbox", "account.db"), legacyFile: join(home, "state", "privatelink-lab", "sandbox", "account.json") };
}

/**
 * Runs the CLI; `killWhen(event, events)` (JSON lines on stdout) may return a signal to send once.
 * Resolves with exit code, signal, stdout events, stderr, whether it hung and whether it was killed.
 */
export function runCli(learner, args, { env = {}, killWhen, timeoutMs = HANG_MS } = {}) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...learner.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const events = [];
    let killedWith;
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      let nl;
      while ((nl = out.indexOf("\n")) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        let ev;
        try {
          ev = JSON.parse(line);
        } catch {
          ev = { type: "text", message: line };
        }
        events.push(ev);
        if (killWhen && !killedWith) {
          const sig = killWhen(ev, events);
          if (sig) {
            killedWith = sig;
            child.kill(sig);
          }
        }
      }
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (out.trim()) events.push({ type: "text", message: out });
      done({ code, signal, events, stderr: err, hung, killedWith, pid: child.pid });
    });
  });
}

/** Every file under `dir` with its size and mtime: to prove that nothing was written. */
export function fileSnapshot(dir) {
  const files = {};
  const walk = (d) => {
    let names;
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else files[p] = `${st.size}:${st.mtimeMs}`;
    }
  };
  walk(dir);
  return files;
}

export function sameFiles(a, b) {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Runs `fn` over `items` with at most `n` at a time, keeping order. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

export function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}
