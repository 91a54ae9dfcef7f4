/**
 * The live page's HTML, from the room's data (what `workshop status --json` prints) and a
 * language. Pure: data in, text out. Every string a participant or the cloud chose (prefixes,
 * stack names, reasons, challenge ids) passes `esc`; the words come from lessons/i18n.
 */
import { loadStep } from "../../content/lesson-content.js";
import type { Lang } from "../../i18n/lang.js";
import { LANGS } from "../../i18n/lang.js";
import { translator, type Translate } from "../../i18n/messages.js";
import { STEPS } from "../../lesson/steps/index.js";
import type { RoomData, RoomParticipantData } from "../room-data.js";
import { signalText } from "../status-format.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** What the page shows: the last room read that changed something, and the last read's failure. */
export interface RoomView {
  data?: RoomData;
  error?: string;
}

const titles = new Map<string, string>();
function stepTitle(step: string, lang: Lang): string {
  const key = `${lang}:${step}`;
  let title = titles.get(key);
  if (title === undefined) {
    title = STEPS.some((s) => s.id === step) ? loadStep("privatelink", step, lang).title : step;
    titles.set(key, title);
  }
  return title;
}

function durationText(minutes: number, t: Translate): string {
  const m = Math.floor(minutes);
  return m >= 60 ? t("roomPage.hours", { h: Math.floor(m / 60), m: m % 60 }) : t("roomPage.minutes", { m });
}

function timeText(p: RoomParticipantData, t: Translate): string {
  if (p.onStepMinutes === undefined) return t("roomPage.noTime");
  const d = durationText(p.onStepMinutes, t);
  return p.observed ? d : t("roomPage.approx", { time: d });
}

/** The signal's words, with CloudFormation's reason whole: a reason cut short says nothing. */
function signalItems(p: RoomParticipantData, t: Translate): string {
  if (p.signals.length === 0) return "";
  const items = p.signals.map((s) => {
    const reason = s.kind === "stack-failed" && s.reason ? `<span class="reason">${esc(s.reason)}</span>` : "";
    return `<li>${esc(signalText(s, t))}${reason}</li>`;
  });
  return `<ul class="signals">${items.join("")}</ul>`;
}

const CHALLENGE_MARK: Record<string, string> = { broken: "✖", fixed: "✔", "given-up": "○" };

function card(p: RoomParticipantData, t: Translate, lang: Lang): string {
  const total = STEPS.length - 1;
  const kind = p.signals.length > 0 ? "flagged" : p.finished ? "finished" : "working";
  const step = p.finished
    ? `<span class="num">✔</span> ${esc(t("workshop.status.finished"))}`
    : `<span class="num">${esc(t("roomPage.stepOf", { n: p.stepIndex, total }))}</span> ${esc(stepTitle(p.step, lang))}`;
  const done = p.finished ? total : Math.max(0, p.stepIndex - 1);
  const bar = Array.from({ length: total }, (_, i) => `<i class="${i < done ? "done" : i === done && !p.finished ? "now" : ""}"></i>`).join("");
  const challenge = p.challenge
    ? `<span class="challenge ${esc(p.challenge.state)}">${esc(p.challenge.id)} ${CHALLENGE_MARK[p.challenge.state] ?? ""} ${esc(t(`workshop.challenge.state.${p.challenge.state}`))}</span>`
    : "";
  return [
    `<article class="card ${kind}" data-prefix="${esc(p.prefix)}" data-step="${esc(p.step)}">`,
    `<header><h2>${kind === "flagged" ? "! " : ""}${esc(p.prefix)}</h2><span class="time">${esc(timeText(p, t))}</span></header>`,
    `<div class="bar" aria-hidden="true">${bar}</div>`,
    `<p class="step">${step}</p>`,
    signalItems(p, t),
    `<p class="meta"><span class="cost">${esc(t("roomPage.perHour", { usd: p.perHourUsd.toFixed(3) }))} · ${esc(t("roomPage.soFar", { usd: p.costSoFarUsd.toFixed(2) }))}</span>${challenge}</p>`,
    `</article>`,
  ].join("");
}

/** Learners with a signal first, then the furthest behind, then by prefix (as the terminal table). */
function order(ps: RoomParticipantData[]): RoomParticipantData[] {
  return [...ps].sort(
    (a, b) =>
      Number(b.signals.length > 0) - Number(a.signals.length > 0) ||
      Number(a.finished) - Number(b.finished) ||
      a.stepIndex - b.stepIndex ||
      a.prefix.localeCompare(b.prefix),
  );
}

/** The part of the page that changes: heading, totals, the grid. Sent whole on each change. */
export function roomFragment(view: RoomView, lang: Lang): string {
  const t = translator(lang);
  const d = view.data;
  const problem = view.error ? `<p class="problem">${esc(t("roomPage.readFailed", { message: view.error }))}</p>` : "";
  if (!d) return `<h1>${esc(t("roomPage.title"))}</h1>${problem}`;
  const summary = t("workshop.status.summary", {
    n: d.totals.participants,
    finished: d.totals.finished,
    flagged: d.totals.flagged,
    perHour: d.totals.perHourUsd.toFixed(2),
    soFar: d.totals.costSoFarUsd.toFixed(2),
    region: d.region,
  });
  const grid =
    d.participants.length === 0
      ? `<p class="empty">${esc(t("workshop.status.empty", { region: d.region }))}</p>`
      : `<section class="grid">${order(d.participants)
          .map((p) => card(p, t, lang))
          .join("")}</section>`;
  return [
    `<div class="head"><h1>${esc(t("roomPage.heading", { region: d.region }))}</h1>`,
    `<p class="summary">${esc(summary)}</p>`,
    `<p class="changed">${esc(t("roomPage.changedAt", { time: d.at.slice(11, 19) }))}</p></div>`,
    problem,
    grid,
  ].join("");
}

const langLinks = (base: string, lang: Lang): string =>
  LANGS.map((l) => `<a href="${esc(`${base}?lang=${l}`)}" lang="${l}"${l === lang ? ' aria-current="page"' : ""}>${esc(translator(l)("roomPage.langName"))}</a>`).join("");

/** The whole page: the fragment as it is now, and the script that keeps it current. */
export function roomPageHtml(view: RoomView, lang: Lang, base: string): string {
  const t = translator(lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t("roomPage.title"))} · privatelink-lab</title>
<link rel="stylesheet" href="${esc(base)}/page.css">
<script src="${esc(base)}/page.js" defer></script>
</head>
<body data-events="${esc(`${base}/events?lang=${lang}`)}">
<nav class="top"><span class="live" id="live">● ${esc(t("roomPage.live"))}</span><span class="langs">${langLinks(base, lang)}</span></nav>
<p class="offline" id="offline" role="status" hidden>${esc(t("roomPage.reconnecting"))}</p>
<main id="room">${roomFragment(view, lang)}</main>
<footer>${esc(t("workshop.status.legend"))}</footer>
</body>
</html>
`;
}

/** 401/403: a short page in both languages (who reached it may not have chosen one). */
export function deniedHtml(reason: "missing" | "wrong", base: string): string {
  const parts = LANGS.map((l) => `<p lang="${l}">${esc(translator(l)(`roomPage.denied.${reason}`))}</p>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>privatelink-lab</title><link rel="stylesheet" href="${esc(base)}/page.css"></head>
<body class="denied">
<main>
${parts}
</main>
</body>
</html>
`;
}
