/**
 * Every command the lesson prints — each step's `## cli` block, the commands inside hints, notes
 * and done texts (guided and hands-on show the same texts), each challenge hint, each `diagnose`
 * fix — in Japanese and English, rendered for bash, PowerShell and cmd.exe:
 * - bash: the text the author wrote, unchanged, and `bash -n` accepts it;
 * - PowerShell: tree-sitter-powershell parses it with no ERROR or MISSING node, one statement per
 *   command, and no line is continued the bash way;
 * - cmd.exe: lines continue with ` ^`, and no argument is in single quotes (cmd has none).
 * The templates' paths are filled in as a Linux user's and as a Windows user's (with a space).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fillPlaceholders } from "../../src/content/lesson-content.js";
import { increaseCommand } from "../../src/preflight/quota-plan.js";
import { shellLines, shellMarkdown } from "../../src/shell/in-text.js";
import { renderCommand, renderScript, SHELLS, type Shell } from "../../src/shell/render.js";
import { parseScript, type Item, type Script } from "../../src/shell/script.js";
import { parsePowerShell } from "../helpers/powershell-grammar.js";
import { POSIX_TEMPLATES, printedTexts, sampleVars, WIN32_TEMPLATES } from "../helpers/printed-commands.js";

interface Printed {
  where: string;
  shell: Shell;
  script: Script;
  text: string;
}

function render(lang: "en" | "ja", shell: Shell, templates: typeof POSIX_TEMPLATES): { forms: Printed[]; unchanged: { where: string; before: string; after: string }[] } {
  const vars = sampleVars(templates);
  const forms: Printed[] = [];
  const unchanged: { where: string; before: string; after: string }[] = [];
  for (const p of printedTexts(lang)) {
    const r = p.kind === "markdown" ? shellMarkdown(p.text, shell, vars) : (() => {
      const l = shellLines(p.text, shell, vars);
      return { markdown: l.text, commands: l.commands };
    })();
    for (const script of r.commands) {
      const oneLine = p.kind === "markdown" && !r.markdown.includes(renderScript(script, shell)) ;
      const text = renderScript(script, shell, { oneLine });
      // What is tested is what is printed.
      expect(r.markdown, p.where).toContain(text);
      forms.push({ where: `${lang} ${p.where}`, shell, script, text });
    }
    const fillIns = r.commands.some((s) => s.some((i) => (i.kind === "command" || i.kind === "until-empty") && i.command.args.some((a) => a.kind === "fill")));
    if (shell === "bash" && !fillIns) unchanged.push({ where: `${lang} ${p.where}`, before: fillPlaceholders(p.text, vars).trimEnd(), after: r.markdown });
  }
  return { forms, unchanged };
}

const CASES = (["en", "ja"] as const).flatMap((lang) => [
  { lang, platform: "posix", templates: POSIX_TEMPLATES },
  { lang, platform: "win32", templates: WIN32_TEMPLATES },
]);

function commandsOf(script: Script): Item[] {
  return script.filter((i) => (i.kind === "command" && !i.commented) || i.kind === "until-empty");
}

describe.each(CASES)("$lang, templates as on $platform", ({ lang, templates }) => {
  it("finds the commands: every step's CLI block, hints, challenge hints and diagnose fixes", () => {
    const { forms } = render(lang, "bash", templates);
    const where = forms.map((f) => f.where);
    for (const step of ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review", "cleanup"]) {
      expect(where, step).toContain(`${lang} ${step}/cli`);
    }
    expect(where.filter((w) => /\/hint /.test(w) && !w.includes("challenge")).length).toBeGreaterThan(3);
    expect(where.filter((w) => w.includes("challenge")).length).toBeGreaterThanOrEqual(5);
    expect(where.filter((w) => w.includes("diagnose")).length).toBeGreaterThan(20);
  });

  it("every fenced sh block and every inline aws/npx command is inside the shell subset", () => {
    const refused: string[] = [];
    for (const p of printedTexts(lang)) {
      const blocks = p.kind === "lines" ? (/^aws /.test(p.text) ? [p.text.trimEnd()] : []) : [...p.text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
      const inline = p.kind === "markdown" ? [...p.text.replace(/^```[\s\S]*?^```$/gm, "").matchAll(/`((?:aws|npx) [^`\n]+)`/g)].map((m) => m[1]!) : [];
      for (const b of [...blocks, ...inline]) {
        try {
          parseScript(b);
        } catch (e) {
          refused.push(`${p.where}: ${(e as Error).message}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it("bash: the text the author wrote, and bash -n accepts every form", () => {
    const { forms, unchanged } = render(lang, "bash", templates);
    if (templates === POSIX_TEMPLATES) for (const u of unchanged) expect(u.after, u.where).toBe(u.before);
    const dir = mkdtempSync(join(tmpdir(), "pll-bash-n-"));
    forms.forEach((f, i) => writeFileSync(join(dir, `${i}.sh`), f.text + "\n"));
    const r = spawnSync("bash", ["-c", 'for f in "$0"/*.sh; do bash -n "$f" 2>&1 || echo "FAILED $f"; done', dir], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    for (const f of forms) expect(f.text, f.where).not.toMatch(/ `$|\^$/m);
  });

  it("PowerShell: parses with no error node, one statement per command, no bash continuation", async () => {
    const { forms } = render(lang, "powershell", templates);
    expect(forms.length).toBeGreaterThan(40);
    for (const f of forms) {
      const whole = await parsePowerShell(f.text);
      expect(whole.problems, `${f.where}:\n${f.text}`).toEqual([]);
      expect(f.text, f.where).not.toMatch(/ \\$/m);
      for (const item of commandsOf(f.script)) {
        // Windows PowerShell 5.1 drops a " inside an argument given to a program; 7.3+ keeps it.
        if (item.kind === "command" || item.kind === "until-empty") for (const a of item.command.args) expect(a.value, f.where).not.toContain('"');
        const one = await parsePowerShell(renderScript([item], "powershell"));
        expect(one.problems, f.where).toEqual([]);
        expect(one.statements, `${f.where}: ${renderScript([item], "powershell")}`).toHaveLength(1);
      }
    }
  });

  it("cmd.exe: continued with ^, no single-quoted argument, no bash or PowerShell continuation", () => {
    const { forms } = render(lang, "cmd", templates);
    for (const f of forms) {
      for (const item of commandsOf(f.script)) {
        const lines = renderScript([item], "cmd").split("\n").filter((l) => !/^rem /.test(l));
        lines.slice(0, -1).forEach((l) => expect(l, f.where).toMatch(/ \^$/));
        for (const l of lines) {
          expect(l, f.where).not.toMatch(/ [\\`]$/);
          // Outside double quotes, a ' would be a literal quote character handed to the program.
          expect(l.replace(/"[^"]*"/g, ""), `${f.where}: ${l}`).not.toContain("'");
          expect(l.replace(/"[^"]*"/g, ""), `${f.where}: ${l}`).not.toMatch(/[<|&]/);
        }
      }
    }
  });
});

describe("the template path, as each platform's AWS CLI reads it", () => {
  it("posix: file:// then the absolute path, bare; win32: file://C:\\… kept as one argument in every shell", () => {
    const deploy = printedTexts("en").find((p) => p.where === "deploy/cli")!;
    const posix = shellMarkdown(deploy.text, "bash", sampleVars(POSIX_TEMPLATES)).markdown;
    expect(posix).toContain(`--template-body file://${POSIX_TEMPLATES.consumer} \\`);
    const bash = shellMarkdown(deploy.text, "bash", sampleVars(WIN32_TEMPLATES)).markdown;
    expect(bash).toContain(`--template-body 'file://${WIN32_TEMPLATES.consumer}' \\`);
    const ps = shellMarkdown(deploy.text, "powershell", sampleVars(WIN32_TEMPLATES)).markdown;
    expect(ps).toContain(`--template-body 'file://${WIN32_TEMPLATES.consumer}' \``);
    const cmd = shellMarkdown(deploy.text, "cmd", sampleVars(WIN32_TEMPLATES)).markdown;
    expect(cmd).toContain(`--template-body "file://${WIN32_TEMPLATES.consumer}" ^`);
  });
});

describe("workshop plan: the quota increase commands", () => {
  it("are one line in every shell, and parse in PowerShell", async () => {
    const increase = { code: "L-1216C47A", serviceCode: "ec2", name: "Running On-Demand Standard instances", current: 5, desired: 84 };
    for (const shell of SHELLS) {
      const text = increaseCommand(increase, shell);
      expect(text).toBe("aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 84");
      if (shell === "powershell") expect((await parsePowerShell(text)).statements).toHaveLength(1);
    }
    expect(renderCommand({ program: "aws", args: [{ value: "a,b" }] }, "powershell")).toBe("aws 'a,b'");
  });
});
