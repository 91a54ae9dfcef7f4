/** How quiz feedback and data events look on a terminal: right and wrong differ; status reads as rows. */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent, type RenderTools } from "../../src/ui/render-event.js";

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
        cost: { perHourUsd: 0.123, region: "ap-northeast-1", sandbox: true },
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
