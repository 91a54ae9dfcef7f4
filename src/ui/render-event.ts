/** How each lesson event looks on a terminal. Pure: event in, text out. */
import type { ChalkInstance } from "chalk";
import type { Translate } from "../i18n/messages.js";
import type { DiagnosisLink, LabEvent } from "./io-host.js";
import { renderData } from "./render-data.js";
import { drawDiagram } from "./diagram.js";
import { CONTINUE, fenceLang } from "../shell/render.js";
import { wrapCode, wrapCommand, wrapProse } from "./code-wrap.js";
import { softBreakJoiner, type Phrases } from "./line-breaks.js";
import { displayWidth, padEnd, truncate } from "./text-width.js";
import { KEEP_CLOSE, KEEP_OPEN, wrap } from "./wrap.js";

export interface RenderTools {
  c: ChalkInstance;
  t: Translate;
  width: number;
  markdown: (md: string) => string;
  phrases?: Phrases | undefined;
  /** How the learner's shell continues a command on the next row (default bash's ` \`): a wrapped command pastes as one. */
  continuation?: string | undefined;
}

/**
 * Columns aligned; the last column wraps under itself, or, when it would be too narrow to read (under 16 columns, or a
 * cell over two lines), goes on lines of its own under the column before it (underStart). A first column too long wraps
 * within itself (firstColumnWrapped); else the last two columns become one; only two-column rows wrap as text.
 */
function table(rows: string[][], r: RenderTools): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const heads = rows.map((row) => "  " + row.slice(0, -1).map((cell, i) => padEnd(cell, widths[i] ?? 0) + "  ").join(""));
  const room = Math.min(...heads.map((h) => r.width - displayWidth(h)));
  const headsFit = heads.every((h) => displayWidth(h.trimEnd()) <= r.width);
  if (!headsFit) {
    const wrapped = firstColumnWrapped(rows, widths, r);
    if (wrapped !== undefined) return wrapped;
    // Still too wide: the last two columns become one, which goes on lines of its own if it must.
    // (Each on a line of its own when the two do not fit on one: a name never trails a long id's cut-off tail.)
    const joined = (cells: string[], columns: number) => cells.join(displayWidth(cells.join("  ")) <= r.width - underStart(widths, columns, r.width) ? "  " : "\n");
    if (rows.every((row) => row.length >= 3)) return table(rows.map((row) => [...row.slice(0, -2), joined(row.slice(-2).filter((c) => c.trim()), row.length - 1)]), r);
    return rows.map((row) => wrap(row.join("  "), r.width, { first: "  ", rest: "    ", phrases: r.phrases })).join("\n");
  }
  // Cramped too when a word of a last cell (an ARN) is wider than the room beside the row: under it, it may fit whole.
  const cramped = room < 16 || rows.some((row) => displayWidth(row[row.length - 1] ?? "") > 2 * room || longestWord(row[row.length - 1] ?? "") > room);
  return rows
    .map((row, n) => {
      const head = heads[n]!;
      const last = row[row.length - 1] ?? "";
      // A cell's `command` too wide for a line goes on lines of its own, pasteable (a doctor fix).
      const paint = (l: string) => r.c.yellow(l);
      const below = r.t("render.commandBelow");
      if (!cramped) return wrapProse(last, r.width, { first: head, rest: " ".repeat(displayWidth(head)), phrases: r.phrases, cont: r.continuation, paint, below });
      const under = " ".repeat(underStart(widths, row.length, r.width));
      const lead = head.trimEnd();
      // (A row of only a last cell, a fix under its check, leaves no blank line above it.)
      return last ? (lead ? `${lead}\n` : "") + wrapProse(last, r.width, { first: under, rest: under, phrases: r.phrases, cont: r.continuation, paint, below }) : lead;
    })
    .join("\n");
}

/** The display width of the widest word (what a line cannot break) of a cell. */
const longestWord = (cell: string): number => Math.max(0, ...cell.split(/\s+/).map(displayWidth));

/** Where a last cell on lines of its own starts: under the column before it, or further left while it has under 40. */
function underStart(widths: number[], columns: number, width: number): number {
  const start = (k: number) => 2 + widths.slice(0, k).reduce((sum, w) => sum + w + 2, 0);
  let k = Math.max(0, columns - 2);
  while (k > 0 && width - start(k) < Math.min(40, width / 2)) k--;
  return start(k);
}

