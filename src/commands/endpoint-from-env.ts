/**
 * A command meant for AWS (no --sandbox; no --endpoint-url, given or saved in `state.endpointUrl`) that AWS_ENDPOINT_URL
 * in the environment sends to this computer instead: a sandbox or workshop this terminal was pointed at, perhaps stopped
 * long ago (then the AWS CLI says only "Could not connect to the endpoint URL"). Said once per command (opening its
 * lesson context), with the line that undoes it; not when it is this account's sandbox, served there now (the learner
 * pointed the terminal at it on purpose, with `sandbox env`).
 */
import { isLoopbackUrl } from "../aws/endpoint-kind.js";
import type { Translate } from "../i18n/messages.js";
import { servedFile } from "../sandbox/served-file.js";
import { secondTerminalShell, unsetCommand } from "../sandbox/shell-env.js";
import type { Shell } from "../shell/render.js";
import type { LessonState } from "../state/schema.js";
import { platformOf, type Environment } from "./environment.js";

/** What to say, or undefined when nothing in the environment turns this command away from where it was asked to go. */
export async function endpointFromEnv(state: Pick<LessonState, "backend" | "endpointUrl">, e: Pick<Environment, "env" | "platform" | "stateDir">, t: Translate, shell?: Shell): Promise<string | undefined> {
  const url = e.env.AWS_ENDPOINT_URL;
  if (state.backend !== "aws" || state.endpointUrl || !url || !isLoopbackUrl(url)) return undefined;
  const { servedAt } = await import("../sandbox/serve/running.js");
  if (await servedAt(servedFile(e.env, e.stateDir), url, e.env.AWS_ACCESS_KEY_ID)) return undefined;
  return t("session.endpointFromEnv", { url, unset: unsetCommand(secondTerminalShell(shell, e.env, platformOf(e))) });
}
