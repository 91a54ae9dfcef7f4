/**
 * The learner's AWS CLI version (`aws-cli/2.15.0 …`): `AWS_ENDPOINT_URL` is read from 2.13 and 1.29 on; an older CLI
 * sends to AWS itself, where the sandbox's keys are refused (safe), and needs `--endpoint-url`.
 */
import { execFile } from "node:child_process";
import type { Translate } from "../i18n/messages.js";

interface AwsCliVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

type AwsCliFinding = { found: false } | { found: true; version?: AwsCliVersion; readsEndpointUrl: boolean };

export function parseAwsCliVersion(output: string): AwsCliVersion | undefined {
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), text: `${m[1]}.${m[2]}.${m[3]}` };
}

/** The first minor version that reads it: v2 from 2.13, v1 from 1.29 (AWS's "service-specific endpoints" guide). */
const READS_FROM: Record<number, number> = { 1: 29, 2: 13 };

export function readsEndpointUrl(v: AwsCliVersion): boolean {
  return v.major >= 3 || v.minor >= (READS_FROM[v.major] ?? Infinity);
}

/** Runs `aws --version` (v1 prints to stderr) asynchronously: a Python CLI can take seconds to start. */
export function findAwsCli(env: NodeJS.ProcessEnv = process.env): Promise<AwsCliFinding> {
  return new Promise((resolve) => {
    execFile("aws", ["--version"], { env, encoding: "utf8", timeout: 15_000, shell: process.platform === "win32", windowsHide: true }, (err, stdout, stderr) => {
      if (err) return resolve({ found: false });
      const version = parseAwsCliVersion(`${stdout}\n${stderr}`);
      // A version we cannot read: say nothing alarming, assume a current CLI.
      resolve(version ? { found: true, version, readsEndpointUrl: readsEndpointUrl(version) } : { found: true, readsEndpointUrl: true });
    });
  });
}

/** What to tell about the learner's AWS CLI, or nothing when it reads AWS_ENDPOINT_URL. */
export function awsCliAdvice(t: Translate, finding: AwsCliFinding, url: string): string | undefined {
  if (!finding.found) return t("sandbox-env.noAwsCli");
  if (finding.readsEndpointUrl) return undefined;
  return t("sandbox-env.oldAwsCli", { version: finding.version?.text ?? "?", url });
}
