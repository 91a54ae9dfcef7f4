/** Every flag and environment variable is checked before anything is written: a bad one is a usage error (exit 2). */
import { LabError } from "../errors.js";
import { prefixProblem } from "../participant.js";
import { TIMEOUT_ENV } from "../aws/network-guard.js";
import { parseSpeed, SPEED_ENV } from "../sandbox/clock.js";
import { FAULTS_ENV } from "../sandbox/faults.js";
import { SANDBOX_REGIONS } from "../sandbox/regions.js";
import { profileProblem } from "../shell/lab-command.js";
import type { GlobalOptions } from "./options.js";

export function checkPrefix(prefix: string): string {
  const problem = prefixProblem(prefix);
  if (problem) throw new LabError("usage.badPrefix", { prefix, problem: `prefix.${problem}` });
  return prefix;
}

/** AWS's region names: geography, optional partition, direction, number (us-gov-west-1, ap-southeast-5). */
const REGION = /^(af|ap|ca|cn|eu|il|me|mx|sa|us)(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;

export function isRegionName(region: string): boolean {
  return REGION.test(region);
}

/** The region, for this backend: AWS's format; in the sandbox, one of the regions it simulates. */
export function checkRegion(region: string, backend: "aws" | "sandbox", source: "flag" | "saved" | "env" | "profile" = "flag"): string {
  const sandboxRegions = SANDBOX_REGIONS.map((r) => r.RegionName).join(", ");
  if (!isRegionName(region)) throw new LabError("guard.usage.badRegion", { region, source: `guard.source.${source}`, examples: "us-east-1, ap-northeast-1, eu-west-1" });
  if (backend === "sandbox" && !SANDBOX_REGIONS.some((r) => r.RegionName === region)) throw new LabError("guard.usage.sandboxRegion", { region, regions: sandboxRegions });
  return region;
}

export function checkEndpointUrl(text: string, source: string): void {
  const url = URL.parse(text);
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname || url.username || url.password) {
    throw new LabError("guard.usage.badEndpoint", { url: text, source });
  }
}

/** `--port`: a number from 0 to 65535 (0: any free port); undefined when not given. */
export function portOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535) throw new LabError("serve.usage.badPort", { port: text });
  return n;
}

/** Starts a server; one that cannot listen fails in the learner's words: the port taken (`inUse`) or no such host. */
export async function listening<T>(host: string, start: () => Promise<T>, inUse: (e: unknown) => LabError): Promise<T> {
  try {
    return await start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw inUse(err);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new LabError("serve.badHost", { host }, { cause: err });
    throw err;
  }
}

function checkTimeout(text: string): void {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0 && n <= 600)) throw new LabError("guard.usage.badTimeout", { value: text, env: TIMEOUT_ENV });
}

async function checkFaults(text: string): Promise<void> {
  const [{ FaultPlan, FaultsProblem }, { allHandlers }, { DRY_RUN_ONLY }] = await Promise.all([import("../sandbox/faults.js"), import("../sandbox/handlers/index.js"), import("../sandbox/dry-run.js")]);
  const known = new Set([...DRY_RUN_ONLY, ...Object.values(allHandlers).flatMap((table) => Object.keys(table).map((c) => c.replace(/Command$/, "")))]);
  try {
    FaultPlan.fromJson(text, known);
  } catch (e) {
    if (e instanceof FaultsProblem) throw new LabError("guard.usage.badFaults", { env: FAULTS_ENV, problem: `guard.faults.${e.problem}`, where: e.where });
    throw e;
  }
}

/** `--profile`: a name the AWS CLI can have and every printed command can name (lab-command.ts profileProblem). */
function checkProfile(opts: GlobalOptions): void {
  const problem = opts.profile === undefined ? undefined : profileProblem(opts.profile);
  if (problem) throw new LabError("guard.usage.badProfile", { profile: opts.profile ?? "", problem: `guard.profileProblem.${problem}` });
}

/**
 * AWS_PROFILE, when a lesson on AWS signs with it (no `--profile`, none saved): a name every printed command can name, as
 * `--profile`'s. Said, not left out of the commands silently; never asked in the sandbox, where it is not used.
 */
export function checkProfileEnv(env: NodeJS.ProcessEnv): void {
  const problem = env.AWS_PROFILE ? profileProblem(env.AWS_PROFILE) : undefined;
  if (problem) throw new LabError("guard.usage.badProfileEnv", { profile: env.AWS_PROFILE ?? "", problem: `guard.profileProblem.${problem}` });
}

/** Checks flags and environment; throws the first problem as a usage error. Writes nothing. */
export async function validateInputs(opts: GlobalOptions, env: NodeJS.ProcessEnv): Promise<void> {
  if (opts.sandbox && (opts.profile !== undefined || opts.endpointUrl !== undefined)) {
    throw new LabError("guard.usage.sandboxWithAws", { flag: opts.profile !== undefined ? "--profile" : "--endpoint-url" });
  }
  if (opts.prefix !== undefined) checkPrefix(opts.prefix);
  if (opts.region !== undefined) checkRegion(opts.region, opts.sandbox ? "sandbox" : "aws");
  else if (env.AWS_REGION || env.AWS_DEFAULT_REGION) checkRegion((env.AWS_REGION || env.AWS_DEFAULT_REGION) ?? "", opts.sandbox ? "sandbox" : "aws", "env");
  checkProfile(opts);
  if (opts.endpointUrl !== undefined) checkEndpointUrl(opts.endpointUrl, "--endpoint-url");
  if (env.AWS_ENDPOINT_URL) checkEndpointUrl(env.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL");
  const speed = opts.sandboxSpeed ?? env[SPEED_ENV];
  if (speed !== undefined && parseSpeed(speed) === undefined) throw new LabError("usage.badSpeed", { speed });
  if (env[TIMEOUT_ENV] !== undefined) checkTimeout(env[TIMEOUT_ENV]);
  if (env[FAULTS_ENV]) await checkFaults(env[FAULTS_ENV]);
}
