/**
 * No screen shows an unfilled value. Every message is rendered through one path (`translator`,
 * `fillPlaceholders`) that refuses a `{name}` / `{{name}}` it has no value for; this test finds the
 * values each call site passes and renders every message key with them, in both languages:
 *
 * - UI strings: each `t("key", { … })`, `new LabError("key", { … })` (and its `.hint`, rendered
 *   with the same values) and each detection `why: "key", vars: { … }` in src/ (with its `commands: { … }`, the
 *   `aws` commands filled in where the text is said: lesson/step.ts detectionVars); a key built from a
 *   template (`detect.curl.${reason}`) stands for every key it can name;
 * - lesson texts are filled with each path's values by the content check (content.test.ts); here
 *   the challenges' texts with the values `challenge` passes, and diagnose's with each link's;
 * - no text carries a hand-written `<value>` where a real value exists (`<listener ARN>`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChallenges, loadChallengeText } from "../../src/challenge/definitions.js";
import { fillPlaceholders } from "../../src/content/lesson-content.js";
import { loadDiagnoseText } from "../../src/diagnose/text.js";
import { LANGS, type Lang } from "../../src/i18n/lang.js";
import { fill, loadMessages, placeholderNames, translator, UnfilledValue } from "../../src/i18n/messages.js";
import { PLACEHOLDER_NAMES } from "../../src/lesson/vars.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The text of a balanced `{ … }` starting at `at` (which is `{`). */
function braces(text: string, at: number): string {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(at, i + 1);
  }
  return text.slice(at);
}

/** The property names of an object literal: `{ a: x, b, ...(c ? { d } : {}) }` → a, b, d. */
function propertyNames(literal: string): string[] {
  const inner = literal.slice(1, -1);
  const names: string[] = [];
  let depth = 0;
  let part = "";
  const flush = () => {
    const p = part.trim();
    part = "";
    const spread = /^\.\.\.\(.*\?\s*(\{[\s\S]*\})\s*:\s*\{\s*\}\s*\)$/.exec(p);
    if (spread) names.push(...propertyNames(spread[1]!));
    const m = /^(?:"([\w-]+)"|(\w+))\s*(?::|$)/.exec(p);
    if (m) names.push(m[1] ?? m[2]!);
  };
  for (const ch of inner) {
    if ("({[".includes(ch)) depth++;
    if (")}]".includes(ch)) depth--;
    if (ch === "," && depth === 0) flush();
    else part += ch;
  }
  flush();
  return names;
}

