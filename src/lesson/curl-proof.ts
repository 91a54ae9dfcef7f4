/**
 * What a curl proves: success is the Provider's own page (naming its instance) with HTTP 200; exit 0 also comes with an
 * empty answer or Apache's 403 test page (`curl -sS` without `-f`). Pure, whoever sent the command.
 */
import type { RunResult } from "./ssm-run.js";

/** Appended by the tool's own curl (`-w`), so the status is known; a learner's curl has none. */
export const STATUS_MARK = "PRIVATELINK_LAB_HTTP_STATUS:";

export type CurlFailure = "exit" | "empty" | "test-page" | "http-status" | "wrong-page";

export type CurlVerdict =
  | { ok: true; status?: number }
  | { ok: false; reason: CurlFailure; status?: number; exitCode: number; firstLines: string };

const TEST_PAGE = /Test Page for the (Apache )?HTTP Server|<h1>It works!<\/h1>/i;

/** The first few lines of what came back, for the learner to see. */
export function firstLines(text: string, lines = 4, width = 160): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .slice(0, lines)
    .map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l))
    .join("\n");
}

/** Splits the tool's `-w` status line off the body. */
export function splitStatus(stdout: string): { body: string; status?: number } {
  const at = stdout.lastIndexOf(STATUS_MARK);
  if (at < 0) return { body: stdout };
  const status = Number(stdout.slice(at + STATUS_MARK.length).trim().slice(0, 3));
  return { body: stdout.slice(0, at), ...(Number.isFinite(status) && status > 0 ? { status } : {}) };
}

/** `providerInstanceId`: the page must name it (the Provider's index.html does). */
export function curlVerdict(out: RunResult, providerInstanceId: string | undefined): CurlVerdict {
  const { body, status } = splitStatus(out.stdout);
  const fail = (reason: CurlFailure): CurlVerdict => ({
    ok: false,
    reason,
    exitCode: out.exitCode,
    firstLines: firstLines(reason === "exit" ? out.stderr || body : body),
    ...(status !== undefined ? { status } : {}),
  });
  if (out.exitCode !== 0) return fail("exit");
  if (TEST_PAGE.test(body)) return fail("test-page");
  if (status !== undefined && status !== 200) return fail("http-status");
  if (body.trim() === "") return fail("empty");
  if (!providerInstanceId || !body.includes(providerInstanceId)) return fail("wrong-page");
  return { ok: true, ...(status !== undefined ? { status } : {}) };
}
