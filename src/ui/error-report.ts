/** Errors are rendered once, here, at the edge: in the learner's language, with what to do next. */
import type { ChalkInstance } from "chalk";
import { awsCode, errorMessage, EXIT, LabError, type ListEntry } from "../errors.js";
import { UnfilledValue, type Translate } from "../i18n/messages.js";
import { shown } from "./shown.js";
import { translateAwsError, type ErrorContext } from "../aws/error-translation.js";

export interface ErrorReport {
  key: string;
  message: string;
  hint?: string;
  detail?: string;
  exitCode: number;
}

export function reportError(err: unknown, t: Translate, context: ErrorContext = {}): ErrorReport {
  try {
    return report(err, t, context);
  } catch (unfilled) {
    // The edge prints something whatever happens: a message missing a value is our bug, said so.
    if (!(unfilled instanceof UnfilledValue)) throw unfilled;
    return report(new LabError("error.internal", { message: unfilled.message }, { source: "internal", cause: unfilled }), t, context);
  }
}

function report(err: unknown, t: Translate, context: ErrorContext): ErrorReport {
  const lab = err instanceof LabError ? err : translateAwsError(err, context);
  // Values come from outside (arguments, URLs, files): secrets masked, control and bidi characters escaped.
  const vars = shownValues(lab.vars);
  for (const [k, v] of Object.entries(vars)) if (typeof v === "string" && /^prefix\.|^detect\.|^guard\./.test(v)) vars[k] = t(v, lab.vars);
  for (const [k, entries] of Object.entries(lab.lists)) vars[k] = saidList(entries, t);
  const message = t(lab.key, vars);
  const hintKey = `${lab.key}.hint`;
  const hint = t(hintKey, vars);
  const cause = lab.cause;
  const detail = cause && !(cause instanceof LabError) ? shown(`${awsCode(cause) ?? (cause instanceof Error ? cause.name : "")}: ${errorMessage(cause)}`) : undefined;
  return {
    key: lab.key,
    message,
    ...(hint !== hintKey ? { hint } : {}),
    ...(detail ? { detail } : {}),
    exitCode: lab.exitCode,
  };
}

/** A list the error names, each entry in the reader's language, its values shown safely, joined as the language joins lists. */
function saidList(entries: readonly ListEntry[], t: Translate): string {
  return entries.map((e) => t(e.key, shownValues(e.vars))).join(t("error.listSeparator"));
}

/** Values as they may be shown: secrets masked, control and bidi characters escaped. */
function shownValues(vars: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? shown(v) : v]));
}

/** How an error reads on standard error: `✖ message` (`… message` for a wait), `→ hint`, `(detail)`; coloured by `c` when it has colour. */
export function errorText(r: Pick<ErrorReport, "message" | "hint" | "detail" | "exitCode">, c: ChalkInstance): string {
  const said = r.exitCode === EXIT.starting ? c.yellow.bold("… " + r.message) : c.red.bold("✖ " + r.message);
  return `${said}${r.hint ? "\n" + c.yellow("→ " + r.hint) : ""}${r.detail ? "\n" + c.dim("  (" + r.detail + ")") : ""}`;
}
