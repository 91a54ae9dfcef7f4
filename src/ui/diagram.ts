/**
 * The two VPCs in the terminal, built up as the lesson goes: each part is marked built (✔), being
 * built now (▶) or not yet (·). Pure text; the renderer adds colour.
 */
import type { Translate } from "../i18n/messages.js";
import type { StepStatus } from "../lesson/progress.js";
import { displayWidth } from "./text-width.js";

type Mark = "✔" | "▶" | "·";

function markFor(statuses: StepStatus[], current: string, stepId: string): Mark {
  if (stepId === current) return "▶";
  return statuses.find((s) => s.step.id === stepId)?.detection.done ? "✔" : "·";
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** `┌─ Title ───┐`, as wide as a row of the box. */
function top(title: string, width: number): string {
  return `┌─ ${title} ${"─".repeat(Math.max(0, width - displayWidth(title) - 1))}┐`;
}

export function renderDiagram(statuses: StepStatus[], current: string, t: Translate): string {
  const m = (id: string) => markFor(statuses, current, id);
  const W = 34;
  const box = (l: string, r: string, mid = "            ") => `│ ${pad(l, W)} │${mid}│ ${pad(r, W)} │`;
  const linked = m("accept") === "✔";
  return [
    `${top(t("diagram.consumer"), W)}            ${top(t("diagram.provider"), W)}`,
    box(`${m("deploy")} EC2 (${t("diagram.consumerEc2")})`, `${m("endpoint-service")} ${t("diagram.service")}`),
    box(`   │ ${m("curl")} curl http://vpce-…`, `   │`),
    box(`   ▼ ${m("allow-http")} SG: TCP 80`, `   ▼`),
    box(`${m("interface-endpoint")} ${t("diagram.endpoint")} (ENI)`, `${m("deploy")} NLB :80 ──▶ EC2 (Apache)`, linked ? "═PrivateLink" : "╌PrivateLink"),
    box(`${m("deploy")} ssm / ssmmessages (ENI)`, `${m("deploy")} S3 ${t("diagram.gateway")}`),
    `└${"─".repeat(W + 2)}┘            └${"─".repeat(W + 2)}┘`,
    `  ✔ ${t("diagram.built")}   ▶ ${t("diagram.now")}   · ${t("diagram.notYet")}`,
  ].join("\n");
}
