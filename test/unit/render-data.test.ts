/** How quiz feedback and data events look on a terminal: right and wrong differ; status reads as rows. */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { increaseCommand } from "../../src/preflight/quota-plan.js";
import { kindsAndIds } from "../../src/ui/render-data.js";
import { renderEvent, type RenderTools } from "../../src/ui/render-event.js";
import { displayWidth } from "../../src/ui/text-width.js";

import { loadPhrases } from "../../src/ui/line-breaks.js";
const tools = (lang: "en" | "ja"): RenderTools => ({ c: new Chalk({ level: 1 }), t: translator(lang), width: 80, markdown: (md) => md });
const RED = "\u001b[31m";
const GREEN = "\u001b[32m";

describe("quiz feedback on a terminal", () => {
  it("a right answer is a green ✔, a wrong one a red ✘ with the right answer", () => {
    const right = renderEvent({ type: "quiz-answer", step: "review", id: "q", right: true, answer: "A", explanation: "Because." }, tools("en"))!;
    const wrong = renderEvent({ type: "quiz-answer", step: "review", id: "q", right: false, answer: "The regional name", explanation: "Because." }, tools("en"))!;
    expect(right).toContain(GREEN);
    expect(right).toContain("✔");
    expect(right).not.toContain("✘");
    expect(wrong).toContain(RED);
    expect(wrong).toContain("✘");
    expect(wrong).toContain("The regional name");
    expect(wrong).not.toContain(GREEN);
    const ja = renderEvent({ type: "quiz-answer", step: "review", id: "q", right: false, answer: "リージョン DNS 名", explanation: "理由。" }, tools("ja"))!;
    expect(ja).toContain("正解：リージョン DNS 名");
  });
});

describe("status on a terminal", () => {
  it("shows the steps as rows, the resources, the cost and what is next", () => {
    const out = renderEvent(
      {
        type: "status",
        lesson: "privatelink",
        steps: [
          { id: "preflight", index: 0, title: "Before you start", done: true, current: false, reason: "detect.preflight.done", text: "Checked" },
          { id: "deploy", index: 1, title: "Deploy", done: false, current: true, reason: "detect.deploy.todo", text: "Not yet" },
        ],
        resources: [{ kind: "stack", id: "arn:stack/1", name: "alice-consumer" }],
        cost: { of: "existing", perHourUsd: 0.123, region: "ap-northeast-1", sandbox: true },
        next: { step: "deploy", title: "Deploy", command: "npx privatelink-lab", text: "Next: Deploy" },
      },
      { ...tools("en"), c: new Chalk({ level: 0 }) },
    )!;
    expect(out).toMatch(/✔ +0 +Before you start +Checked/);
    expect(out).toMatch(/▶ +1 +Deploy +Not yet/);
    expect(out).toMatch(/\+ +stack +arn:stack\/1 +alice-consumer/);
    expect(out).toContain("0.123");
    expect(out).toContain("Next: Deploy");
  });
});

describe("a doctor fix on an 80-column terminal", () => {
  // The full-quota advice carries the command that requests more: it must paste as one command.
  const command = increaseCommand({ code: "L-1216C47A", serviceCode: "ec2", name: "Running On-Demand Standard instances", current: 5, desired: 8 });
  const check = (lang: "en" | "ja") => ({
    type: "checks" as const,
    checks: [
      { id: "account.identity", group: "account" as const, status: "ok" as const, key: "doctor.account.ok", text: "Signed in" },
      { id: "quota.vcpus", group: "quota" as const, status: "fail" as const, key: "doctor.quota.short", text: "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances (L-1216C47A): 4 used of 5, the lesson needs 4 more.", fix: translator(lang)("doctor.quota.short.hint", { desired: 8, command }) },
    ],
  });
  for (const lang of ["en", "ja"] as const)
    it(`keeps the quota increase command whole, continued with \\ (${lang})`, () => {
      const out = renderEvent(check(lang), { ...tools(lang), c: new Chalk({ level: 0 }) })!;
      const lines = out.split("\n");
      expect(lines.every((l) => displayWidth(l) <= 80), out).toBe(true);
      const first = lines.findIndex((l) => l.trimStart().startsWith("aws "));
      expect(first, out).toBeGreaterThan(0);
      const rest = lines.slice(first);
      const end = rest.findIndex((l) => !l.endsWith(" \\"));
      const joined = rest.slice(0, end + 1).map((l) => l.trim().replace(/ \\$/, "")).join(" ");
      expect(joined).toBe(command);
    });
});

