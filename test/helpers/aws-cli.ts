/**
 * The machine's real AWS CLI, run as a learner runs it: a shell script (the lesson's text,
 * verbatim) through `bash -c`, with nothing in the environment but PATH, the endpoint, the keys,
 * the Region and empty AWS config files. Never Debian's awscli (2.9 predates AWS_ENDPOINT_URL and
 * would reach for AWS): the CLI must read AWS_ENDPOINT_URL, or the test refuses to run it.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseAwsCliVersion, readsEndpointUrl } from "../../src/aws/cli-version.js";

export interface CliRun {
  script: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real `aws` executable (a pyenv shim resolved to the interpreter's own script). */
export function awsExecutable(): string {
  const r = spawnSync("bash", ["-c", "pyenv which aws 2>/dev/null || command -v aws"], { encoding: "utf8" });
  const path = r.stdout.trim().split("\n").pop() ?? "";
  if (!path) throw new Error("No `aws` on PATH: the AWS CLI tests need AWS CLI v1 >= 1.29 or v2 >= 2.13 (see .ci/run).");
  const v = spawnSync(path, ["--version"], { encoding: "utf8" });
  const version = parseAwsCliVersion(`${v.stdout}\n${v.stderr}`);
  if (!version || !readsEndpointUrl(version)) throw new Error(`${path} is AWS CLI ${version?.text ?? "?"}, too old for AWS_ENDPOINT_URL: it would reach for AWS.`);
  return path;
}

/** Environment variables from bash `export K='V'` lines (what `sandbox env` prints). */
export function exportsOf(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const m = /^export (\w+)='([^']*)'$/.exec(l);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Only what a learner's pasted lines give, plus PATH (with `aws` first) and empty AWS files. */
export function learnerShellEnv(aws: string, served: { url: string; accessKeyId: string; secretAccessKey: string; region: string }): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "pll-awscli-"));
  writeFileSync(join(dir, "config"), "");
  writeFileSync(join(dir, "credentials"), "");
  return {
    PATH: `${dirname(aws)}:/usr/local/bin:/usr/bin:/bin`,
    AWS_ENDPOINT_URL: served.url,
    AWS_ACCESS_KEY_ID: served.accessKeyId,
    AWS_SECRET_ACCESS_KEY: served.secretAccessKey,
    AWS_DEFAULT_REGION: served.region,
    AWS_CONFIG_FILE: join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
  };
}

/** Runs a script with bash, without blocking this process (the server it talks to may live here). */
export function runScript(script: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", script], { env, encoding: "utf8", timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number" ? ((err as unknown as { code: number }).code) : null) : 0;
      resolve({ script, code, stdout, stderr });
    });
  });
}

/** The shell code blocks of a Markdown text, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The `aws …` commands (or `NAME=$(aws …)`) written in backticks in a text, such as a hint. */
export function inlineAwsCommands(markdown: string): string[] {
  return [...markdown.matchAll(/`((?:[A-Z_]+=\$\()?aws [^`]+)`/g)].map((m) => m[1]!);
}
