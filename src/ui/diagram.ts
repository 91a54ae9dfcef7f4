/**
 * The two VPCs in the terminal, built up as the lesson goes: each part is marked built (✔), being
 * built now (▶) or not yet (·). Two boxes side by side in at most 78 columns, whatever the
 * language: a label too long for its box wraps inside it. Pure text; the renderer adds colour.
 */
import type { Translate } from "../i18n/messages.js";
import { displayWidth, padEnd, truncate } from "./text-width.js";
import { wrap } from "./wrap.js";

type Mark = "✔" | "▶" | "·";

/** What the diagram needs of each step's status (the lesson's `StepStatus` is one). */
interface StepStatus {
  step: { id: string };
  detection: { done: boolean };
}

/** Columns inside a box; two boxes and the link between them take 2 × (W + 4) + 12 = 78. */
const W = 29;
const GAP = 12;

function markFor(statuses: StepStatus[], current: string, stepId: string): Mark {
  if (stepId === current) return "▶";
  return statuses.find((s) => s.step.id === stepId)?.detection.done ? "✔" : "·";
}

/** `┌─ Title ───┐`, as wide as a row of the box. */
function top(title: string): string {
  const text = truncate(title, W - 1);
  return `┌─ ${text} ${"─".repeat(Math.max(0, W - displayWidth(text) - 1))}┐`;
}

const MARK = /^\s*(?:[│▼]\s)?[✔▶·]\s/;

/** A label's lines inside a box: wrapped, continuation lines under the text after the mark. */
function cell(label: string): string[] {
  const indent = " ".repeat(displayWidth(MARK.exec(label)?.[0] ?? ""));
  return wrap(label, W, { rest: indent }).split("\n");
}

export function renderDiagram(statuses: StepStatus[], current: string, t: Translate): string {
  const m = (id: string) => markFor(statuses, current, id);
  const linked = Boolean(statuses.find((s) => s.step.id === "accept")?.detection.done);
  const rows: Array<[string, string, string?]> = [
    [`${m("deploy")} EC2 (${t("diagram.consumerEc2")})`, `${m("endpoint-service")} ${t("diagram.service")}`],
    [`  │ ${m("curl")} curl http://vpce-…`, `  │`],
    [`  ▼ ${m("allow-http")} SG: TCP 80`, `  ▼`],
    [`${m("interface-endpoint")} ${t("diagram.endpoint")} (ENI)`, `${m("deploy")} NLB :80 ──▶ EC2 (Apache)`, linked ? "═PrivateLink" : "╌PrivateLink"],
    [`${m("deploy")} ssm / ssmmessages (ENI)`, `${m("deploy")} S3 ${t("diagram.gateway")}`],
  ];
  const out = [`${top(t("diagram.consumer"))}${" ".repeat(GAP)}${top(t("diagram.provider"))}`];
  for (const [left, right, link] of rows) {
    const l = cell(left);
    const r = cell(right);
    for (let i = 0; i < Math.max(l.length, r.length); i++) {
      const mid = i === 0 && link ? padEnd(link, GAP) : " ".repeat(GAP);
      out.push(`│ ${padEnd(l[i] ?? "", W)} │${mid}│ ${padEnd(r[i] ?? "", W)} │`);
    }
  }
  out.push(`└${"─".repeat(W + 2)}┘${" ".repeat(GAP)}└${"─".repeat(W + 2)}┘`);
  out.push(`  ✔ ${t("diagram.built")}   ▶ ${t("diagram.now")}   · ${t("diagram.notYet")}`);
  return out.join("\n");
}
