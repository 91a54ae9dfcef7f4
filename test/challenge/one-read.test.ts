/**
 * A participant whose progress file is gone: `diagnose` and the challenges read the cloud once,
 * the read that found the lesson being the one with the learner's whole path (issue 23). They
 * send what they send with the file, and for the path one question more: the account id, which
 * the file kept.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { diagnose } from "../../src/commands/diagnose.js";
import type { Harness } from "../helpers/lesson-harness.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

/** The operations a command sends on a copy of the finished build, sorted; with the progress file or without it. */
async function sent(run: (h: Harness) => Promise<unknown>, progressFile: boolean, before?: (h: Harness) => Promise<unknown>): Promise<string[]> {
  const { h, ctx } = await copyLab(lab);
  await before?.(h);
  if (!progressFile) rmSync(join(h.stateDir, "participants", `${ctx.state.prefix}.json`));
  const from = h.sandbox.calls.length;
  await run(h);
  return h.sandbox.calls.slice(from).map((c) => c.command.replace(/Command$/, "")).sort();
}

const start = (h: Harness) => challenge("start", "silent-door", h.opts, h.env);

/** Each command; what it asks in addition without the file (the path is judged against the account id); its reads of the cloud; what ran before it. */
const commands: [string, (h: Harness) => Promise<unknown>, string[], number, ((h: Harness) => Promise<unknown>)?][] = [
  ["diagnose", (h) => diagnose(h.opts, h.env), ["GetCallerIdentity"], 1],
  // The read before the break, and the one that proves it took.
  ["challenge start", start, ["GetCallerIdentity"], 2],
  ["challenge list", (h) => challenge("list", undefined, h.opts, h.env), [], 1],
  // The read before the repair, and the one that proves it.
  ["challenge give-up", (h) => challenge("give-up", undefined, h.opts, h.env), ["GetCallerIdentity"], 2, start],
];

describe("no progress file: one read of the cloud", () => {
  for (const [name, run, more, reads, before] of commands) {
    it(`${name} reads the cloud ${reads === 1 ? "once" : "twice"} and sends what it sends with the file${more.length ? ", and the account id" : ""}`, async () => {
      const withFile = await sent(run, true, before);
      const without = await sent(run, false, before);
      expect(without.filter((c) => c === "DescribeStacks").length).toBe(2 * reads); // one per stack
      expect(without).toEqual([...withFile, ...more].sort());
    });
  }
});
