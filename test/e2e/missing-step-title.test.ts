/**
 * `challenge start` (and diagnose) on a lesson that never deployed: the refusal names the step to do first by its title,
 * as the lesson shows it, not by the id the code uses ("deploy").
 */
import { describe, expect, it } from "vitest";
import { freshLearner, runCli } from "../helpers/cli-process.js";

describe("a command that needs a step not done yet", () => {
  it.each([
    ["en", "This needs the step 'Lay the groundwork: the Consumer and Provider VPCs' first."],
    ["ja", "先にステップ「土台を作る：Consumer と Provider の 2 つの VPC」が必要です。"],
  ] as const)("names it by its title (%s): challenge start on a lesson never built", (lang, said) => {
    const me = freshLearner({ COLUMNS: "200" });
    const args = ["--sandbox", "--prefix", "never-built", "--lang", lang];
    expect(runCli(me, ["step", "preflight", "-y", ...args]).status).toBe(0);
    const r = runCli(me, ["challenge", "start", "wrong-number", ...args]);
    expect(r.status).toBe(1);
    const text = r.stderr.replace(/\s*\n\s*/g, lang === "ja" ? "" : " ");
    expect(text).toContain(said);
    expect(text).not.toMatch(/'deploy'|「deploy」/);
  });
});

describe("a step run out of order", () => {
  it.each([
    ["en", "Step 'Consumer side: create an interface endpoint' needs these steps first: 'Lay the groundwork: the Consumer and Provider VPCs' (`deploy`), 'Provider side: create an endpoint service' (`endpoint-service`)"],
    ["ja", "ステップ「使う側：インターフェイスエンドポイントを作る」の前に、次のステップが必要です：「土台を作る：Consumer と Provider の 2 つの VPC」（deploy）、「提供する側：エンドポイントサービスを作る」（endpoint-service）"],
  ] as const)("names each step by its title, with the id to type (%s)", (lang, said) => {
    const me = freshLearner({ COLUMNS: "200" });
    const args = ["--sandbox", "--prefix", "out-of-order", "--lang", lang];
    expect(runCli(me, ["step", "preflight", "-y", ...args]).status).toBe(0);
    const r = runCli(me, ["step", "interface-endpoint", "-y", ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr.replace(/\s*\n\s*/g, lang === "ja" ? "" : " ")).toContain(said);
  });
});
