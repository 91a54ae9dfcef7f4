/** The two VPCs as the lesson builds them: each part's state as data (`diagramModel`), drawn in 78 columns. */
import type { Translate } from "../i18n/messages.js";
import type { Phrases } from "./line-breaks.js";
import { displayWidth, padEnd, truncate } from "./text-width.js";
import { wrap } from "./wrap.js";
import type { EventLine } from "./event-schema.js";

/** The `diagram` event's data (src/ui/event-schema.ts says what each field means). */
type DiagramModel = Pick<EventLine<"diagram">, "parts" | "linked" | "cleanedUp">;
type DiagramPart = DiagramModel["parts"][number];
type PartState = DiagramPart["state"];

const PARTS: Omit<DiagramPart, "state">[] = [
  { id: "consumer-instance", side: "consumer", step: "deploy" },
  { id: "curl", side: "consumer", step: "curl" },
  { id: "endpoint-sg-rule", side: "consumer", step: "allow-http" },
  { id: "interface-endpoint", side: "consumer", step: "interface-endpoint" },
  { id: "ssm-endpoints", side: "consumer", step: "deploy" },
  { id: "endpoint-service", side: "provider", step: "endpoint-service" },
  { id: "nlb", side: "provider", step: "deploy" },
  { id: "s3-gateway", side: "provider", step: "deploy" },
];

/** Each part's state from the steps' detections; after the cleanup, every part is deleted. */
export function diagramModel(statuses: StepStatus[], current: string): DiagramModel {
  const done = (id: string) => Boolean(statuses.find((s) => s.step.id === id)?.detection.done);
  const cleanedUp = current === "cleanup" && done("cleanup");
  const state = (step: string): PartState => (cleanedUp ? "deleted" : step === current ? "now" : done(step) ? "built" : "not-yet");
  return { parts: PARTS.map((p) => ({ ...p, state: state(p.step) })), linked: !cleanedUp && done("accept"), cleanedUp };
}

/** What the diagram needs of each step's status (the lesson's `StepStatus` is one). */
interface StepStatus {
  step: { id: string };
  detection: { done: boolean };
}

/** Columns inside a box; two boxes and the link between them take 2 × (W + 4) + 12 = 78. */
const W = 29;
const GAP = 12;

const MARKS: Record<PartState, string> = { built: "✔", now: "▶", "not-yet": "·", deleted: "✕" };

/** `┌─ Title ───┐`, as wide as a row of the box. */
function top(title: string): string {
  const text = truncate(title, W - 1);
  return `┌─ ${text} ${"─".repeat(Math.max(0, W - displayWidth(text) - 1))}┐`;
}

const MARK = /^\s*(?:[│▼]\s)?[✔▶·✕]\s/;

/** A label's lines inside a box: wrapped, continuation lines under the text after the mark. */
function cell(label: string, phrases?: Phrases): string[] {
  const indent = " ".repeat(displayWidth(MARK.exec(label)?.[0] ?? ""));
  return wrap(label, W, { rest: indent, phrases }).split("\n");
}

export function drawDiagram(model: DiagramModel, t: Translate, phrases?: Phrases): string {
  const m = (id: string) => MARKS[model.parts.find((p) => p.id === id)?.state ?? "not-yet"];
  const rows: Array<[string, string, string?]> = [
    [`${m("consumer-instance")} EC2 (${t("diagram.consumerEc2")})`, `${m("endpoint-service")} ${t("diagram.service")}`],
    [`  │ ${m("curl")} curl http://vpce-…`, `  │`],
    [`  ▼ ${m("endpoint-sg-rule")} ${t("diagram.sgRule")}`, `  ▼`],
    [`${m("interface-endpoint")} ${t("diagram.endpoint")}`, `${m("nlb")} NLB :80 ──▶ EC2 (Apache)`, model.linked ? "═PrivateLink" : "╌PrivateLink"],
    [`${m("ssm-endpoints")} ssm / ssmmessages (ENI)`, `${m("s3-gateway")} S3 ${t("diagram.gateway")}`],
  ];
  const out = [`${top(t("diagram.consumer"))}${" ".repeat(GAP)}${top(t("diagram.provider"))}`];
  for (const [left, right, link] of rows) {
    const l = cell(left, phrases);
    const r = cell(right, phrases);
    for (let i = 0; i < Math.max(l.length, r.length); i++) {
      const mid = i === 0 && link ? padEnd(link, GAP) : " ".repeat(GAP);
      out.push(`│ ${padEnd(l[i] ?? "", W)} │${mid}│ ${padEnd(r[i] ?? "", W)} │`);
    }
  }
  out.push(`└${"─".repeat(W + 2)}┘${" ".repeat(GAP)}└${"─".repeat(W + 2)}┘`);
  out.push(model.cleanedUp ? `  ✕ ${t("screens.diagram.deleted")}` : `  ✔ ${t("diagram.built")}   ▶ ${t("diagram.now")}   · ${t("diagram.notYet")}`);
  return out.join("\n");
}
