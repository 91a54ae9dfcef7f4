/** AWS errors in the learner's words: a known code has its key (`aws.<Code>`); others show AWS's own message. */
import { awsCode, errorMessage, LabError } from "../errors.js";
import { SPEED_HEADER } from "../sandbox/clock.js";
import { defaultShell, loadCommand } from "../sandbox/shell-env.js";
import { profileArg } from "../shell/lab-command.js";
import type { Shell } from "../shell/render.js";

export const KNOWN_CODES = new Set([
  "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
  "UnrecognizedClientException", "SignatureDoesNotMatch", "Throttling", "ThrottlingException", "RequestLimitExceeded", "VpcLimitExceeded",
  "AlreadyExistsException", "InsufficientInstanceCapacity", "InsufficientCapabilitiesException", "InvalidServiceName", "Unavailable",
  "ServiceUnavailable",
]);

/** The action named in an AccessDenied/UnauthorizedOperation message, if any. */
export function missingAction(message: string): string | undefined {
  return /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(message)?.[1];
}

const DENIALS = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"]);

/** AWS's answers that the access key is not known, or its secret is not the one that goes with it. */
const KEY_REFUSALS = new Set(["InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "AuthFailure"]);

/**
 * In a workshop room a refused key is the room's matter, not `aws configure`'s: the room was made
 * again (new keys), or the learner pasted another room's line. Undefined for any other error.
 */
export function roomRefusedKey(err: unknown, room: string, endpoint: string): LabError | undefined {
  const code = awsCode(err);
  if (!code || !KEY_REFUSALS.has(code)) return undefined;
  return new LabError("roomOffline.key", { room, endpoint, code }, { cause: err, source: "aws" });
}

/** Any answer of a sandbox this tool serves carries its speed header, its refusals too (AWS's answers never do). */
function fromServedSandbox(err: unknown): boolean {
  const headers = (err as { $response?: { headers?: Record<string, string | undefined> } } | null)?.$response?.headers;
  return headers?.[SPEED_HEADER] !== undefined;
}

/**
 * A served sandbox (`sandbox serve`, a lesson's) accepts only its own key pair: one that refuses the key this command
 * signed with (a profile's, the shell's) says so, and how this terminal gets its keys — not that AWS does not know the
 * key. Undefined for any other error. (A learner's workshop room says it as the room's: `roomRefusedKey`.)
 */
export function servedRefusedKey(err: unknown, endpoint: string): LabError | undefined {
  const code = awsCode(err);
  if (!code || !(KEY_REFUSALS.has(code) || code === "InvalidSignatureException") || !fromServedSandbox(err)) return undefined;
  return new LabError("servedSandbox.keyRefused", { endpoint, code, load: loadCommand(defaultShell(process.env, process.platform)) }, { cause: err, source: "aws" });
}

/** `profile`: the AWS profile in use, so the fix names it (`aws sso login --profile X`), quoted for `shell` (default bash). */
export interface ErrorContext {
  profile?: string;
  shell?: Shell;
}

/** The SDK found no usable credentials on this computer (none, a missing profile, an SSO token not there): AWS was never asked. */
const NO_CREDENTIALS = new Set(["CredentialsProviderError", "TokenProviderError"]);

export function translateAwsError(err: unknown, context: ErrorContext = {}): LabError {
  if (err instanceof LabError) return err;
  const code = awsCode(err);
  const message = errorMessage(err);
  const profile = profileArg(context.profile ?? "default", context.shell ?? "bash");
  if (!code && err instanceof Error && NO_CREDENTIALS.has(err.name)) return new LabError("aws.CredentialsProviderError", { code: err.name, message, profile }, { cause: err, source: "local" });
  if (!code) return new LabError("error.internal", { message }, { cause: err, source: "internal" });
  const action = missingAction(message);
  const vars = { code, message, action: action ?? "", profile };
  // A denial whose message names no action reads as a sentence of its own, not "(?)".
  if (!action && DENIALS.has(code)) return new LabError("denied.unnamed", { ...vars, message }, { cause: err, source: "aws" });
  if (/does not support the availability zone/i.test(message)) return new LabError("aws.UnsupportedAz", vars, { cause: err, source: "aws" });
  return new LabError(KNOWN_CODES.has(code) ? `aws.${code}` : "aws.generic", vars, { cause: err, source: "aws" });
}
