import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent, type RenderTools } from "../../src/ui/render-event.js";
import { promptTheme } from "../../src/ui/prompt-theme.js";
import { fitToTerminal } from "../../src/ui/edge-text.js";
import { displayWidth } from "../../src/ui/text-width.js";

const tools = (lang: "ja" | "en", width = 80): RenderTools => ({ c: new Chalk({ level: 0 }), t: translator(lang), width, markdown: (md) => md });

describe("events on a terminal", () => {
  it("says the cost so far in minutes under an hour, in hours after", () => {
    const cost = (hours: number, lang: "ja" | "en" = "en") => renderEvent({ type: "cost", of: "existing", perHourUsd: 0.096, region: "ap-northeast-1", sinceUsd: 0.08, hours, sandbox: false }, tools(lang))?.replace(/\n\s*/g, lang === "ja" ? "" : " ") ?? "";
    expect(cost(0.02)).toContain("for 1 min");
    expect(cost(0.5)).toContain("for 30 min");
    expect(cost(2.25)).toContain("for 2.3 h");
    expect(cost(0.5, "ja")).toContain("30 分");
    expect(cost(0.02)).not.toMatch(/0\.0 h/);
    // $0.08 for one minute is no rate: the total is counted by the started hour, and says so.
    expect(cost(0.02)).toContain("endpoints and the load balancer are billed by the started hour");
    expect(cost(0.02, "ja")).toContain("エンドポイントとロードバランサーは開始した 1 時間単位の課金");
    // The rest is not: a total under the hourly rate reads right.
    expect(cost(0.02)).toContain("instances and disks by the second, a minute at least");
    expect(cost(0.02, "ja")).toMatch(/インスタンスとディスクは ?1 ?秒単位で、最低 ?1 ?分です/);
    // Two sentences: a space in English, none after 。 in Japanese.
    expect(cost(0.5, "ja").replace(/\n\s*/g, "")).toMatch(/。ここまで/);
    expect(cost(0.5)).toMatch(/\. So far/);
  });
  it("never starts a line with $ as a shell prompt would", () => {
    const out = renderEvent({ type: "cost", of: "existing", perHourUsd: 0.075, region: "us-east-1", sandbox: true }, tools("en")) ?? "";
    expect(out.split("\n").filter((l) => l.startsWith("$"))).toEqual([]);
  });
  it("wraps notices, errors and table rows to the width, with the mark hanging", () => {
    const long = "This is a long notice that certainly does not fit in forty columns of a narrow terminal.";
    const notice = renderEvent({ type: "notice", level: "warn", message: long }, tools("en", 40)) ?? "";
    expect(Math.max(...notice.split("\n").map(displayWidth))).toBeLessThanOrEqual(40);
    expect(notice.split("\n")[1]).toMatch(/^ {2}\S/);
    const table = renderEvent({ type: "table", rows: [["作成するもの", "VPC 2 つ、EC2 インスタンス 2 台、NLB 1 つ、インターフェイスエンドポイント 3 つ"]] }, tools("ja", 50)) ?? "";
    expect(Math.max(...table.split("\n").map(displayWidth))).toBeLessThanOrEqual(50);
  });
});

describe("a table whose last column would be too narrow to read", () => {
  const rows = [
    ["·", "3", "提供する側：エンドポイントサービスを作る", "あなたの NLB にはまだエンドポイントサービスがありません"],
    ["·", "7", "確かめる：Consumer から curl でアクセスする", "まだ試していません"],
  ];
  it("puts every row's last cell on its own line, under the column before it (80 columns)", () => {
    const lines = (renderEvent({ type: "table", rows }, tools("ja", 80)) ?? "").split("\n");
    expect(lines).toEqual([
      "  ·  3  提供する側：エンドポイントサービスを作る",
      "        あなたの NLB にはまだエンドポイントサービスがありません",
      "  ·  7  確かめる：Consumer から curl でアクセスする",
      "        まだ試していません",
    ]);
  });
  it("keeps it as a column where it fits in two lines (120 columns)", () => {
    const lines = (renderEvent({ type: "table", rows }, tools("ja", 120)) ?? "").split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/作る\s+あなたの NLB/);
  });
});