/** A first column too long wraps within itself, the others aligned on its first line (undefined: under 16 left). */
function firstColumnWrapped(rows: string[][], widths: number[], r: RenderTools): string | undefined {
  const others = widths.slice(1).reduce((sum, w) => sum + w + 2, 0);
  const room = r.width - 2 - others;
  if (room < 16 || rows.some((row) => row.length < 2)) return undefined;
  const firsts = rows.map((row) => wrap(row[0] ?? "", room, { rest: "  ", phrases: r.phrases }).split("\n"));
  const w0 = Math.max(...firsts.flatMap((lines) => lines.map(displayWidth)));
  return rows
    .map((row, n) => {
      const [head = "", ...more] = firsts[n]!;
      const cells = row.slice(1).map((cell, i) => (i === row.length - 2 ? cell : padEnd(cell, widths[i + 1] ?? 0)));
      return ["  " + padEnd(head, w0) + "  " + cells.join("  "), ...more.map((l) => "  " + l)].map((l) => l.trimEnd()).join("\n");
    })
    .join("\n");
}

/** Plain event text wrapped to the terminal, continuation lines under the text after the mark (a long `command` on lines of its own). */
function lines(text: string, r: RenderTools, first = "", rest = " ".repeat(displayWidth(first))): string {
  return wrapProse(text, r.width, { first, rest, phrases: r.phrases, cont: r.continuation, below: r.t("render.commandBelow") });
}

/** "0.4 h" reads oddly: under an hour, minutes. */
function duration(hours: number, t: Translate): string {
  return hours < 1 ? t("render.minutes", { n: Math.max(1, Math.round(hours * 60)) }) : t("render.hours", { n: hours.toFixed(1) });
}

const MARKS = { step: /▶[^│]*/g, done: /✔[^│]*/g, todo: /[·✕][^│]*/g };

function colorDiagram(text: string, c: ChalkInstance): string {
  return text
    .split("\n")
    .map((line) => line.replace(MARKS.step, (m) => c.cyan.bold(m)).replace(MARKS.done, (m) => c.green(m)).replace(MARKS.todo, (m) => c.dim(m)))
    .join("\n");
}

/** (Hints carry their own "Hint n/m:" label.) */
const SECTION_LABEL: Record<string, string> = { console: "render.console", cli: "render.cli", done: "render.done", note: "render.note" };

/** How the header names the mode: hands-on where the real console cannot see the account offers the forms and the AWS CLI only. */
function modeKey(event: Extract<LabEvent, { type: "lesson-started" }>): string {
  return event.mode === "hands-on" && event.realConsole === false ? "mode.hands-on.noConsole" : `mode.${event.mode}`;
}

/** The header's short parts ("prefix pl-root": a label and its value) each kept on one line when it fits, breaking between parts at their "·"; the mode, last, wraps as text. */
function headerParts(header: string, width: number): string {
  const parts = header.split(" · ");
  const mode = parts.pop() ?? "";
  return [...parts.map((part) => (displayWidth(part) <= width ? KEEP_OPEN + part + KEEP_CLOSE : part)), mode].join(" · ");
}

