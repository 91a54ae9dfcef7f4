/** Each command's --help, in both languages: only the options it uses, its own examples; usage errors name what is allowed. */
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

const COMMANDS = [[], ["start"], ["status"], ["step"], ["destroy"], ["templates"], ["doctor"], ["diagnose"], ["challenge"], ["challenge", "check"], ["challenge", "start"], ["workshop"], ["workshop", "plan"], ["workshop", "status"], ["workshop", "cleanup"], ["workshop", "challenge"], ["sandbox"], ["sandbox", "serve"], ["sandbox", "env"]];

const help = (lang: "ja" | "en", ...cmd: string[]) => {
  const run = runCli(freshLearner({ LANG: lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8" }), [...cmd, "--help"]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
};

describe("--help of each command", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`lists only the options a command uses (${lang})`, () => {
      expect(help(lang, "destroy")).not.toContain("--mode");
      expect(help(lang, "destroy")).toContain("--dry-run");
      expect(help(lang, "status")).not.toMatch(/--mode|-y, --yes|--sandbox-speed/);
      expect(help(lang, "workshop", "plan")).not.toMatch(/--mode|--prefix /);
      expect(help(lang, "workshop", "handout")).not.toMatch(/--sandbox|--profile|--mode/);
      expect(help(lang)).toMatch(/--mode/); // the lesson itself takes them all
    });
    it(`says a workshop's region is the room's, us-east-1 by default in any language, as the room does (${lang})`, () => {
      for (const sub of ["plan", "status", "cleanup", "challenge", "rehearse", "serve"]) {
        const region = help(lang, "workshop", sub).replace(/\n\s+/g, " ");
        expect(region, sub).toMatch(/--region <region> .*us-east-1/);
        expect(region, sub).not.toMatch(/ap-northeast-1( in Japanese|、英語)/);
      }
      expect(help(lang).replace(/\n\s+/g, " ")).toMatch(/ap-northeast-1( in Japanese|、英語)/); // (the lesson's own default follows the language)
    });
    it(`tells a second terminal to load the sandbox's endpoint, keys and region, then run the AWS CLI as is (${lang})`, () => {
      for (const cmd of [["sandbox"], ["sandbox", "serve"]]) {
        const text = help(lang, ...cmd);
        expect(text, cmd.join(" ")).toMatch(/eval "\$\(npx privatelink-lab sandbox env\)"\n\s+aws ec2 describe-vpcs/);
        expect(text, cmd.join(" ")).not.toContain("AWS_ENDPOINT_URL=");
      }
    });
    it(`says sandbox env's and join's default shell on Windows is PowerShell, or cmd in Command Prompt (${lang})`, () => {
      for (const cmd of [["sandbox", "env"], ["join"]]) {
        const text = help(lang, ...cmd).replace(/\n\s+/g, lang === "ja" ? "" : " ");
        // (Japanese lines join with nothing between them: a space the text had where a line broke is gone.)
        expect(text, cmd.join(" ")).toMatch(lang === "ja" ? /Windows では ?PowerShell、コマンドプロンプトから実行したときは ?cmd/ : /on Windows PowerShell, or cmd when Command Prompt runs it/);
      }
    });
    it(`gives each workshop subcommand its own examples (${lang})`, () => {
      for (const sub of ["plan", "handout", "status", "cleanup", "rehearse", "challenge"]) {
        const examples = help(lang, "workshop", sub).match(/npx privatelink-lab workshop \w+/g) ?? [];
        expect(examples.length, sub).toBeGreaterThan(0);
        expect(new Set(examples), sub).toEqual(new Set([`npx privatelink-lab workshop ${sub}`]));
      }
    });
  }
  for (const lang of ["en", "ja"] as const) {
    it(`fits 80 columns by display width, descriptions in one column (${lang})`, () => {
      for (const cmd of COMMANDS) {
        const lines = help(lang, ...cmd).split("\n");
        expect(lines.filter((l) => stringWidth(l) > 80), cmd.join(" ")).toEqual([]);
        // Every option's and command's description starts at the same column (the first line of each item).
        const items = lines.filter((l) => /^ {2}(-|[a-z])/.test(l) && !l.startsWith("  npx ") && / {2,}\S/.test(l.trimStart()));
        const starts = new Set(items.map((l) => stringWidth(/^ {2}\S.*? {2,}(?=\S)/.exec(l)![0])));
        expect(starts.size, `${cmd.join(" ")}: ${[...starts].join(", ")}`).toBe(1);
      }
    });
  }
  it("keeps every example command whole: a line too long continues with ` \\`, so it pastes as is", () => {
    for (const lang of ["en", "ja"] as const) {
      const lines = help(lang, "workshop").split("\n");
      const commands: string[] = [];
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i]!.startsWith("  npx ")) continue;
        let cmd = lines[i]!.trim();
        while (cmd.endsWith(" \\")) cmd = cmd.slice(0, -2) + " " + lines[++i]!.trim();
        commands.push(cmd.split(/ {2,}/)[0]!);
      }
      expect(commands, lang).toContain("npx privatelink-lab workshop plan --participants 20 --hours 3 --profile workshop");
      expect(commands, lang).toContain("npx privatelink-lab workshop handout --count 20 --prefix-base team > handout.md");
    }
  });
  it("lists the shared options under each challenge subcommand, each once", () => {
    const en = help("en", "challenge", "check");
    expect(en).toMatch(/Global Options:[\s\S]*--sandbox[\s\S]*--prefix/);
    for (const flag of ["--sandbox ", "--prefix ", "--json "]) expect(en.split(flag).length - 1, flag).toBe(1);
    expect(en).not.toMatch(/--version|--restart/);
    expect(help("ja", "challenge", "start")).toMatch(/共通オプション:[\s\S]*--sandbox[\s\S]*--prefix/);
  });
  it("speaks Japanese in commander's own words too", () => {
    const out = help("ja", "destroy");
    expect(out).toMatch(/使い方: privatelink-lab destroy \[オプション\]/);
    expect(out).not.toMatch(/choices|\[options\]|Usage|Options:/);
    for (const group of [[], ["workshop"], ["sandbox"], ["challenge"]]) {
      const usage = help("ja", ...group);
      expect(usage, group.join(" ")).toMatch(/使い方: privatelink-lab.* \[オプション\] \[コマンド\]/);
      expect(usage, group.join(" ")).not.toContain("[command]");
    }
  });
  it("names the allowed values when a value is invalid, in the learner's language", () => {
    const en = runCli(freshLearner(), ["--lang", "fr"]);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/fr.*--lang.*Allowed: ja, en/);
    const ja = runCli(freshLearner({ LANG: "ja_JP.UTF-8" }), ["--mode", "auto"]);
    expect(ja.stderr).toMatch(/指定できる値：guided, hands-on/);
  });
  it("names the word it does not know, not the command before it", () => {
    const plan = runCli(freshLearner(), ["workshop", "plan", "extra"]);
    expect(plan.status).toBe(2);
    expect(plan.stderr).toMatch(/'workshop plan'.*'extra'/);
    expect(plan.stderr).not.toMatch(/Unknown command 'plan'/);
    const sub = runCli(freshLearner(), ["workshop", "plans"]);
    expect(sub.stderr).toMatch(/Unknown command 'plans'.*plan, handout/);
    const valued = runCli(freshLearner({ LANG: "ja_JP.UTF-8" }), ["workshop", "plan", "--participants", "20", "more"]);
    expect(valued.stderr).toMatch(/'workshop plan'.*'more'/);
  });
  it("shows examples in every command's help, its own command among them, in both languages", () => {
    const leaves = [["status"], ["challenge", "list"], ["challenge", "start"], ["challenge", "check"], ["challenge", "fix"], ["challenge", "give-up"], ["join"], ["workshop", "serve"], ["workshop", "retire"]];
    for (const lang of ["en", "ja"] as const) {
      for (const cmd of [...COMMANDS, ...leaves]) {
        const examples = help(lang, ...cmd).split(/^(?:Examples?|使用例|例)[:：]$/m)[1] ?? "";
        expect(examples, `${lang}: ${cmd.join(" ")}`).toMatch(new RegExp(`^ +npx privatelink-lab ${cmd.join(" ")}`, "m"));
      }
    }
  });
  it("shows examples for workshop challenge, in both languages", () => {
    for (const lang of ["en", "ja"] as const) expect(help(lang, "workshop", "challenge"), lang).toMatch(/npx privatelink-lab workshop challenge silent-door/);
  });
  it("mentions no option a command does not take", () => {
    const leaves = [...COMMANDS.filter((c) => c.length > 0 && !["challenge", "workshop", "sandbox"].includes(c.join(" "))), ["workshop", "rehearse"], ["workshop", "handout"]];
    for (const lang of ["en", "ja"] as const) {
      for (const cmd of leaves) {
        const text = help(lang, ...cmd);
        const listed = new Set([...text.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]));
        const mentioned = new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));
        expect([...mentioned].filter((f) => !listed.has(f)), `${lang}: ${cmd.join(" ")}`).toEqual([]);
      }
    }
  });
});
