/** `privatelink-lab templates [--out DIR]`: where the templates are (after `npx`, in npm's cache), or a copy in DIR. */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LabError } from "../errors.js";
import { translator } from "../i18n/messages.js";
import { packageRoot } from "../paths.js";
import type { GlobalOptions } from "./options.js";
import { chooseLang, makeHost, type Environment } from "./session.js";

const TEMPLATE_FILES = ["Consumer.yml", "Provider.yml"];

/** Paths and folders no copy can go to: the kernel's (Node's recursive mkdir never returns under /proc). */
const KERNEL_FOLDERS = /^\/(proc|sys|dev)(\/|$)/;

export async function templates(opts: GlobalOptions & { out?: string }, e: Environment): Promise<void> {
  const lang = chooseLang(opts, e.env);
  const t = translator(lang);
  const dir = opts.out === undefined ? join(packageRoot(), "templates") : resolve(opts.out);
  const copies = TEMPLATE_FILES.map((file) => ({ stack: file.replace(".yml", ""), file, path: join(dir, file) }));
  if (opts.out !== undefined) {
    if (KERNEL_FOLDERS.test(dir)) throw new LabError("edges.templates.kernelFolder", { dir }, { source: "local" });
    const writing = (work: () => unknown) => {
      try {
        work();
      } catch (cause) {
        throw new LabError("error.templatesOut", { dir }, { cause, source: "local" });
      }
    };
    writing(() => mkdirSync(dir, { recursive: true }));
    for (const { file, path: to } of copies) {
      const from = join(packageRoot(), "templates", file);
      // Never overwrite someone's edited copy.
      if (existsSync(to) && readFileSync(to, "utf8") !== readFileSync(from, "utf8")) {
        throw new LabError("usage.templateExists", { path: to });
      }
      writing(() => copyFileSync(from, to));
      if (!opts.json) e.stdout.write(t("templates.copied", { path: to }) + "\n");
    }
  }
  // `--json`: one event with a named record per file (the copy's path with --out), nothing else.
  if (opts.json) (await makeHost(opts, e, lang, t)).notify({ type: "table", rows: [], data: { name: opts.out === undefined ? "templates" : "copied", items: copies } });
  else if (opts.out === undefined) for (const c of copies) e.stdout.write(c.path + "\n");
}
