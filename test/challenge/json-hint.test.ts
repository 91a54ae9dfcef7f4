/**
 * `challenge check --json` after a failed check: the hint is data (which of how many, and its text), not only a
 * drawn "Hint 1/3: …" inside the message; each check spends the next one.
 */
import { describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { EVENT_SCHEMAS } from "../../src/ui/event-schema.js";
import { JsonHost } from "../../src/ui/json-host.js";
import { buildLab, copyLab } from "../helpers/built-lab.js";

describe("challenge check --json", () => {
  it("names the hint's number, total and text in the challenge event", async () => {
    const { h } = await copyLab(await buildLab());
    const lines: string[] = [];
    h.env.makeHost = () => new JsonHost("en", { write: (s: string) => lines.push(...s.split("\n").filter(Boolean)) > 0 });
    const opts = { ...h.opts, json: true };
    await challenge("start", "silent-door", opts, h.env);
    for (let i = 0; i < 2; i++) await expect(challenge("check", undefined, opts, h.env)).rejects.toMatchObject({ key: "challenge.stillBroken" });
    const broken = lines.map((l) => JSON.parse(l) as { type: string; status?: string }).filter((e) => e.type === "challenge" && e.status === "broken");
    expect(broken.map((e) => EVENT_SCHEMAS.challenge.parse(e).hint)).toEqual([
      { n: 1, total: 3, text: expect.stringContaining("no answer at all") },
      { n: 2, total: 3, text: expect.stringMatching(/endpoint's security group sg-[0-9a-f]+/) },
    ]);
  });
});
