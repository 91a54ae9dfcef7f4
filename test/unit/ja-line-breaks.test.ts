/**
 * Japanese never breaks inside a phrase: everything a Japanese learner or facilitator reads on a
 * terminal (a whole lesson with its questions and quiz choices, diagnose, `--help` of every
 * command, the workshop commands), rendered at 60, 80 and 120 columns, breaks only where BudouX
 * puts a phrase boundary (or at a space), and no line starts with a closing punctuation mark
 * (issue 22).
 *
 * Each block of text (one event, one help page, one question or choice) is rendered twice: at the
 * width under test, and unwrapped (as wide as it likes). Two adjacent lines are a wrap only when
 * their meeting point is inside one unwrapped line; a title and the text under it, or two table
 * cells, are separate lines of the source and may meet anywhere.
 */
import { PassThrough } from "node:stream";
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { PROGRAM, type CommandRow } from "../../src/commands/table.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { start } from "../../src/commands/start.js";
import { workshopChallenge } from "../../src/commands/workshop/challenge.js";
import { workshopHandout } from "../../src/commands/workshop/handout.js";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { translator } from "../../src/i18n/messages.js";
import type { Choice, LabEvent } from "../../src/ui/io-host.js";
import { breakOpportunities, loadPhrases, type Phrases } from "../../src/ui/line-breaks.js";
import { renderMarkdown } from "../../src/ui/markdown.js";
import { drawDiagram } from "../../src/ui/diagram.js";
import { choiceLabel, questionText } from "../../src/ui/prompt-theme.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { displayWidth, isWide } from "../../src/ui/text-width.js";
import { wrap } from "../../src/ui/wrap.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const CLOSING = new Set([..."、。，．)）」』】〕〉》］｝ー・：；！？"]);
/** What a line starts with before its text: indentation, list marks, box and diagram marks. */
const LEAD = /^\s*(?:[│┌└▼▶✔✖✕✘·!?¤→•❯]\s*)*(?:[-*+]\s+|\d+\.\s+)?/u;
const WIDE_OPEN = 100_000;

/** One thing on screen, laid out at a width (WIDE_OPEN: not wrapped at all). */
type Block = (width: number) => string;

/** Records the quiz's and the lesson's choices too, as a terminal would show them. */
class ChoiceRecorder extends RecordingHost {
  readonly choices: string[] = [];
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    this.choices.push(...choices.map((c) => c.name));
    return super.select(message, choices, defaultValue);
  }
}

let blocks: Block[] = [];
let phrases: Phrases;
let covered = { choices: 0, questions: 0, helps: 0 };
let prose: string[] = [];

/** Every command's path in the command table, the program itself first. */
function commandPaths(row: CommandRow, path: string[] = []): string[][] {
  return [path, ...(row.subcommands ?? []).flatMap((sub) => commandPaths(sub, [...path, sub.name]))];
}

/** `--help` as a terminal `width` columns wide sees it. */
async function help(path: string[], width: number): Promise<string> {
  let text = "";
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: width });
  stdout.on("data", (d: Buffer) => (text += d.toString()));
  const e = { env: { LANG: "ja_JP.UTF-8", NO_COLOR: "1" }, stdin: new PassThrough() as unknown as NodeJS.ReadStream, stdout, stderr: stdout, clock: { now: () => Date.now() } };
  await runCli([...path, "--help"], e as never, async () => undefined);
  return text;
}

beforeAll(async () => {
  phrases = (await loadPhrases("ja"))!;
  const host = new ChoiceRecorder("ja", true);
  const h = harness({ host, opts: { lang: "ja", yes: false } });
  h.env.env.LANG = "ja_JP.UTF-8";
  await start(h.opts, h.env);
  await diagnose(h.opts, h.env).catch(() => undefined);
  await workshopPlan({ ...h.opts, participants: "20" }, h.env);
  await workshopRehearse({ ...h.opts, participants: "3", prefixBase: "team" }, h.env);
  await workshopStatus({ ...h.opts, once: true }, h.env);
  await workshopChallenge("silent-door", { ...h.opts, all: true }, h.env).catch(() => undefined);
  await workshopHandout({ lang: "ja", count: "2", prefixBase: "team" }, h.env);
  const t = translator("ja");
  const events: LabEvent[] = host.events;
  prose = events.flatMap((e) => (e.type === "explain" || e.type === "quiz-answer" ? [e.type === "explain" ? e.markdown : e.explanation] : e.type === "challenge" ? [e.message] : []));
  blocks = [
    ...events.map((e): Block => (width) => {
      const markdown = (md: string) => renderMarkdown(md, Math.min(width, 100), { color: false, phrases });
      return renderEvent(e, { c: new Chalk({ level: 0 }), t, width, markdown, phrases }) ?? "";
    }),
    ...host.questions.map((q): Block => (width) => questionText(q, width, phrases)),
    ...host.choices.map((c): Block => (width) => choiceLabel(c, width, phrases)),
  ];
  const helps = new Map<string, string>();
  for (const path of commandPaths(PROGRAM)) for (const w of [60, 80, 120, WIDE_OPEN]) helps.set(`${path.join(" ")}@${w}`, await help(path, w));
  for (const path of commandPaths(PROGRAM)) blocks.push((width) => helps.get(`${path.join(" ")}@${width}`)!);
  covered = { choices: host.choices.length, questions: host.questions.length, helps: commandPaths(PROGRAM).length };
}, 120_000);