describe("workshop status's table with its challenge column, piped at 80 columns", () => {
  const rows = [
    ["Participant", "Step", "On step", "$/h", "Cost so far", "Challenge", "Signals"],
    ["! team-03", "1/9 Lay the groundwork: the Consu…", "≈35m", "$0.000", "$0.00", "-", "team-03-consumer ROLLBACK_COMPLETE; team-03-provider ROLLBACK_COMPLETE"],
    ["! team-01", "5/9 Open the endpoint's door: all…", "≈1h05m", "$0.075", "$0.15", "silent-door ✖ broken", "65 min on it (usual 11)"],
  ];
  it("keeps the first columns aligned and never cuts a reason inside a word", () => {
    const out = renderEvent({ type: "table", rows }, tools("en", 80)) ?? "";
    const lines = out.split("\n");
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    const words = rows.flatMap((row) => row.slice(-2).join(" ").split(" ")).filter((w) => w.length > 1);
    for (const w of words) expect(out, w).toContain(w);
    // The cost column of each row starts where its header does.
    const at = (line: string, cell: string) => displayWidth(line.slice(0, line.lastIndexOf(cell)));
    const costAt = at(lines[0]!, "Cost so far");
    expect(at(lines.find((l) => l.includes("team-03"))!, "$0.00")).toBe(costAt);
    expect(at(lines.find((l) => l.includes("team-01"))!, "$0.15")).toBe(costAt);
  });
});

describe("inquirer's words", () => {
  it("are translated: key help and the yes/no default", () => {
    const ja = promptTheme(translator("ja")).style;
    expect(ja.keysHelpTip([["↑↓", "navigate"], ["⏎", "select"]])).toMatch(/選ぶ.*決定/);
    expect(ja.defaultAnswer("Y/n")).toContain("はい");
    expect(ja.defaultAnswer("ap-northeast-1")).toContain("ap-northeast-1"); // an input's default is kept
    expect(promptTheme(translator("en")).style.defaultAnswer("y/N")).toContain("(y/N)");
  });
});

describe("a message's command too wide for its line", () => {
  it("goes on lines of its own, continued with \\, in an error's hint at 80 columns (en, ja)", () => {
    const cleanup = "npx privatelink-lab destroy --prefix a-twenty-char-prefix --profile workshop-admin --region ap-northeast-1 --yes";
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      const out = renderEvent({ type: "error", key: "error.stackFailed", message: t("error.stackFailed", { stack: "x", resource: "z", reason: "y" }), hint: t("error.stackFailed.hint", { cleanup }) }, tools(lang)) ?? "";
      const lines = out.split("\n");
      expect(lines.filter((l) => displayWidth(l) > 80), out).toEqual([]);
      const first = lines.findIndex((l) => l.trimStart().startsWith("npx privatelink-lab destroy"));
      expect(first, out).toBeGreaterThan(0);
      const rest = lines.slice(first);
      const end = rest.findIndex((l) => !l.endsWith(" \\"));
      expect(rest.slice(0, end + 1).map((l) => l.trim().replace(/ \\$/, "")).join(" "), out).toBe(cleanup);
    }
  });
  it("goes on lines of its own in an error written at the edge (standard error, 80 columns)", () => {
    const cleanup = "npx privatelink-lab destroy --prefix a-twenty-char-prefix --profile workshop-admin --region ap-northeast-1 --yes";
    const out = fitToTerminal(`→ Run again, or to remove everything: \`${cleanup}\`.`, { isTTY: true, columns: 80 });
    expect(out.split("\n").filter((l) => displayWidth(l) > 80), out).toEqual([]);
    expect(out.replace(/ \\\n\s*/g, " "), out).toContain(cleanup);
  });
});
