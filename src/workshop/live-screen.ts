/** The `top`-like screen of `workshop status` on a terminal, redrawn whole on each refresh. Pure: a status in, the frame's text out. */
import type { ChalkInstance } from "chalk";
import type { Lang } from "../i18n/lang.js";
import type { Translate } from "../i18n/messages.js";
import { displayWidth, padEnd, truncate } from "../ui/text-width.js";
import type { RoomStatus } from "./room-status.js";
import { REASON_COLUMNS, statusRows, statusSummary, tableOrder } from "./status-format.js";
import type { Phrases } from "../ui/line-breaks.js";
import { wrap } from "../ui/wrap.js";

/** Cursor home and clear screen. */
export const CLEAR = "\x1b[H\x1b[2J";

export interface FrameOptions {
  t: Translate;
  lang: Lang;
  c: ChalkInstance;
  columns: number;
  rows: number;
  intervalSeconds: number;
  /** Japanese phrase breaks (BudouX), for the wrapped reasons. */
  phrases?: Phrases | undefined;
  /** The zone the time is shown in (default: this computer's). */
  timeZone?: string;
}

/** The time on this computer's clock, with its zone ("21:05:09 JST", "14:05:09 GMT+2"). */
function localClock(at: number, lang: Lang, timeZone?: string): string {
  const f = new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short", ...(timeZone ? { timeZone } : {}) });
  return f.format(at);
}

export function liveFrame(status: RoomStatus, o: FrameOptions): string {
  const { t, c } = o;
  const table = statusRows(status, t, o.lang, o.columns);
  const widths: number[] = [];
  for (const row of table) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  // The last column (why a learner is flagged) wraps under itself: a reason cut short says nothing.
  // Too narrow for every column and the reason: the columns that do not fit go whole on a line of
  // their own under the row (as the other language's table does), the reason after them or under them.
  const headColumns = widths.length - 1;
  const spanOf = (n: number) => widths.slice(0, n).reduce((sum, w) => sum + w + 2, 0);
  let fit = headColumns;
  while (fit > 1 && spanOf(fit) - 2 > o.columns) fit--;
  const line = (row: string[]) => {
    const cells = row.slice(0, -1).map((cell, i) => padEnd(cell, widths[i] ?? 0) + "  ");
    const head = cells.join("");
    const last = row[row.length - 1] ?? "";
    if (spanOf(headColumns) + REASON_COLUMNS <= o.columns) return wrap(last, o.columns, { first: head, rest: " ".repeat(displayWidth(head)), phrases: o.phrases });
    const more = "    " + cells.slice(fit).join("");
    const under = fit < cells.length && !cells.slice(fit).every((c) => c.trim() === "-") ? more : "";
    const reason = (first: string) => (last ? [wrap(last, o.columns, { first, rest: " ".repeat(displayWidth(first)), phrases: o.phrases })] : under ? [truncate(under.trimEnd(), o.columns)] : []);
    const rest = displayWidth(under) + REASON_COLUMNS <= o.columns ? reason(under || "    ") : [truncate(under.trimEnd(), o.columns), ...(last ? reason("    ") : [])];
    return [truncate(cells.slice(0, fit).join("").trimEnd(), o.columns), ...rest].join("\n");
  };
  const ordered = tableOrder(status.participants);
  const head = t("roomFixes.liveTitle", { time: localClock(status.at, o.lang, o.timeZone), region: status.region });
  const keys = t("roomFixes.liveKeys", { seconds: o.intervalSeconds });
  const body = table.slice(1).map((row, i) => {
    const p = ordered[i]!;
    const text = line(row);
    return p.signals.length > 0 ? c.yellow(text) : p.finished ? c.green(text) : text;
  });
  const empty = status.participants.length === 0 ? [t("workshop.status.empty", { region: status.region })] : [];
  const top = [c.bold(truncate(head, o.columns)), c.dim(wrap(keys, o.columns, { phrases: o.phrases })), c.bold(line(table[0]!))];
  const bottom = [...empty, "", wrap(statusSummary(status, t), o.columns, { phrases: o.phrases }), c.dim(wrap(t("workshop.status.legend"), o.columns, { phrases: o.phrases }))];
  // The learners get the lines the title, header, summary and legend leave (a row with its reason wrapped is several),
  // less the last one, where the cursor waits after the frame (a frame as tall as the screen scrolls its title off).
  const more = (n: number) => c.dim(wrap(t("workshop.status.more", { n }), o.columns, { phrases: o.phrases }));
  return [...top, ...fitLines(body, Math.max(3, o.rows - 1 - height(top) - height(bottom)), more), ...bottom].join("\n");
}

/** How many lines the texts take on screen. */
function height(texts: string[]): number {
  return texts.join("\n").split("\n").length;
}

/** The rows whole, in order, that fit `lines` lines; if not all do, as many as fit with `more` (how many were left out) under them. */
function fitLines(rows: string[], lines: number, more: (n: number) => string): string[] {
  if (height(rows) <= lines) return rows;
  const shown: string[] = [];
  const left = (n: number) => lines - height([...shown, more(rows.length - n)]);
  for (const row of rows) {
    if (left(shown.length) < height([row])) break;
    shown.push(row);
  }
  return [...shown, more(rows.length - shown.length)];
}

/** The room did not answer the last refresh (or, `keyRefused`, refused its key): its address, and the region and time the title shows. */
export interface Silence {
  endpoint: string;
  region: string;
  at: number;
  keyRefused?: boolean;
}

/** The frame while the room does not answer (or refuses the key): a line that says so, over the last status seen, if any. */
export function silentFrame(last: RoomStatus | undefined, silence: Silence, o: FrameOptions): string {
  const { t, c } = o;
  const vars = { endpoint: silence.endpoint, seconds: o.intervalSeconds, time: last ? localClock(last.at, o.lang, o.timeZone) : "" };
  const key = `roomOffline.${silence.keyRefused ? "liveKey" : "live"}${last ? "" : "NoFigures"}`;
  const warning = wrap(t(key, vars), o.columns, { phrases: o.phrases });
  const below = last
    ? liveFrame(last, { ...o, rows: o.rows - warning.split("\n").length })
    : [c.bold(truncate(t("roomFixes.liveTitle", { time: localClock(silence.at, o.lang, o.timeZone), region: silence.region }), o.columns)), c.dim(wrap(t("roomFixes.liveKeys", { seconds: o.intervalSeconds }), o.columns, { phrases: o.phrases }))].join("\n");
  return [c.red.bold(warning), below].join("\n");
}
