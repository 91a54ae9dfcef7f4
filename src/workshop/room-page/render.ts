/**
 * The live page's HTML, from the room's data (what `workshop status --json` prints) and a language. Pure. Every string
 * a participant or the cloud chose (prefixes, stack names, reasons, challenge ids) passes `esc`.
 */
import { stepTitle as lessonStepTitle } from "../../content/step-title.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { translator, type Translate, type Vars } from "../../i18n/messages.js";
import { STEPS } from "../../lesson/steps/index.js";
import type { RoomData, RoomParticipantData } from "../room-data.js";
import { CHALLENGE_MARK, seatText, signalText, statusSummary, tableOrder } from "../status-format.js";
import { breakOpportunities, type Phrases } from "../../ui/line-breaks.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A command in our words (`workshop serve`), as the terminal marks it: on the page, code. */
const codeSpans = (html: string): string => html.replace(/`([^`]+)`/g, (_, code: string) => `<code>${code.replace(/<wbr>/g, "")}</code>`);

/** Our words, escaped; in Japanese a <wbr> between BudouX phrases: the page's CSS (keep-all) breaks nowhere else. */
function words(text: string, phrases: Phrases | undefined): string {
  if (!phrases) return codeSpans(esc(text));
  let out = "";
  let from = 0;
  // After a space a line may break anyway.
  for (const i of [...breakOpportunities(text, phrases)].filter((i) => text[i - 1] !== " ").sort((a, b) => a - b)) {
    out += `${esc(text.slice(from, i))}<wbr>`;
    from = i;
  }
  return codeSpans(out + esc(text.slice(from)));
}

/** The language the page is in: its translator, and its phrase breaker (Japanese). */
export interface PageLang {
  lang: Lang;
  phrases?: Phrases | undefined;
}

/** The page's language at work: `say` a message, or `words` our text, as HTML. */
function sayer(p: PageLang) {
  const t = translator(p.lang);
  const html = (text: string): string => words(text, p.phrases);
  return { t, lang: p.lang, say: (key: string, vars?: Vars) => html(t(key, vars)), words: html };
}

type Say = ReturnType<typeof sayer>;

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
    title = lessonStepTitle("privatelink", step, lang);
    titles.set(key, title);
  }
  return title;
}

function timeText(p: RoomParticipantData, t: Translate): string {
  if (p.onStepMinutes === undefined) return t("roomPage.noTime");
  const m = Math.floor(p.onStepMinutes);
  const span = (n: number) => (n >= 60 ? t("roomPage.hours", { h: Math.floor(n / 60), m: n % 60 }) : t("roomPage.minutes", { m: n }));
  // An estimate says "about 1 min", not "about under 1 min"; seen by this page, "under 1 min".
  if (!p.observed) return t("roomPage.approx", { time: span(Math.max(1, m)) });
  return m < 1 ? t("roomPage.underMinute") : span(m);
}

/** The signal's words, with CloudFormation's reason whole: a reason cut short says nothing. */
function signalItems(p: RoomParticipantData, w: Say): string {
  if (p.signals.length === 0) return "";
  const items = p.signals.map((s) => {
    const reason = s.kind === "stack-failed" && s.reason ? `<span class="reason">${esc(s.reason)}</span>` : "";
    return `<li>${w.words(signalText(s, w.t))}${reason}</li>`;
  });
  return `<ul class="signals">${items.join("")}</ul>`;
}

function card(p: RoomParticipantData, w: Say, billed: boolean): string {
  const total = STEPS.length - 1;
  // A lab deleted before its end is over, not at work: its own style.
  const kind = p.signals.length > 0 ? "flagged" : p.finished ? "finished" : p.phase === "on-step" ? "working" : p.phase === "cleaned-up" ? "ended" : "idle";
  const seat = seatText(p, w.t);
  // A seat not started is on no step; a deleted lab shows no progress it cannot prove (a step it was seen on, it can).
  const index = p.phase === "cleaned-up" && p.step === "cleanup" ? 1 : (p.stepIndex ?? 0);
  const step = seat
    ? `<span class="num">${seat[0]}</span> ${w.words(seat[1])}`
    : `<span class="num">${w.say("roomPage.stepOf", { n: index, total })}</span> ${w.words(stepTitle(p.step ?? "deploy", w.lang))}`;
  const done = p.finished ? total : Math.max(0, index - 1);
  const bar = Array.from({ length: total }, (_, i) => `<i class="${i < done ? "done" : i === done && p.phase === "on-step" ? "now" : ""}"></i>`).join("");
  const challenge = p.challenge
    ? `<span class="challenge ${esc(p.challenge.state)}">${esc(p.challenge.id)} ${CHALLENGE_MARK[p.challenge.state] ?? ""} ${w.say(`workshop.challenge.state.${p.challenge.state}`)}</span>`
    : "";
  // Its join line used from more than one computer: someone else may be on this seat.
  const shared = (p.computers ?? 0) > 1 ? `<span class="computers">${w.say("workshop.status.computers", { n: p.computers! })}</span>` : "";
  return [
    `<article class="card ${kind}" data-prefix="${esc(p.prefix)}" data-step="${esc(p.step ?? "")}">`,
    `<header><h2>${kind === "flagged" ? "! " : ""}${esc(p.prefix)}</h2><span class="time">${w.words(timeText(p, w.t))}</span></header>`,
    `<div class="bar" aria-hidden="true">${bar}</div>`,
    `<p class="step">${step}</p>`,
    signalItems(p, w),
    `<p class="meta">${billed ? `<span class="cost">${w.say("roomPage.perHour", { usd: p.perHourUsd.toFixed(3) })} · ${w.say("roomPage.soFar", { usd: p.costSoFarUsd.toFixed(2) })}</span>` : ""}${challenge}${shared}</p>`,
    `</article>`,
  ].join("");
}

/** The part of the page that changes: heading, totals, the grid. Sent whole on each change. */
export function roomFragment(view: RoomView, pl: PageLang): string {
  const w = sayer(pl);
  const d = view.data;
  const problem = view.error ? `<p class="problem">${w.words(w.t("roomPage.readFailed", { message: view.error }))}</p>` : "";
  if (!d) return `<h1>${w.say("roomPage.title")}</h1>${problem}`;
  const summary = w.words(statusSummary(d, w.t));
  const grid =
    d.participants.length === 0
      ? `<p class="empty">${w.say("workshop.status.empty", { region: d.region })}</p>`
      : `<section class="grid${d.participants.length > 20 ? " crowd" : d.participants.length > 9 ? " many" : ""}">${tableOrder(d.participants)
          .map((p) => card(p, w, d.backend === "aws"))
          .join("")}</section>`;
  return [
    `<div class="head"><h1>${w.say("roomPage.heading", { region: d.region })}</h1>`,
    `<p class="summary">${summary}</p>`,
    `<p class="changed">${w.say("roomPage.changedAt", { time: d.at.slice(11, 19) })}</p></div>`,
    problem,
    grid,
  ].join("");
}

const langLinks = (base: string, lang: Lang): string =>
  LANGS.map((l) => `<a href="${esc(`${base}?lang=${l}`)}" lang="${l}"${l === lang ? ' aria-current="page"' : ""}>${esc(translator(l)("roomPage.langName"))}</a>`).join("");

/** The whole page: the fragment as it is now, and the script that keeps it current. */
export function roomPageHtml(view: RoomView, pl: PageLang, base: string): string {
  const w = sayer(pl);
  return `<!doctype html>
<html lang="${pl.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.t("roomPage.title"))} · privatelink-lab</title>
<link rel="stylesheet" href="${esc(base)}/page.css">
<script src="${esc(base)}/page.js" defer></script>
</head>
<body data-events="${esc(`${base}/events?lang=${pl.lang}`)}">
<nav class="top"><span class="live" id="live">● ${w.say("roomPage.live")}</span><span class="lost" id="lost">○ ${w.say("roomPage.lost")}</span><span class="langs">${langLinks(base, pl.lang)}</span></nav>
<p class="offline" id="offline" role="status" hidden>${w.say("roomPage.reconnecting")}</p>
<main id="room">${roomFragment(view, pl)}</main>
<footer>${w.say("workshop.status.legend")}</footer>
</body>
</html>
`;
}

/** 401/403: a short page in both languages (who reached it may not have chosen one). */
export function deniedHtml(reason: "missing" | "wrong", base: string, ja?: Phrases): string {
  const parts = LANGS.map((l) => `<p lang="${l}">${sayer({ lang: l, phrases: l === "ja" ? ja : undefined }).say(`roomPage.denied.${reason}`)}</p>`).join("\n");
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
