/**
 * A command too wide for the terminal goes on rows of its own, continued as the learner's shell continues a line, so
 * that the rows copied from the screen paste as one command. PowerShell continues with a backtick: a row ending in
 * bash's ` \` runs on its own there (the lesson without its --profile), and the next row fails. The lesson's own events
 * (an error's fix, a notice) and the lines written at the edge (the pause, Ctrl-C's notice) both follow the shell.
 */
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { labCommand } from "../../src/shell/lab-command.js";
import { fitToTerminal } from "../../src/ui/edge-text.js";
import { TerminalHost } from "../../src/ui/terminal-host.js";

const COMMAND = labCommand({ command: "destroy", prefix: "alice", backend: "aws", endpointUrl: "http://127.0.0.1:24029", profile: "dev@team+1" }, "powershell");

/** A 60-column terminal that keeps what is written to it. */
function screen() {
  let raw = "";
  const stream = { isTTY: true as const, columns: 60, rows: 24, write: (s: string) => ((raw += s), true), on: () => undefined, once: () => undefined, off: () => undefined, removeListener: () => undefined };
  return { stream: stream as unknown as NodeJS.WriteStream, rows: () => raw.replace(/\x1b\[[0-9;]*m/g, "").split("\n") };
}

/** The rows as PowerShell reads them pasted: a row ending in ` \`` goes on with the next. */
function pastedInPowerShell(rows: string[]): string {
  return rows.join("\n").replace(/ `\n\s*/g, " ");
}

describe("a wrapped command, for a PowerShell learner (60 columns)", () => {
  it("in the lesson's error text: its rows end in a backtick and paste as the command", () => {
    expect(COMMAND).toContain("'dev@team+1'");
    const s = screen();
    const host = new TerminalHost({ lang: "en", t: translator("en"), interactive: false, output: s.stream, errors: s.stream });
    host.shell = "powershell";
    host.notify({ type: "error", key: "error.example", message: "Something is in the way.", hint: `Delete it: \`${COMMAND}\`` });
    const rows = s.rows();
    expect(rows.filter((r) => r.endsWith(" \\")), rows.join("\n")).toEqual([]);
    expect(pastedInPowerShell(rows)).toContain(COMMAND);
  });

  it.each(["en", "ja"] as const)("%s: in the lines written at the edge (Ctrl-C's notice)", (lang) => {
    const t = translator(lang);
    const text = t("engine.interrupted", { again: COMMAND, destroy: COMMAND, status: COMMAND, unset: "" });
    const rows = fitToTerminal(text, { isTTY: true, columns: 60 }, undefined, false, "powershell").split("\n");
    expect(rows.filter((r) => r.endsWith(" \\")), rows.join("\n")).toEqual([]);
    expect(rows.some((r) => r.endsWith(" `"))).toBe(true);
    expect(pastedInPowerShell(rows)).toContain(COMMAND);
  });
});