/** A LabError's lists, filled at the edge like its values: `new LabError(key, { … }, { lists: { problems } })` → problems. */
function listNames(text: string, varsAt: number): string[] {
  const after = varsAt + braces(text, varsAt).length;
  const options = /^\s*,\s*\{/.exec(text.slice(after));
  if (!options) return [];
  const literal = braces(text, after + options[0].length - 1);
  const lists = /\blists:\s*\{/.exec(literal);
  return lists ? propertyNames(braces(literal, lists.index + lists[0].length - 1)) : [];
}

interface CallSite {
  where: string;
  /** A key, or a template's fixed start (`detect.curl.`) standing for every key it can name. */
  key: string;
  template: boolean;
  names: string[];
  error: boolean;
}

function callSites(): CallSite[] {
  const out: CallSite[] = [];
  const CALL = /(?:\bt|new LabError)\(\s*(["`])([\w.-]+)(\$\{[^`]*)?\1?\s*(,\s*(?:vars:\s*)?\{)?/g;
  for (const file of sources("src")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(CALL)) {
      const [whole, quote, key, rest, object] = m;
      if (!key!.includes(".")) continue;
      const at = m.index! + whole!.length - 1;
      const names = object ? [...propertyNames(braces(text, at)), ...listNames(text, at)] : [];
      const line = text.slice(0, m.index).split("\n").length;
      out.push({ where: `${file}:${line}`, key: key!, template: quote === "`" && rest !== undefined, names, error: whole!.startsWith("new LabError") });
    }
  }
  // A detection's vars come after its key: `why: "detect.x", vars: { … }`, then the commands its text names: `commands: { … }`.
  for (const file of sources("src")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/why:\s*(["`])([\w.-]+)(\$\{[^`]*)?\1,\s*(?:why)?[vV]ars:\s*\{/g)) {
      const vars = braces(text, m.index! + m[0].length - 1);
      const after = m.index! + m[0].length - 1 + vars.length;
      const commands = /^,\s*commands:\s*\{/.exec(text.slice(after));
      const names = [...propertyNames(vars), ...(commands ? propertyNames(braces(text, after + commands[0].length - 1)) : [])];
      out.push({ where: `${file}:${text.slice(0, m.index).split("\n").length}`, key: m[2]!, template: m[1] === "`", names, error: false });
    }
  }
  return out;
}

const SAMPLE = "x";

describe("every message key, rendered with the values its call sites pass", () => {
  const sites = callSites();

  it("finds the call sites (the scanner is not blind)", () => {
    expect(sites.length).toBeGreaterThan(300);
    expect(sites.some((s) => s.key === "detect.endpoint.stray" && s.names.includes("service"))).toBe(true);
    expect(sites.some((s) => s.key === "engine.notYet" && s.names.includes("why"))).toBe(true);
  });

  it.each(LANGS)("%s: no call site leaves a {value} unfilled", (lang: Lang) => {
    const table = loadMessages(lang);
    const t = translator(lang);
    const problems: string[] = [];
    for (const site of sites) {
      const keys = site.template ? Object.keys(table).filter((k) => k.startsWith(site.key)) : [site.key];
      for (const key of site.error ? keys.flatMap((k) => [k, `${k}.hint`]) : keys) {
        if (!(key in table)) continue; // an unknown key is the content check's to find
        const vars = Object.fromEntries(site.names.map((n) => [n, SAMPLE]));
        try {
          t(key, vars);
        } catch (err) {
          if (err instanceof UnfilledValue) problems.push(`${site.where} ${key}: ${err.message} (passes ${site.names.join(", ") || "nothing"})`);
          else throw err;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the render path refuses an unfilled value instead of printing it", () => {
    expect(() => fill("goes to {service}", { id: "vpce-1" }, "detect.endpoint.stray")).toThrow(UnfilledValue);
    expect(() => fill("goes to {service}", { service: undefined as unknown as string })).toThrow(UnfilledValue);
    expect(fill("goes to {service}", { service: "com.amazonaws.us-east-1.s3" })).toBe("goes to com.amazonaws.us-east-1.s3");
    expect(placeholderNames("{a} and {b}")).toEqual(["a", "b"]);
    // A count with its noun: "1 participant", "3 participants" (never "1 participants").
    expect(fill("{n:participant} · {m:spare seat}", { n: 1, m: 2 })).toBe("1 participant · 2 spare seats");
    expect(() => fill("{n:participant}", {})).toThrow(UnfilledValue);
  });
});

describe("lesson texts name real values, never a hand-written <value>", () => {
  /** The values `challenge` fills in (src/challenge/run.ts): the lesson's and the learner path's. */
  const CHALLENGE_VARS = [...PLACEHOLDER_NAMES, "endpointSgId", "endpointId", "providerSgId", "consumerSgId", "listenerArn", "providerVpcCidr", "consumerVpcCidr"];
  const values = Object.fromEntries(CHALLENGE_VARS.map((n) => [n, SAMPLE]));
  /** Syntax in prose ("com.amazonaws.vpce.<region>.vpce-svc-…", "step <id>") and values only the learner has. */
  const SYNTAX = [/<region>/, /<リージョン>/, /<prefix>/, /<id>/, /<endpoint DNS name>/, /<エンドポイントの DNS 名>/, /<the new vpce-id>/, /<subnet in \{\{serviceAzs\}\}>/, /<\{\{serviceAzs\}\} のサブネット>/, /<新しい vpce-ID>/, /<the new group's id>/, /<作ったSGのID>/];
  const handWritten = (text: string) => [...text.matchAll(/<[^<>\n]{1,40}>/g)].map((m) => m[0]).filter((v) => !SYNTAX.some((r) => r.test(v)));

  it.each(LANGS)("%s: every challenge text fills with the values challenge passes", (lang: Lang) => {
    for (const c of loadChallenges("privatelink")) {
      const text = loadChallengeText("privatelink", c.id, lang);
      for (const [i, s] of [text.story, ...text.hints, text.explain].entries()) {
        const filled = fillPlaceholders(s, values, `${c.id}/${i}`);
        expect(handWritten(filled), `${c.id} text ${i}`).toEqual([]);
      }
    }
  });

  it.each(LANGS)("%s: diagnose and UI strings carry no hand-written <value>", (lang: Lang) => {
    const text = loadDiagnoseText("privatelink", lang);
    const all = [text.title, ...Object.values(text.links).flatMap((l) => [l.short, l.name, ...Object.values(l.problems).flatMap((p) => [p.what, p.why, p.console ?? "", p.cli ?? ""])])];
    expect(all.flatMap(handWritten)).toEqual([]);
    expect(Object.values(loadMessages(lang)).flatMap(handWritten)).toEqual([]);
  });
});
