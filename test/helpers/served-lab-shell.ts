/**
 * A copy of the built lab, served on loopback, and a bash with the real AWS CLI pointed at it the
 * way `sandbox env` points a learner's shell: for tests that type what a learner types.
 */
import { expect } from "vitest";
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import { awsExecutable, learnerShellEnv, runScript } from "./aws-cli.js";
import { buildLab, copyLab, type LabCopy } from "./built-lab.js";

export type Shell = (script: string) => Promise<{ code: number | null; out: string; err: string }>;

export interface ServedLabShell {
  lab: LabCopy;
  path: LearnerPath;
  served: ServedSandbox;
  sh: Shell;
  /** The command's output; it must have succeeded. */
  ok: (script: string) => Promise<string>;
}

export async function servedLabShell(): Promise<ServedLabShell> {
  const aws = awsExecutable();
  const lab = await copyLab(await buildLab());
  const path = await readLearnerPath(lab.ctx);
  const served = await serveSandbox({ sandbox: lab.h.sandbox, host: "127.0.0.1", port: 0 });
  const env = learnerShellEnv(aws, { url: served.url, ...served.credentials, region: lab.ctx.state.region });
  const sh: Shell = async (script) => {
    const r = await runScript(script, env);
    return { code: r.code, out: r.stdout.trim(), err: r.stderr };
  };
  const ok = async (script: string): Promise<string> => {
    const r = await sh(script);
    expect(r.code, `${script}\n${r.err}`).toBe(0);
    return r.out;
  };
  return { lab, path, served, sh, ok };
}
