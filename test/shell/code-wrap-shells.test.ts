/**
 * On a narrow terminal a long command is folded as its own shell continues lines, so it still
 * pastes: ` \` for bash, ` `` ` for PowerShell, ` ^` for cmd.exe (and only bash may split a word).
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { wrapCode } from "../../src/ui/code-wrap.js";
import { parsePowerShell } from "../helpers/powershell-grammar.js";

const c = new Chalk({ level: 0 });
const LINE = "aws ec2 describe-vpc-endpoints --region ap-northeast-1 --vpc-endpoint-ids vpce-0123456789abcdef0 --query 'VpcEndpoints[].State' --output text";

describe("long commands on a 60-column terminal", () => {
  it("PowerShell: continued with a backtick, and still one statement", async () => {
    const text = wrapCode(LINE, "powershell", 60, { indent: "", c });
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    lines.slice(0, -1).forEach((l) => expect(l).toMatch(/ `$/));
    const parsed = await parsePowerShell(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.statements).toHaveLength(1);
  });

  it("cmd.exe: continued with a caret; rem comments wrap as rem lines", () => {
    const text = wrapCode(LINE.replace("'VpcEndpoints[].State'", '"VpcEndpoints[].State"'), "bat", 60, { indent: "", c });
    text.split("\n").slice(0, -1).forEach((l) => expect(l).toMatch(/ \^$/));
    const comment = wrapCode("rem " + "Run this again every 10 seconds until it prints nothing. ".repeat(2), "bat", 40, { indent: "", c });
    comment.split("\n").forEach((l) => expect(l).toMatch(/^rem /));
  });

  it("bash as before: ` \\`", () => {
    const text = wrapCode(LINE, "sh", 60, { indent: "", c });
    text.split("\n").slice(0, -1).forEach((l) => expect(l).toMatch(/ \\$/));
  });
});
