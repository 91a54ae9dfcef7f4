/** `--json` is data: no internal marker, no score nobody earned, one status event, the diagram as parts (issue 22). */
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { status } from "../../src/commands/status.js";
import { step } from "../../src/commands/step.js";
import { harness } from "../helpers/lesson-harness.js";

describe("events are data", () => {
  it("a lesson with --yes: curl's page without our marker, the quiz without a score, the diagram as parts", async () => {
    const h = harness();
    await start(h.opts, h.env);
    const curl = h.host.ofType("curl-result");
    expect(curl.length).toBeGreaterThan(0);
    for (const c of curl) {
      expect(c.stdout).not.toContain("PRIVATELINK_LAB_HTTP_STATUS");
      expect(c.httpStatus).toBe(200);
    }
    const quiz = h.host.ofType("quiz-result")[0]!;
    expect(quiz).toMatchObject({ answered: false });
    expect(quiz.score).toBeUndefined();
    const diagram = h.host.ofType("diagram")[0]!;
    expect(diagram).not.toHaveProperty("text");
    expect(diagram.parts.map((p) => p.id)).toContain("interface-endpoint");
  });

  it("status --json writes one event", async () => {
    const h = harness();
    await step("preflight", h.opts, h.env); // (a lesson begun: for nobody, status has nothing to show)
    h.host.events.length = 0;
    await status({ ...h.opts, json: true }, h.env);
    expect(h.host.events.map((e) => e.type)).toEqual(["status"]);
  });
});
