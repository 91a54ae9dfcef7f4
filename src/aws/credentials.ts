/**
 * Is any source of the SDK's credential chain (env vars, AWS_PROFILE, shared files, container) configured at all? And,
 * when the chain finds nothing for a named profile, do the shared files hold it?
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { SharedConfigFiles } from "@smithy/core/config";
import { LabError } from "../errors.js";
import { profileArg } from "../shell/lab-command.js";
import { detectShell } from "../windows-shell.js";

/** The shared config and credentials files, as the SDK resolves them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, a leading `~/`). */
function sharedFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  const resolve = (path: string) => (path.startsWith("~/") ? join(home, path.slice(2)) : path);
  return { config: resolve(env.AWS_CONFIG_FILE || join(home, ".aws", "config")), credentials: resolve(env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials")) };
}

export function credentialSourceHint(env: NodeJS.ProcessEnv = process.env, profile?: string): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return "environment";
  if (profile) return `profile ${profile}`;
  if (env.AWS_PROFILE) return `profile ${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return "container";
  const files = sharedFiles(env);
  if (existsSync(files.credentials) || existsSync(files.config)) return "shared files";
  return undefined;
}

/** Both shared files parsed by the SDK's own reader (a file missing or unreadable reads as empty). */
async function readSharedFiles(env: NodeJS.ProcessEnv): Promise<SharedConfigFiles> {
  const { loadSharedConfigFiles } = await import("@smithy/core/config");
  const files = sharedFiles(env);
  return loadSharedConfigFiles({ configFilepath: files.config, filepath: files.credentials, ignoreCache: true }).catch(() => ({ configFile: {}, credentialsFile: {} }));
}

/** The `region` of the profile the AWS CLI would use (`profile`, AWS_PROFILE, `default`) in the shared config file. */
export async function profileRegion(env: NodeJS.ProcessEnv, profile?: string): Promise<string | undefined> {
  const files = await readSharedFiles(env);
  return files.configFile[profile ?? env.AWS_PROFILE ?? "default"]?.region || undefined;
}

/** The headers of the sections a file holds (`profile 'my work'`, `my work`), as written; none when it cannot be read. */
async function sectionsIn(path: string): Promise<string[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  return [...text.matchAll(/^\s*\[(.+)\]\s*$/gm)].map((m) => m[1]!.trim().replace(/^profile\s+/, "profile "));
}

/**
 * The shared file whose sections name the profile as the AWS CLI reads them (config: `[profile 'my work']`, quoted or not;
 * credentials: `[my work]`), though the SDK's reader took none: it reads no name with a space or a character other than
 * letters, digits and `-_.@+%:/` (its config section pattern).
 */
async function fileNamingIt(profile: string, files: { config: string; credentials: string }): Promise<string | undefined> {
  const inConfig = [`profile ${profile}`, `profile '${profile}'`, `profile "${profile}"`];
  if ((await sectionsIn(files.config)).some((s) => inConfig.includes(s))) return files.config;
  return (await sectionsIn(files.credentials)).includes(profile) ? files.credentials : undefined;
}

/** A name the SDK reads, for the copy the learner is told to make (`my work` → `my-work`). */
function readableName(profile: string): string {
  return profile.replace(/[^\w\-@+.%:/]+/g, "-").replace(/^-+|-+$/g, "") || "lab";
}

/**
 * No credentials for a named profile the SDK's reading of the shared files lacks: said so, with the files and the
 * profiles they hold — or, when a file does name it (a name with a space, which the AWS CLI reads), that privatelink-lab
 * cannot read it, and the copy under a plain name that it can.
 */
async function missingProfile(err: unknown, profile: string, env: NodeJS.ProcessEnv): Promise<LabError | undefined> {
  if (!(err instanceof Error) || err.name !== "CredentialsProviderError") return undefined;
  const files = await readSharedFiles(env);
  // The config file's `[sso-session …]` and `[services …]` sections are not profiles.
  const inConfig = Object.keys(files.configFile).filter((name) => !/^(sso-session|services)\./.test(name));
  const names = [...new Set([...inConfig, ...Object.keys(files.credentialsFile)])];
  if (names.includes(profile)) return undefined;
  const { config, credentials } = sharedFiles(env);
  const shown = profileArg(profile, detectShell(process.platform, env));
  const file = await fileNamingIt(profile, { config, credentials });
  if (file) return new LabError("texts.profileUnread", { profile: shown, file, config, credentials, plain: readableName(profile) }, { cause: err, source: "local" });
  const vars = { profile: shown, config, credentials, profiles: names.join(", ") };
  return new LabError(names.length > 0 ? "texts.noProfile" : "texts.noProfiles", vars, { cause: err, source: "local" });
}

/** Adds to a client: a missing named profile is said as that (see `missingProfile`), before anything is sent. */
export function explainMissingProfile<C extends { middlewareStack: { add(mw: never, options: { step: "initialize"; name: string }): void } }>(client: C, profile: string | undefined, env: NodeJS.ProcessEnv): C {
  if (!profile) return client;
  const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (err) {
      throw (await missingProfile(err, profile, env)) ?? err;
    }
  };
  client.middlewareStack.add(middleware as never, { step: "initialize", name: "privatelinkLabMissingProfile" });
  return client;
}

export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
