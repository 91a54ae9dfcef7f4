/**
 * `privatelink-lab templates [--out DIR]`: where the CloudFormation templates are, or a copy in DIR. (After `npx`, the
 * package lives in npm's cache: a relative `templates/…` would point nowhere.)
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LabError } from "../errors.js";
import { translator } from "../i18n/messages.js";
import { packageRoot } from "../paths.js";
import type { GlobalOptions } from "./options.js";
import { chooseLang, makeHost, type Environment } from "./session.js";

export const TEMPLATE_FILES = ["Consumer.yml", "Provider.yml"] as const;

export function templatePath(file: (typeof TEMPLATE_FILES)[number]): string {
  return join(packageRoot(), "templates", file);
}

/** Paths and folders no copy can go to: the kernel's (Node's recursive mkdir never returns under /proc). */
const KERNEL_FOLDERS = /^\/(proc|sys|dev)(\/|$)/;

export async function templates(opts: GlobalOptions & { out?: string }, e: Environment): Promise<void> {
  const lang = chooseLang(opts, e.env);
  const t = translator(lang);
  const copies: { stack: string; file: string; path: string }[] = [];
  if (opts.out === undefined) {
    for (const f of TEMPLATE_FILES) copies.push({ stack: f.replace(".yml", ""), file: f, path: templatePath(f) });
  } else {
    const dir = resolve(opts.out);
    if (KERNEL_FOLDERS.test(dir)) throw new LabError("edges.templates.kernelFolder", { dir }, { source: "local" });
    const writing = (work: () => unknown) => {
      try {
        work();
      } catch (cause) {
        throw new LabError("error.templatesOut", { dir }, { cause, source: "local" });
      }
    };
    writing(() => mkdirSync(dir, { recursive: true }));
    for (const f of TEMPLATE_FILES) {
      const to = join(dir, f);
      // Never overwrite someone's edited copy.
      if (existsSync(to) && readFileSync(to, "utf8") !== readFileSync(templatePath(f), "utf8")) {
        throw new LabError("usage.templateExists", { path: to });
      }
      writing(() => copyFileSync(templatePath(f), to));
      copies.push({ stack: f.replace(".yml", ""), file: f, path: to });
      if (!opts.json) e.stdout.write(t("templates.copied", { path: to }) + "\n");
    }
  }
  // `--json`: one event with a named record per file (the copy's path with --out), nothing else.
  if (opts.json) (await makeHost(opts, e, lang, t)).notify({ type: "table", rows: [], data: { name: opts.out === undefined ? "templates" : "copied", items: copies } });
  else if (opts.out === undefined) for (const c of copies) e.stdout.write(c.path + "\n");
}
