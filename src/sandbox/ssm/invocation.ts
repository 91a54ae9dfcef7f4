/**
 * A Run Command invocation seen at `now` (lazy time). Right after SendCommand the invocation is
 * not yet visible to GetCommandInvocation (`InvocationDoesNotExist`, eventual consistency);
 * then it runs (`InProgress`, ResponseCode -1, no output yet) until the script finishes, then
 * `Success` (exit 0) or `Failed` (ResponseCode = the exit status; the agent appends
 * "failed to run commands: exit status N" to stderr). GetCommandInvocation returns the first
 * 24,000 characters of stdout and 8,000 of stderr; ListCommandInvocations' plugin `Output` is
 * the first 2,500 characters of both, stderr after a `----------ERROR-------` line.
 */
import type { CommandInvocation } from "../world.js";

interface InvocationView {
  visible: boolean;
  status: "Pending" | "InProgress" | CommandInvocation["Status"];
  responseCode: number;
  stdout: string;
  stderr: string;
  startedAt?: number;
  finishedAt?: number;
}

export function invocationAt(inv: CommandInvocation, now: number): InvocationView {
  if (now < inv.visibleAt) return { visible: false, status: "Pending", responseCode: -1, stdout: "", stderr: "" };
  if (now < inv.finishedAt) return { visible: true, status: "InProgress", responseCode: -1, stdout: "", stderr: "", startedAt: inv.visibleAt };
  return {
    visible: true,
    status: inv.Status,
    responseCode: inv.ResponseCode,
    stdout: inv.StandardOutputContent.slice(0, 24_000),
    stderr: inv.StandardErrorContent.slice(0, 8_000),
    startedAt: inv.visibleAt,
    finishedAt: inv.finishedAt,
  };
}

/** The console's combined output of a plugin (ListCommandInvocations with Details). */
export function consoleOutput(view: InvocationView): string {
  const text = view.stderr ? `${view.stdout}\n----------ERROR-------\n${view.stderr}` : view.stdout;
  return text.slice(0, 2_500);
}

/** ISO 8601 as GetCommandInvocation's string date fields carry it. */
export function isoTime(ms: number | undefined): string {
  return ms === undefined ? "" : new Date(ms).toISOString();
}

/** `PT0.123S`: ExecutionElapsedTime. */
export function elapsed(view: InvocationView): string {
  if (view.startedAt === undefined || view.finishedAt === undefined) return "";
  return `PT${((view.finishedAt - view.startedAt) / 1000).toFixed(3)}S`;
}
