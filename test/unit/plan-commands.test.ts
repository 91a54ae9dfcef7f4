/** `workshop plan` piped at 80 columns: the quota commands still paste (` \` continuations). */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { displayWidth } from "../../src/ui/text-width.js";

describe("a table of commands", () => {
  it.each([60, 80])("at %i columns wraps each command with ` \\` so it pastes as one", (width) => {
    const command = "aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 84 --region ap-northeast-1";
    const out = renderEvent({ type: "table", rows: [[command]], commands: true }, { c: new Chalk({ level: 0 }), t: translator("en"), width, markdown: (m) => m }) ?? "";
    const lines = out.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/ \\$/);
    expect(out.replace(/ \\\n\s*/g, " ").trim()).toBe(command);
  });
});