describe("resources whose id is wider than the terminal", () => {
  it("puts the id whole on a line of its own, and the name on the next", () => {
    const arn = "arn:aws:cloudformation:us-east-1:000000000000:stack/walk-consumer/d0a49c29-621c-47f6-9641-7e28c7017eec";
    const out = renderEvent(
      { type: "resources", action: "delete", resources: [{ kind: "endpoint-service", id: "vpce-svc-a5becef7358344f34", name: "com.amazonaws.vpce.us-east-1.vpce-svc-a5becef7358344f34" }, { kind: "security-group", id: "sg-2d76395dc66b73835", name: "walk-endpoint-sg" }, { kind: "stack", id: arn, name: "walk-consumer" }] },
      { ...tools("en"), c: new Chalk({ level: 0 }) },
    )!;
    const lines = out.split("\n");
    // The ARN whole on a line of its own (the terminal folds it, it pastes whole); every other line fits.
    expect(lines.filter((l) => displayWidth(l) > 80).map((l) => l.trim()), out).toEqual([arn]);
    expect(lines.map((l) => l.trim()), out).toContain("walk-consumer");
    expect(out).toMatch(/sg-2d76395dc66b73835 +walk-endpoint-sg/); // (a pair that fits stays on one line)
  });

  it("in status, the row's mark and kind stay on a line of their own, the ARN whole on the next", () => {
    const arn = "arn:aws:cloudformation:us-east-1:000000000000:stack/tmen-consumer/5243f709-e260-416f-85f9-a0e66f34fc8c";
    const out = renderEvent(
      { type: "status", lesson: "privatelink", steps: [{ id: "deploy", index: 1, title: "Deploy", done: true, current: false, reason: "detect.deploy.done", text: "Done" }], resources: [{ kind: "stack", id: arn, name: "tmen-consumer" }] },
      { ...tools("en"), c: new Chalk({ level: 0 }) },
    )!;
    const lines = out.split("\n");
    expect(lines.filter((l) => displayWidth(l) > 80), out).toEqual([expect.stringMatching(new RegExp(`^ +${arn.replace(/[/.]/g, "\\$&")}$`))]);
    expect(lines[lines.findIndex((l) => l.includes(arn)) - 1], out).toMatch(/^ +\+ +stack$/);
  });
});

describe("resources in Japanese", () => {
  it("names each kind in Japanese (status and destroy), the ids as they are", () => {
    const resources = [
      { kind: "endpoint" as const, id: "vpce-1fdfae7d8d6bd263f" },
      { kind: "security-group" as const, id: "sg-3e605b1195067da3d", name: "pl-root-endpoint-sg" },
      { kind: "endpoint-service" as const, id: "vpce-svc-9309911475484d93c" },
      { kind: "stack" as const, id: "arn:stack/1", name: "pl-root-consumer" },
    ];
    const plain = { ...tools("ja"), c: new Chalk({ level: 0 }) };
    const status = renderEvent({ type: "status", lesson: "privatelink", steps: [], resources }, plain)!;
    const destroy = renderEvent({ type: "resources", action: "delete", resources }, plain)!;
    for (const out of [status, destroy]) {
      expect(out).toMatch(/ エンドポイント +vpce-1fdfae7d8d6bd263f/);
      expect(out).toMatch(/ セキュリティグループ +sg-3e605b1195067da3d +pl-root-endpoint-sg/);
      expect(out).toMatch(/ エンドポイントサービス +vpce-svc-9309911475484d93c/);
      expect(out).toMatch(/ スタック +arn:stack\/1 +pl-root-consumer/);
      expect(out).not.toMatch(/\b(endpoint|security-group|endpoint-service|stack)\b(?![-/])/);
    }
  });
});