export function renderEvent(event: LabEvent, r: RenderTools): string | undefined {
  const { c, t } = r;
  switch (event.type) {
    case "lesson-started":
      return lines(c.bold(headerParts(t("render.lessonStarted", { backend: t(`backend.${event.backend}`), region: event.region, prefix: event.prefix, mode: t(modeKey(event)) }), r.width)), r);
    case "notice": {
      const mark = event.level === "warn" ? c.yellow("!") : event.level === "success" ? c.green("✔") : c.blue("i");
      return lines(event.message, r, `${mark} `, "  ");
    }
    case "step-started": {
      const badge = c.bold.inverse(` ${t("render.step", { n: event.index, total: event.total - 1 })} `) + " ";
      return "\n" + lines(c.bold(event.title), r, badge);
    }
    case "explain": {
      const label = SECTION_LABEL[event.section];
      const body = r.markdown(event.markdown);
      return label ? `${c.bold.underline(t(label))}\n${body}` : body;
    }
    case "diagram":
      // 78 columns; a narrower terminal sees it cut rather than folded into a mess.
      return colorDiagram(drawDiagram(event, t, r.phrases).split("\n").map((l) => truncate(l, r.width)).join("\n"), c);
    case "progress":
      return undefined; // the spinner shows it
    case "resource-created":
      return lines(c.green(`${event.kind} ${event.id}`), r, c.green("  + "), "    ");
    case "step-finished":
      return event.status === "done" ? c.green(`✔ ${t("render.stepDone")}`) : undefined;
    case "cost": {
      const now = event.perHourUsd === 0 ? "dataFixes.costNothing" : event.sandbox ? "dataFixes.costNowSandbox" : "dataFixes.costNow";
      const cost = t(event.of === "existing" ? now : event.sandbox ? "render.costSandbox" : "render.cost", { usd: event.perHourUsd.toFixed(3), region: event.region });
      const since = event.sinceUsd !== undefined ? t(event.sandbox ? "render.costSinceSandbox" : "render.costSince", { usd: event.sinceUsd.toFixed(2), time: duration(event.hours ?? 0, t) }) : "";
      // (No space after 。 between two Japanese sentences.)
      return lines(c.yellow(since ? cost + softBreakJoiner(cost.at(-1), since[0]) + since : cost), r, c.yellow("¤ "));
    }
    case "curl-result": {
      const page = event.stdout;
      const status = event.httpStatus !== undefined ? `HTTP ${event.httpStatus}` : `exit ${event.exitCode}`;
      const head = event.ok
        ? lines(c.green(`curl http://${event.dnsName}/ → ${status} · ${t("render.curlOk")}`), r, c.green("✔ "))
        : lines(c.red(`curl http://${event.dnsName}/ → ${status} · ${t(`render.curlBad.${event.reason ?? "exit"}`)}`), r, c.red("✖ "));
      const shown = event.ok || event.reason !== "exit" ? page : event.stderr || page;
      const body = (shown.trim() || t("render.curlEmpty")).split("\n").slice(0, 12).map((l) => lines(l, r, c.dim("  │ "))).join("\n");
      return `${head}\n${body}`;
    }
    case "quiz-answer": {
      const head = event.right ? lines(c.green.bold(t("quiz.right")), r, c.green.bold("✔ ")) : lines(c.red.bold(t("quiz.wrong", { answer: event.answer })), r, c.red.bold("✘ "));
      return `${head}\n${r.markdown(event.explanation)}`;
    }
    case "quiz-result":
      return lines(c.bold(event.score === undefined ? t("screens.quizShown", { total: event.total }) : t("render.quizResult", { score: event.score, total: event.total })), r);
    case "table":
      // Shell commands stay pasteable: continued as their shell continues a line, never folded as prose.
      if (event.commands) {
        const cont = CONTINUE[event.commands];
        return event.rows.map((row) => wrapCommand(row.join(" "), r.width, "  ", cont).join("\n")).join("\n");
      }
      return table(event.rows, r);
    case "status":
    case "resources":
    case "checks":
    case "facts":
    case "endpoints":
      return renderData(event, r.t, (rows) => table(rows, r), (e) => renderEvent(e, r) ?? "");
    case "error":
      return lines(c.red.bold(event.message), r, c.red.bold("✖ ")) + (event.hint ? "\n" + lines(c.yellow(event.hint), r, c.yellow("→ ")) : "");
    case "lesson-finished":
      return lines(c.bold.green(t(event.cleanedUp ? "render.finishedClean" : "render.finished")), r);
    case "diagnosis":
      return renderDiagnosis(event, r);
    case "served":
      return r.markdown(servedText(event, t));
    case "challenge": {
      // A failed check's title heads its hint, as a section heading (a "?" would read as a question asked): the failure
      // is said once, by the line the command ends with.
      if (event.status === "hint" || (event.status === "broken" && event.hint)) return `${c.bold.underline(event.title)}\n${r.markdown(event.message)}`;
      const mark = event.status === "fixed" ? c.green("✔") : event.status === "broken" ? c.red("✖") : c.cyan("⚑");
      return `${lines(c.bold(event.title), r, `${mark} `)}\n${r.markdown(event.message)}`;
    }
  }
}