const lead = (line: string) => (LEAD.exec(line)?.[0] ?? "").length;
/** A line's text up to where a table's columns or a comment column begin (two spaces or more). */
const lastCell = (line: string) => line.trimEnd().split(/ {2,}/).at(-1)!;
const firstCell = (line: string) => line.slice(lead(line)).split(/ {2,}/)[0]!;

/** Breaks between two Japanese characters, inside one source line, where no break is allowed. */
function badBreaks(block: Block, width: number): string[] {
  const lines = block(width).split("\n");
  const source = block(WIDE_OPEN)
    .split("\n")
    .map((l) => l.slice(lead(l)));
  const out: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const before = lastCell(lines[i]!);
    const after = firstCell(lines[i + 1]!);
    const a = [...before].at(-1);
    const b = [...after][0];
    if (!a || !b || !(isWide(a) || isWide(b)) || /[│┐┘]/.test(a)) continue;
    // Where the two lines meet in the source: without a space between them, or at one.
    const meetings = ["", " "].flatMap((space) =>
      source.flatMap((line) => {
        const at: number[] = [];
        for (let k = line.indexOf(before + space + after); k >= 0; k = line.indexOf(before + space + after, k + 1)) at.push(k);
        return at.map((k) => ({ line, at: k + before.length + space.length }));
      }),
    );
    if (meetings.length === 0) continue; // two lines of the source, not a wrap
    if (meetings.some((m) => breakOpportunities(m.line, phrases).has(m.at))) continue;
    out.push(`${[...before].slice(-20).join("")}｜${[...after].slice(0, 20).join("")}`);
  }
  return out;
}

it("reads the whole lesson's questions and quiz choices, and every command's help", () => {
  expect(covered.choices).toBeGreaterThan(20);
  expect(covered.questions).toBeGreaterThan(10);
  expect(covered.helps).toBeGreaterThan(15);
});

