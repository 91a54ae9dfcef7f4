import { describe, expect, it } from "vitest";
import { langFromArgv, langFromEnv } from "../../src/i18n/lang.js";
import { fillPlaceholders, parseStepMarkdown } from "../../src/content/lesson-content.js";

describe("language", () => {
  it("follows LC_ALL, then LC_MESSAGES, then LANG", () => {
    expect(langFromEnv({ LANG: "ja_JP.UTF-8" })).toBe("ja");
    expect(langFromEnv({ LC_ALL: "en_US.UTF-8", LANG: "ja_JP.UTF-8" })).toBe("en");
    expect(langFromEnv({ LC_MESSAGES: "ja_JP", LANG: "C" })).toBe("ja");
    expect(langFromEnv({})).toBe("en");
  });
  it("reads --lang before commander does, so --help is translated", () => {
    expect(langFromArgv(["--help", "--lang", "ja"])).toBe("ja");
    expect(langFromArgv(["--lang=en"])).toBe("en");
  });
});

describe("step markdown", () => {
  const md = `---\ntitle: "T"\nsummary: "S"\n---\n## concept\nIdea {{prefix}}\n\n## cli\n\`\`\`sh\n## not a heading\naws sts get-caller-identity\n\`\`\`\n## hints\n- one\n- two\n  continued\n## done\nok\n## note: x-y\nnote text\n`;
  it("splits sections, keeps fenced '##' lines, and reads hints and notes", () => {
    const c = parseStepMarkdown("s", md);
    expect(c.title).toBe("T");
    expect(c.cli).toContain("## not a heading");
    expect(c.hints).toEqual(["one", "two\ncontinued"]);
    expect(c.notes).toEqual({ "x-y": "note text" });
  });
  it("fills placeholders and refuses to print one it has no value for", () => {
    expect(fillPlaceholders("{{prefix}} / {{az}}", { prefix: "alice", az: "us-east-1a" })).toBe("alice / us-east-1a");
    expect(() => fillPlaceholders("{{prefix}} / {{nope}}", { prefix: "alice" })).toThrow(/unfilled \{nope\}/);
  });
});
