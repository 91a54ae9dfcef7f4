/**
 * `privatelink-lab templates [--out DIR]`: where the lesson's CloudFormation templates are, or a
 * copy of them in DIR, for the console's "Upload a template file" and the AWS CLI's `file://`.
 * (After `npx`, the package lives in npm's cache: a relative `templates/…` would point nowhere.)
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LabError } from "../errors.js";
import { translator } from "../i18n/messages.js";
import { packageRoot } from "../paths.js";
import type { GlobalOptions } from "./options.js";
import { chooseLang, type Environment } from "./session.js";

export const TEMPLATE_FILES = ["Consumer.yml", "Provider.yml"] as const;

export function templatePath(file: (typeof TEMPLATE_FILES)[number]): string {
  return join(packageRoot(), "templates", file);
}

export async function templates(opts: GlobalOptions & { out?: string }, e: Environment): Promise<void> {
  const t = translator(chooseLang(opts, e.env));
  if (opts.out === undefined) {
    for (const f of TEMPLATE_FILES) e.stdout.write(templatePath(f) + "\n");
    return;
  }
  const dir = resolve(opts.out);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new LabError("error.templatesOut", { dir }, { cause });
  }
  for (const f of TEMPLATE_FILES) {
    const to = join(dir, f);
    // Never overwrite someone's edited copy.
    if (existsSync(to) && readFileSync(to, "utf8") !== readFileSync(templatePath(f), "utf8")) {
      throw new LabError("usage.templateExists", { path: to });
    }
    copyFileSync(templatePath(f), to);
    e.stdout.write(t("templates.copied", { path: to }) + "\n");
  }
}
