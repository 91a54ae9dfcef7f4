/**
 * How the data events (`status`, `resources`, `checks`, `facts`, `endpoints`) look on a terminal:
 * the rows a person reads. With `--json` the same events go out as data, so scripts never parse rows.
 */
import type { Translate } from "../i18n/messages.js";
import type { LabEvent, ResourceRef } from "./io-host.js";

export type DataEvent = Extract<LabEvent, { type: "status" | "resources" | "checks" | "facts" | "endpoints" }>;
type RowsEvent = Exclude<DataEvent, { type: "status" }>;

const MARK = { ok: "✔", warn: "!", fail: "✖" } as const;

function resourceRows(resources: ResourceRef[], mark: string): string[][] {
  return resources.map((r) => [mark, r.kind, r.id, r.name ?? ""]);
}

/** The table rows of a data event (a failed check is followed by its fix). */
export function dataRows(event: RowsEvent, t: Translate): string[][] {
  switch (event.type) {
    case "resources":
      return resourceRows(event.resources, event.action === "delete" ? "-" : "+");
    case "facts":
      return event.facts.map((f) => [f.label, f.value]);
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
  if (event.resources.length) parts.push(table(resourceRows(event.resources, "+")));
  if (event.cost) parts.push(render({ type: "cost", ...event.cost }));
  parts.push(render(event.finished ? { type: "notice", level: "success", message: event.finished.text } : { type: "notice", level: "info", message: event.next?.text ?? "" }));
  return parts.join("\n");
}
