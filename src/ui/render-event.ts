/** How each lesson event looks on a terminal. Pure: event in, text out. */
import { splitStatus } from "../lesson/curl-proof.js";
import type { ChalkInstance } from "chalk";
import type { Translate } from "../i18n/messages.js";
import type { LabEvent } from "./io-host.js";

export interface RenderTools {
  c: ChalkInstance;
  t: Translate;
  width: number;
  markdown: (md: string) => string;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) => "  " + row.map((cell, i) => (i < row.length - 1 ? cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell)) : cell)).join("  ")).join("\n");
}

/** Columns a string takes on a terminal (CJK characters take two). */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

function colorDiagram(text: string, c: ChalkInstance): string {
  return text
    .split("\n")
    .map((line) => line.replace(/▶[^│]*/g, (m) => c.cyan.bold(m)).replace(/✔[^│]*/g, (m) => c.green(m)).replace(/·[^│]*/g, (m) => c.dim(m)))
    .join("\n");
}

const SECTION_LABEL: Record<string, string> = {
  console: "render.console",
  cli: "render.cli",
  done: "render.done",
  note: "render.note",
  // hints carry their own "Hint n/m:" label
};

export function renderEvent(event: LabEvent, r: RenderTools): string | undefined {
  const { c, t } = r;
  switch (event.type) {
    case "lesson-started":
      return c.bold(t("render.lessonStarted", { backend: t(`backend.${event.backend}`), region: event.region, prefix: event.prefix, mode: t(`mode.${event.mode}`) }));
    case "notice": {
      const mark = event.level === "warn" ? c.yellow("!") : event.level === "success" ? c.green("✔") : c.blue("i");
      return `${mark} ${event.message}`;
    }
    case "step-started":
      return "\n" + c.bold.inverse(` ${t("render.step", { n: event.index, total: event.total - 1 })} `) + " " + c.bold(event.title);
    case "explain": {
      const label = SECTION_LABEL[event.section];
      const body = r.markdown(event.markdown);
      return label ? `${c.bold.underline(t(label))}\n${body}` : body;
    }
    case "diagram":
      return colorDiagram(event.text, c);
    case "progress":
      return undefined; // the spinner shows it
    case "resource-created":
      return c.green(`  + ${event.kind} ${event.id}`);
    case "step-finished":
      return event.status === "done" ? c.green(`✔ ${t("render.stepDone")}`) : undefined;
    case "cost": {
      const since = event.sinceUsd !== undefined ? " " + t("render.costSince", { usd: event.sinceUsd.toFixed(2), hours: (event.hours ?? 0).toFixed(1) }) : "";
      return c.yellow(`$ ${t(event.sandbox ? "render.costSandbox" : "render.cost", { usd: event.perHourUsd.toFixed(3), region: event.region })}${since}`);
    }
    case "curl-result": {
      const { body: page } = splitStatus(event.stdout);
      const status = event.httpStatus !== undefined ? `HTTP ${event.httpStatus}` : `exit ${event.exitCode}`;
      const head = event.ok
        ? c.green(`✔ curl http://${event.dnsName}/ → ${status} · ${t("render.curlOk")}`)
        : c.red(`✖ curl http://${event.dnsName}/ → ${status} · ${t(`render.curlBad.${event.reason ?? "exit"}`)}`);
      const shown = event.ok || event.reason !== "exit" ? page : event.stderr || page;
      const body = (shown.trim() || t("render.curlEmpty")).split("\n").slice(0, 12).map((l) => c.dim("  │ ") + l).join("\n");
      return `${head}\n${body}`;
    }
    case "quiz-result":
      return c.bold(t("render.quizResult", { score: event.score, total: event.total }));
    case "table":
      return table(event.rows);
    case "error":
      return `${c.red.bold("✖ " + event.message)}${event.hint ? "\n" + c.yellow("→ " + event.hint) : ""}`;
    case "lesson-finished":
      return c.bold.green(t(event.cleanedUp ? "render.finishedClean" : "render.finished"));
  }
}
