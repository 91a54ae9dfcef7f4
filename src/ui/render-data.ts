/**
 * How the data events (`status`, `resources`, `checks`, `facts`, `endpoints`) look on a terminal:
 * the rows a person reads. With `--json` the same events go out as data, so scripts never parse rows.
 */
import type { Translate } from "../i18n/messages.js";
import type { Facts, LabEvent, ResourceRef } from "./io-host.js";

type DataEvent = Extract<LabEvent, { type: "status" | "resources" | "checks" | "facts" | "endpoints" }>;
type RowsEvent = Exclude<DataEvent, { type: "status" }>;

const MARK = { ok: "✔", warn: "!", fail: "✖" } as const;

/** A resource's kind in the learner's language (エンドポイント, スタック…); `--json` keeps the kind's id. */
export function kindName(kind: ResourceRef["kind"], t: Translate): string {
  return t(`render.kind.${kind}`);
}

/** Resources named in a sentence: each kind in the learner's language before its id. */
export function kindsAndIds(items: Pick<ResourceRef, "kind" | "id">[], t: Translate): string {
  return items.map((r) => `${kindName(r.kind, t)} ${r.id}`).join(", ");
}

/**
 * Each resource as a row: its kind in the learner's language (`--json` keeps the kind's id), its id and name.
 * One AWS is deleting reads `-` and says so in words, whatever the mark of the others.
 */
function resourceRows(resources: ResourceRef[], mark: string, t: Translate): string[][] {
  return resources.map((r) => (r.deleting ? ["-", kindName(r.kind, t), r.id, [r.name, t("render.deleting")].filter(Boolean).join(" ")] : [mark, kindName(r.kind, t), r.id, r.name ?? ""]));
}

/** The facts as labelled rows, in the order a person reads them. */
function factRows(f: Facts, t: Translate): string[][] {
  const known = (v: string | null | undefined) => v || "?";
  const rows: Array<string[] | false> = [
    f.accountId !== undefined && [t("preflight.account"), known(f.accountId) + (f.sandboxAccount ? ` (${t("preflight.sandboxAccount")})` : "")],
    f.identity !== undefined && [t("preflight.identity"), known(f.identity)],
    f.region !== undefined && [t("preflight.region"), f.region],
    f.az !== undefined && [t("preflight.zone"), known(f.az) + (f.instanceType ? ` (${f.instanceType})` : "")],
    f.ami !== undefined && [t("preflight.ami"), known(f.ami)],
    f.creates !== undefined && [t("preflight.creates"), t("preflight.createsList")],
    f.costPerHourUsd !== undefined && [t("preflight.cost"), t("preflight.costValue", { usd: f.costPerHourUsd.toFixed(3), date: f.pricesOf ?? "?" })],
    f.pricesRegion !== undefined && f.pricesRegion !== f.costRegion && ["", t("doctor.priceApproximated", { region: f.costRegion ?? "?" })],
    f.room !== undefined && [t("doctor.roomLabel"), t("doctor.room", { n: f.room.moreLearners })],
  ];
  return rows.filter((r): r is string[] => r !== false);
}

/** The table rows of a data event (a failed check is followed by its fix). */
export function dataRows(event: RowsEvent, t: Translate): string[][] {
  switch (event.type) {
    case "resources":
      return resourceRows(event.resources, event.action === "delete" ? "-" : "+", t);
    case "facts":
      return factRows(event.facts, t);
    case "checks":
      return event.checks.flatMap((k) => [[MARK[k.status], t(`doctor.group.${k.group}`), k.text], ...(k.fix ? [["", "", `→ ${k.fix}`]] : [])]);
    case "endpoints": {
      const where = (e: (typeof event.endpoints)[number]) => (e.type === "Gateway" ? t("tour.routeTables", { ids: e.routeTables.join(", ") }) : t("tour.enis", { ids: e.enis.join(", ") }));
      return [[t("tour.side"), t("tour.type"), t("tour.service"), t("tour.where")], ...event.endpoints.map((e) => [e.side, e.type, e.service, where(e)])];
    }
  }
}

export function renderData(event: DataEvent, t: Translate, table: (rows: string[][]) => string, render: (e: LabEvent) => string): string {
  if (event.type !== "status") return table(dataRows(event, t));
  const parts = [table(event.steps.map((s) => [s.done ? "✔" : s.current ? "▶" : "·", String(s.index), s.title, s.text]))];
  if (event.resources.length) parts.push(table(resourceRows(event.resources, "+", t)));
  if (event.cost) parts.push(render({ type: "cost", ...event.cost }));
  // A challenge in progress comes before the lesson's next step (status gives no `next` then).
  parts.push(render(event.finished ? { type: "notice", level: "success", message: event.finished.text } : { type: "notice", level: event.challenge ? "warn" : "info", message: event.challenge?.text ?? event.next?.text ?? "" }));
  return parts.join("\n");
}
