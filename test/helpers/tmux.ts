/**
 * Drives the shipped bundle (dist/bin.cjs) in a real pseudo-terminal through tmux: type keys, read the screen.
 * Each session has its own tmux server socket, so tests never touch a user's tmux.
 */
import { execFileSync } from "node:child_process";
import { BIN, type CliEnv } from "./cli-process.js";
import { displayWidth } from "../../src/ui/text-width.js";

export class TmuxSession {
  private static n = 0;
  readonly socket: string;
  readonly name: string;

  constructor(
    private readonly learner: CliEnv,
    args: string[],
    size = { cols: 110, rows: 50 },
  ) {
    TmuxSession.n += 1;
    this.socket = `pll-${process.pid}-${TmuxSession.n}`;
    this.name = "lab";
    const envArgs = Object.entries(learner.env).flatMap(([k, v]) => (v === undefined ? [] : ["-e", `${k}=${v}`]));
    const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    // `; sleep` keeps the pane after the program exits so its last screen (and exit code) can be read.
    this.tmux(["new-session", "-d", "-s", this.name, "-x", String(size.cols), "-y", String(size.rows), ...envArgs, `${command}; echo "[exit $?]"; sleep 600`]);
    this.tmux(["set-option", "-t", this.name, "history-limit", "20000"]);
  }

  private tmux(args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8", env: { ...this.learner.env, TMUX: "" } });
  }

  /** The whole scrollback and screen as plain text. */
  screen(): string {
    return this.tmux(["capture-pane", "-p", "-J", "-S", "-20000", "-t", this.name]);
  }

  /** Only what is on the screen now (no scrollback). */
  visible(): string {
    return this.tmux(["capture-pane", "-p", "-J", "-t", this.name]);
  }

  keys(...keys: string[]): void {
    this.tmux(["send-keys", "-t", this.name, ...keys]);
  }

  type(text: string): void {
    this.tmux(["send-keys", "-t", this.name, "-l", text]);
  }

  /** Waits until the screen matches; returns the screen. Throws with the screen on timeout. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}\n--- screen ---\n${s.split("\n").slice(-40).join("\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** How many times the pattern occurs on the screen so far. */
  count(pattern: RegExp): number {
    return (this.screen().match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g")) ?? []).length;
  }

  close(): void {
    try {
      this.tmux(["kill-server"]);
    } catch {
      // already gone
    }
  }
}

/**
 * The lines of a screen (joined where the terminal folded them) wider than `cols`, but those that
 * are one unbroken token on a line of their own after the indent (an ARN, a path): the lab prints
 * such a token whole for the terminal to fold, so that it copies and pastes whole.
 */
export function linesTooWide(screen: string, cols: number): string[] {
  return screen.split("\n").filter((l) => displayWidth(l) > cols && !/^ *[^ ]+$/.test(l.trimEnd()));
}

/** Waits for the screen to differ from `last` with a question (`? …`) on it: the screen, and that question's line. */
export async function nextQuestion(s: TmuxSession, last: string, deadline: number): Promise<{ visible: string; prompt: string }> {
  for (;;) {
    if (Date.now() > deadline) throw new Error(`timed out\n${s.visible()}`);
    await new Promise((r) => setTimeout(r, 80));
    const visible = s.visible();
    const prompt = [...visible.trimEnd().split("\n")].reverse().find((l) => /^\? /.test(l));
    if (prompt && visible !== last) return { visible, prompt };
  }
}

/** The inline menu under the last question `how` on the screen: label (whitespace dropped, so a wrapped one compares equal) → digit. */
export function menuUnder(visible: string, how: string): Map<string, number> {
  const lines = visible.trimEnd().split("\n");
  const at = lines.map((l) => l.includes(how)).lastIndexOf(true);
  const legend = lines.slice(at + 1).join(" ");
  const items = new Map<string, number>();
  for (const part of legend.split("·")) {
    const m = /^\s*(\d)\s+(.+?)\s*(\(⏎\))?\s*$/.exec(part);
    if (m) items.set(m[2]!.replace(/\s+/g, ""), Number(m[1]));
  }
  return items;
}
