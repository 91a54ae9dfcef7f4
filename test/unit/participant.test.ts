import { describe, expect, it } from "vitest";
import { defaultPrefix, namesFor, prefixProblem, PREFIX_MAX } from "../../src/participant.js";

describe("participant prefix", () => {
  it.each([
    ["alice", undefined],
    ["team-a", undefined],
    ["a1b", undefined],
    ["", "empty"],
    ["ab", "too-short"],
    ["a".repeat(PREFIX_MAX + 1), "too-long"],
    ["Alice", "charset"],
    ["team_a", "charset"],
    ["1team", "start"],
    ["team-", "end"],
    ["team--a", "double-hyphen"],
    ["internal-x", "reserved"],
    ["aws-lab", "reserved"],
  ])("%j → %s", (prefix, problem) => {
    expect(prefixProblem(prefix)).toBe(problem);
  });

  it("keeps every name AWS limits within bounds for the longest allowed prefix", () => {
    const n = namesFor("a".repeat(PREFIX_MAX));
    expect(n.nlbName.length).toBeLessThanOrEqual(32); // NLB names: 32 characters at most
    expect(`${n.prefix}-tg`.length).toBeLessThanOrEqual(32); // target group names too
    expect(`${n.prefix}-ec2-instance-profile`.length).toBeLessThanOrEqual(128);
  });

  it("derives a valid default prefix from any login name", () => {
    for (const user of ["Taro.Yamada", "root", "", undefined, "山田", "a-very-long-user-name-indeed"]) {
      expect(prefixProblem(defaultPrefix(user))).toBeUndefined();
    }
  });
});