describe("resources named in teardown's sentences", () => {
  const items = [
    { kind: "endpoint", id: "vpce-1fdfae7d8d6bd263f" },
    { kind: "security-group", id: "sg-3e605b1195067da3d" },
    { kind: "endpoint-service", id: "vpce-svc-9309911475484d93c" },
    { kind: "stack", id: "arn:stack/1" },
  ];
  it("in Japanese, each kind is said as status and destroy say it (what blocks a stack, what is left)", () => {
    const t = translator("ja");
    for (const key of ["teardown.removing", "error.leftovers"]) {
      const said = t(key, { what: kindsAndIds(items, t) });
      expect(said).toContain("エンドポイント vpce-1fdfae7d8d6bd263f, セキュリティグループ sg-3e605b1195067da3d, エンドポイントサービス vpce-svc-9309911475484d93c, スタック arn:stack/1");
      expect(said).not.toMatch(/\b(endpoint|security-group|endpoint-service|stack)\b(?![-/])/);
    }
  });
  it("in English, as before", () => {
    const t = translator("en");
    expect(t("error.leftovers", { what: kindsAndIds(items, t) })).toContain("endpoint vpce-1fdfae7d8d6bd263f, security-group sg-3e605b1195067da3d, endpoint-service vpce-svc-9309911475484d93c, stack arn:stack/1");
  });
});

describe("the command to delete later, when the learner keeps the resources", () => {
  for (const lang of ["en", "ja"] as const)
    for (const key of ["cleanup.later", "cleanup.laterSandbox"])
      it(`stays whole on one line at 80 columns, to paste (${lang}, ${key})`, () => {
        const destroy = "npx privatelink-lab destroy --prefix pl-root --sandbox";
        const message = translator(lang)(key, { usd: "0.096", destroy });
        const out = renderEvent({ type: "notice", level: "warn", message }, { ...tools(lang), c: new Chalk({ level: 0 }) })!;
        expect(out.split("\n").some((l) => l.includes(destroy)), out).toBe(true);
      });
});

describe("a stack's ARN in a 120-column terminal", () => {
  it("goes under the row where it fits whole, not past the edge", () => {
    const arn = "arn:aws:cloudformation:ap-northeast-1:000000000000:stack/pl-root-provider/151649bf-e185-44ef-a1b3-90180439cf31";
    const resources = [
      { kind: "endpoint-service" as const, id: "vpce-svc-9309911475484d93c", name: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-9309911475484d93c" },
      { kind: "stack" as const, id: arn, name: "pl-root-provider" },
    ];
    for (const lang of ["en", "ja"] as const) {
      const out = renderEvent({ type: "resources", action: "delete", resources }, { ...tools(lang), width: 120, c: new Chalk({ level: 0 }) })!;
      expect(out.split("\n").filter((l) => displayWidth(l) > 120), out).toEqual([]);
      expect(out.split("\n").some((l) => l.trim() === arn), out).toBe(true);
    }
  });
});

describe("status's next line for a learner in a workshop room", () => {
  // A room's commands carry the prefix and the room's address: the step's command is wider than an 80-column line.
  const again = "npx privatelink-lab --prefix team-01 --endpoint-url http://127.0.0.1:18787";
  const step = "npx privatelink-lab step preflight --prefix team-01 --endpoint-url http://127.0.0.1:18787";
  const title = { en: "Before you start: account, Region and cost", ja: "準備：アカウント・リージョン・料金を確かめる" };
  const ORPHAN = /^[\s)）」。.、,;:：]+$/;
  for (const lang of ["en", "ja"] as const)
    for (const width of [80, 120])
      it(`reads as one sentence, both commands pasteable, no line of punctuation alone (${lang}, ${width} columns)`, async () => {
        const t = translator(lang);
        const text = t("status.next", { title: title[lang], again, step });
        const event = { type: "status" as const, lesson: "privatelink", steps: [], resources: [], next: { step: "preflight", title: "", command: "npx privatelink-lab", text } };
        const out = renderEvent(event, { ...tools(lang), c: new Chalk({ level: 0 }), width, phrases: await loadPhrases(lang) })!;
        const lines = out.split("\n");
        expect(lines.every((l) => displayWidth(l) <= width), out).toBe(true);
        expect(lines.filter((l) => ORPHAN.test(l)), out).toEqual([]);
        // Continued lines joined as the shell joins them: each command is there whole.
        const pasted = out.replace(/ \\\n\s*/g, " ");
        expect(pasted, out).toContain(again);
        expect(pasted, out).toContain(step);
      });
});