/** The served sandbox's setup: the line to run, then the lines to paste (cmd.exe, which cannot run them from one line: only those). */
function servedText(event: Extract<LabEvent, { type: "served" }>, t: Translate): string {
  const fence = (text: string) => "```" + (SERVED_LANG[event.shell] ?? "sh") + "\n" + text + "\n```";
  // A rerun: whether the terminal set up last time still works is said in the same words, not again after them.
  const again = event.lastTime ? LAST_TIME_TEXT[event.lastTime] : "";
  const setup = event.shell === "cmd"
    ? [t(`sandbox-env.lesson.serving${again}Paste`, { url: event.url, region: event.region }), fence(event.lines.join("\n"))]
    : [t(`sandbox-env.lesson.serving${again}`, { url: event.url, region: event.region }), fence(event.load), t("sandbox-env.lesson.orPaste"), fence(event.lines.join("\n"))];
  return [...setup, t("sandbox-env.lesson.then")].join("\n\n");
}

/**
 * The setup's words on a rerun, or with `sandbox serve` running (`sandbox-env.lesson.serving<…>`): the same terminal
 * still works, or it must be set up again.
 */
const LAST_TIME_TEXT = { same: "Again", moved: "Moved", movedBack: "MovedBack", running: "Running", runningOtherRegion: "RunningOtherRegion" } as const;

/** The code block language of each `sandbox env` shell's lines (fish and zsh continue lines as bash does). */
const SERVED_LANG: Record<string, string> = { powershell: "powershell", cmd: "bat" };

const LINK_MARK: Record<DiagnosisLink["status"], string> = { pass: "✔", fail: "✖", warn: "!", skip: "·", wait: "…" };

function linkLine(l: DiagnosisLink, r: RenderTools): string {
  const { c } = r;
  const mark = LINK_MARK[l.status];
  const colored = l.status === "pass" ? c.green(mark) : l.status === "fail" ? c.red.bold(mark) : l.status === "warn" || l.status === "wait" ? c.yellow(mark) : c.dim(mark);
  const name = lines(l.status === "skip" ? c.dim(l.name) : l.name, r, `  ${colored} `, "    ");
  if (l.status === "skip" && l.what) return `${name}\n${lines(c.dim(l.what), r, "      ")}`;
  return (l.status === "warn" || l.status === "wait") && l.what ? `${name}\n${lines(c.yellow(l.what), r, "      ")}` : name;
}

/** A bold label and its text: after a Japanese full-width colon（：）no space, as Japanese is written. */
function labelled(label: string, text: string, r: RenderTools): string {
  return `${r.c.bold(label)}${label.endsWith("：") ? "" : " "}${text}`;
}

/** The chain, one line per link, then the first broken link: what, why, and the fix. */
function renderDiagnosis(event: Extract<LabEvent, { type: "diagnosis" }>, r: RenderTools): string {
  const { c, t } = r;
  const out = [lines(c.bold(event.title), r), ...event.links.map((l) => linkLine(l, r))];
  const f = event.first;
  // Nothing broken, something still starting: no fix, only how long to wait.
  if (!f && event.wait) return [...out, "", lines(c.yellow.bold(t("starting.render.title", { name: event.wait.link.name, seconds: event.wait.seconds })), r, c.yellow.bold("… "))].join("\n");
  if (!f) return [...out, lines(c.green.bold(t("diagnose.render.allPass")), r, c.green.bold("✔ "))].join("\n");
  out.push("", lines(c.red.bold(t("diagnose.render.firstBroken", { name: f.name })), r, c.red.bold("✖ ")));
  if (f.what) out.push(lines(labelled(t("diagnose.render.what"), f.what, r), r));
  if (f.why) out.push(lines(labelled(t("diagnose.render.why"), f.why, r), r));
  if (f.console) out.push(`${c.bold.underline(t("render.console"))}\n${lines(f.console, r, "  ")}`);
  // Wrapped like the lesson's commands: continued as the learner's shell continues a line, so it still pastes.
  const cli = f.cli && wrapCode(f.cli, fenceLang(f.shell ?? "bash"), r.width, { indent: "  ", c, phrases: r.phrases });
  if (cli) out.push(`${c.bold.underline(t("render.cli"))}\n${cli}`);
  return out.join("\n");
}