it("leaves no half-width space between Japanese words around bold text", () => {
  expect(prose.length).toBeGreaterThan(30);
  const gaps = prose.flatMap((md) => {
    const shown = renderMarkdown(md, WIDE_OPEN, { color: true, phrases });
    // A space between two Japanese characters with only bold's on/off codes beside it.
    return [...shown.matchAll(/(.{0,12})(?:\x1b\[(?:1|22)m)+ (?:\x1b\[(?:1|22)m)*(.{0,12})|(.{0,12}) (?:\x1b\[(?:1|22)m)+(.{0,12})/gu)]
      .filter((m) => isWide([...(m[1] ?? m[3] ?? "")].at(-1)) && isWide([...(m[2] ?? m[4] ?? "")][0]))
      .map((m) => m[0].replace(/\x1b\[[0-9;]*m/g, "**"));
  });
  expect(gaps).toEqual([]);
});

it("wraps the diagram's labels inside their boxes between phrases", () => {
  const t = translator("ja");
  const parts = ["consumer-instance", "curl", "endpoint-sg-rule", "interface-endpoint", "ssm-endpoints", "endpoint-service", "nlb", "s3-gateway"];
  const drawn = drawDiagram({ parts: parts.map((id) => ({ id, side: "consumer", step: "deploy", state: "built" })), linked: true, cleanedUp: false }, t, phrases);
  const rows = drawn.split("\n").filter((l) => l.startsWith("│"));
  const wrapped: string[][] = [];
  for (const side of [1, 3]) {
    let label: string[] = [];
    for (const row of rows) {
      const text = row.split("│")[side]!.trim();
      if (/^(?:[│▼]\s+)?[✔▶·✕]\s/.test(text) || text === "" || text === "│" || text === "▼") {
        if (label.length > 1) wrapped.push(label);
        label = text.length > 1 ? [text] : [];
      } else label.push(text);
    }
    if (label.length > 1) wrapped.push(label);
  }
  expect(wrapped.length).toBeGreaterThan(0); // some Japanese label is long enough to wrap
  // A label may also break where its text has a line break of its own (a compound too long for a box).
  const sources = ["diagram.consumerEc2", "diagram.service", "diagram.endpoint", "diagram.gateway"].map((k) => t(k));
  for (const label of wrapped) {
    const joined = label.join("");
    let at = 0;
    for (const [i, line] of label.slice(0, -1).entries()) {
      at += line.length;
      const own = sources.some((src) => src.includes(`${line.slice(-3)}\n${label[i + 1]!.slice(0, 3)}`));
      expect(own || breakOpportunities(joined, phrases).has(at), label.join("｜")).toBe(true);
    }
  }
});

describe.each([60, 80, 120])("Japanese at %i columns", (width) => {
  it("breaks only between phrases, and no line starts with closing punctuation", () => {
    const lines = blocks.flatMap((b) => b(width).split("\n"));
    expect(lines.length).toBeGreaterThan(400);
    expect(blocks.flatMap((b) => badBreaks(b, width))).toEqual([]);
    const starts = lines.map((l) => l.slice(lead(l))).filter((l) => CLOSING.has([...l][0] ?? ""));
    expect(starts).toEqual([]);
  });
});

it("never breaks inside a katakana word, even where BudouX puts a boundary (ハンズ|オン in the lesson's first line)", async () => {
  const ja = (await loadPhrases("ja"))!;
  const t = translator("ja");
  const first = t("render.lessonStarted", { backend: t("backend.sandbox"), region: "ap-northeast-1", prefix: "scr", mode: t("mode.hands-on") });
  expect(ja(first).join("|")).toContain("ハンズ|オン"); // (what BudouX says)
  const shown = renderEvent({ type: "lesson-started", lesson: "privatelink", backend: "sandbox", region: "ap-northeast-1", prefix: "scr", lang: "ja", mode: "hands-on" }, { c: new Chalk({ level: 0 }), t, width: 80, markdown: (md) => md, phrases: ja });
  expect(shown).toContain("ハンズオン");
});

it("never starts a line with the · between the lesson's first line's parts", async () => {
  const ja = (await loadPhrases("ja"))!;
  for (const [lang, p] of [["ja", ja], ["en", undefined]] as const) {
    const t = translator(lang);
    for (const width of [60, 70, 80]) {
      const shown = renderEvent({ type: "lesson-started", lesson: "privatelink", backend: "sandbox", region: "ap-northeast-1", prefix: "walk", lang, mode: "guided" }, { c: new Chalk({ level: 0 }), t, width, markdown: (md) => md, phrases: p })!;
      expect(shown.split("\n").filter((l) => l.startsWith("·")), shown).toEqual([]);
    }
  }
});

describe.each([60, 80, 120])("a number and its counter at %i columns", (width) => {
  it("never ends a line with a number whose counter or word starts the next line (1 / つ)", () => {
    const split = blocks.flatMap((b) => {
      const lines = b(width).split("\n");
      const source = b(WIDE_OPEN);
      return lines.slice(0, -1).flatMap((line, i) => {
        const next = lines[i + 1]!.slice(lead(lines[i + 1]!));
        const [before, after] = [line.trimEnd().slice(-12), next.slice(0, 8)];
        // (Only a wrap: where the two lines meet inside one line of the source, not two rows of a table.)
        const wrapped = source.includes(before + after) || source.includes(`${before} ${after}`);
        return wrapped && /(?:^|[\s\u3000-\u9fff])[0-9]+$/u.test(before) && /^\p{L}/u.test(after) ? [`${before}｜${after}`] : [];
      });
    });
    expect(split).toEqual([]);
  });
});

it("keeps a number with its counter or word wherever the line ends: 1 つ, 2個, 3 ステップ, 5 minutes", () => {
  const texts: Array<[string, Phrases | undefined, RegExp]> = [
    ["覚えておきたいのは 1 つ：VPC エンドポイントは「使う側の部品」です。", phrases, /1 つ/],
    ["部品は 2個 で、手順は全部で 3 ステップ、待ち時間は約 5 分です。", phrases, /3 ステップ/],
    ["The stack takes about 5 minutes to create, in 3 steps.", undefined, /5 minutes/],
  ];
  for (const [text, p, together] of texts) {
    for (let width = 8; width <= 60; width++) {
      const lines = wrap(text, width, { phrases: p }).split("\n");
      for (let i = 0; i + 1 < lines.length; i++) expect(`${lines[i]}｜${lines[i + 1]}`, `${width} columns`).not.toMatch(/[0-9０-９] ?｜/);
    }
    expect(together.test(wrap(text, 200, { phrases: p }))).toBe(true);
  }
});

it("keeps the header's label and value together: プレフィックス pl-root, prefix pl-root (ja, en; 60, 80, 120 columns)", async () => {
  const ja = (await loadPhrases("ja"))!;
  for (const [lang, p, label] of [["ja", ja, "プレフィックス pl-root"], ["en", undefined, "prefix pl-root"]] as const) {
    const t = translator(lang);
    for (const width of [60, 80, 120])
      for (const mode of ["hands-on", "guided"] as const) {
        const shown = renderEvent({ type: "lesson-started", lesson: "privatelink", backend: "sandbox", region: "ap-northeast-1", prefix: "pl-root", lang, mode }, { c: new Chalk({ level: 0 }), t, width, markdown: (md) => md, phrases: p })!;
        expect(shown, `${lang} ${width}`).toContain(label);
        expect(Math.max(...shown.split("\n").map((l) => displayWidth(l))), `${lang} ${width}`).toBeLessThanOrEqual(width);
      }
  }
});
