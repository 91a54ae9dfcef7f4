/**
 * The README is the learner's first page, and the one npm ships: what it tells them holds for the
 * package as installed.
 * - Every `npx privatelink-lab …` it shows (code blocks and sentences, both languages' sections) is
 *   given to the real command line (commands/table.ts through commander) with a runner that does
 *   not run the work: a usage error (exit 2) would be a README command the learner is refused.
 *   So is every one the lesson texts and messages the package ships (lessons/) tell them to run.
 * - A README section a message sends the learner to ("README: Running on your AWS account",
 *   README の「…」) is a heading of the README, in the message's language.
 * - A file the README links to is in the package `npm pack` makes (`iam-policy.json`, the `--json`
 *   events' `schemas/`), apart from the maintainers' documents under `docs/`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { flattenMessages } from "../../src/i18n/messages.js";
import { parse as parseYaml } from "yaml";

const README = readFileSync("README.md", "utf8");
const FENCE = /^```[^\n]*\n([\s\S]*?)^```/gm;

/** Where a command ends: a comment, a pipe, a redirection, the end of `"$(…)"` or of inline code, `&&`, `;`, or a description after two spaces. */
const COMMAND_END = /\s+#|\s*[|>;`]|\)"|"|&&|\s{2,}/;

/** Every `npx privatelink-lab …` in `readme`, as the words after it (code blocks and inline code alike; a `<placeholder>` as a value). */
function readmeCommands(readme: string): string[] {
  const fenced = [...readme.matchAll(FENCE)].flatMap((m) => m[1]!.split("\n"));
  const inline = [...readme.replace(FENCE, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const found = [...fenced, ...inline].flatMap((text) => [...text.matchAll(/npx privatelink-lab(?![@\w-])([^\n]*)/g)].map((m) => m[1]!.replace(/<[\w-]+>/g, "x").split(COMMAND_END)[0]!.trim()));
  // `npx privatelink-lab …`: any command, not one to run.
  return [...new Set(found)].filter((words) => !words.includes("…"));
}

interface Parsed {
  code: number;
  ran: boolean;
  out: string;
  err: string;
}

/** The command line given `argv` (English, no colour), its work not run: exit code, whether a command's work was reached, what it wrote. */
async function parsed(argv: string[]): Promise<Parsed> {
  const r = { code: 0, ran: false, out: "", err: "" };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (d: Buffer) => (r.out += d.toString()));
  stderr.on("data", (d: Buffer) => (r.err += d.toString()));
  const e = { env: { LANG: "en_US.UTF-8", NO_COLOR: "1" }, stdin: new PassThrough(), stdout, stderr, clock: { now: () => Date.now() } };
  r.code = await runCli(argv, e as never, async () => {
    r.ran = true;
  });
  return r;
}

/** A message's or lesson text's `{name}` given a value a learner could have (a prefix, a challenge, a room, a Region). */
const SAMPLE: Record<string, string> = { prefix: "team-a", id: "silent-door", room: "room", region: "us-east-1" };

/** Every file of lesson text and UI strings the package ships (lessons/**), read whole. */
function lessonTexts(dir = "lessons"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return lessonTexts(path);
    return /\.(md|yml)$/.test(d.name) && d.name !== "JA-CHECKLIST.md" ? [readFileSync(path, "utf8")] : [];
  });
}

describe("the README's commands", () => {
  const commands = readmeCommands(README);

  it("are found in both languages' sections (the quick start, the sandbox, the workshop)", () => {
    for (const c of ["", "--sandbox", "status", "destroy", "sandbox serve", "sandbox env --unset", "--sandbox --mode hands-on"]) expect(commands).toContain(c);
    expect(commands.some((c) => c.startsWith("--profile 自分のプロファイル"))).toBe(true);
    expect(commands.some((c) => c.startsWith("workshop serve"))).toBe(true);
    expect(commands.length).toBeGreaterThan(20);
  });

  it.each(commands.map((c) => [c]))("npx privatelink-lab %s: the CLI takes it as written", async (words) => {
    const r = await parsed(words === "" ? [] : words.split(/\s+/));
    expect(r.err, `npx privatelink-lab ${words}`).toBe("");
    expect(r.code, `npx privatelink-lab ${words}`).toBe(0);
    expect(r.ran, `npx privatelink-lab ${words}: runs a command, not only a group's help`).toBe(true);
  });

  const told = readmeCommands(lessonTexts().join("\n"))
    .map((c) => c.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? "x"))
    .filter((c) => !commands.includes(c));

  it("a message or a lesson tells the learner to run too (lessons/: their code and inline code)", () => {
    expect(told.length).toBeGreaterThan(10);
  });

  it.each(told.map((c) => [c]))("npx privatelink-lab %s (from lessons/): the CLI takes it as written", async (words) => {
    const r = await parsed(words === "" ? [] : words.split(/\s+/));
    expect(r.err, `npx privatelink-lab ${words}`).toBe("");
    expect(r.code, `npx privatelink-lab ${words}`).toBe(0);
  });

  it("'Global options' lists options the program's --help lists", async () => {
    const line = /Global options: ([\s\S]*?)\.\n/.exec(README)?.[1] ?? "";
    const flags = [...line.matchAll(/`(--[\w-]+)/g)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(5);
    const help = (await parsed(["--help"])).out;
    for (const flag of flags) expect(help, flag).toContain(flag);
  });
});

/** The README's headings, without their `#`s. */
const headings = [...README.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim());

/** The README sections each language's messages name: English "README: <heading>", Japanese README の「<heading>」. */
function sectionsNamed(lang: "en" | "ja"): { key: string; section: string }[] {
  const messages = flattenMessages(parseYaml(readFileSync(`lessons/i18n/${lang}.yml`, "utf8")));
  const pattern = lang === "en" ? /README: ([^)]+)\)/g : /README の「([^」]+)」/g;
  return Object.entries(messages).flatMap(([key, text]) => [...text.matchAll(pattern)].map((m) => ({ key, section: m[1]! })));
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("a README section a message names", () => {
  it.each(["en", "ja"] as const)("%s: is a heading of the README, written in that language", (lang) => {
    const named = sectionsNamed(lang);
    expect(named.length).toBeGreaterThan(0);
    for (const { key, section } of named) {
      const heading = headings.find((h) => h === section || h.startsWith(`${section}（`));
      expect(heading, `${key}: README has no section "${section}"`).toBeDefined();
      expect(JAPANESE.test(heading!), `${key}: "${heading}" is not in ${lang}`).toBe(lang === "ja");
    }
  });
});

describe("a file the README links to", () => {
  it("is in the package npm makes (the maintainers' docs/ aside)", () => {
    const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" })) as { files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    const links = [...new Set([...README.matchAll(/\]\(([^)#\s]+)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l)))];
    expect(links).toContain("iam-policy.json");
    for (const link of links.filter((l) => !l.startsWith("docs/"))) {
      const path = link.replace(/\/$/, "");
      expect(files.some((f) => f === path || f.startsWith(`${path}/`)), `${link} is linked from the README but not packed`).toBe(true);
    }
  });
});
