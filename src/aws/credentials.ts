/**
 * Is there an AWS identity to use? The SDK's standard chain looks at env vars, AWS_PROFILE, the
 * shared config/credentials files (profiles, SSO) and, on AWS compute, instance metadata. Before
 * asking anything of AWS we only check whether any of these sources is configured at all.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function credentialSourceHint(env: NodeJS.ProcessEnv = process.env, profile?: string): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return "environment";
  if (profile) return `profile ${profile}`;
  if (env.AWS_PROFILE) return `profile ${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return "container";
  const home = env.HOME ?? homedir();
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials"), env.AWS_CONFIG_FILE ?? join(home, ".aws", "config")];
  if (files.some((f) => existsSync(f))) return "shared files";
  return undefined;
}

/**
 * The `region` line of the profile the AWS CLI would use (`profile`, else AWS_PROFILE, else
 * `default`) in the shared config file, as `aws configure` writes it.
 */
export async function profileRegion(env: NodeJS.ProcessEnv, profile?: string): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import("@smithy/core/config");
  const home = env.HOME ?? homedir();
  const paths = { configFilepath: env.AWS_CONFIG_FILE ?? join(home, ".aws", "config"), filepath: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials") };
  const files = await loadSharedConfigFiles({ ...paths, ignoreCache: true }).catch(() => undefined);
  return files?.configFile[profile ?? env.AWS_PROFILE ?? "default"]?.region || undefined;
}

/** The region AWS tools would use, from the environment. */
export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
