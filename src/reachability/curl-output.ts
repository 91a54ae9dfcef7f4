/** Pieces of curl's output: the progress meter (on stderr when stdout is not a terminal) and `-w`. */
import type { ParsedUrl } from "./curl-args.js";

const METER_HEAD =
  "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
  "                                 Dload  Upload   Total   Spent    Left  Speed\n";

/** curl's "Time Spent" column: `--:--:--` under a second, else ` 0:00:05`. */
function spent(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s === 0) return "--:--:--";
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}`.padStart(8);
}

/** The meter as Run Command captures it: lines overwritten with `\r`, the last one kept. */
export function progressMeter(bytes: number, durationMs: number, failed = false): string {
  const zero = `  0     0    0     0    0     0      0      0 --:--:-- ${spent(failed ? durationMs : 0)} --:--:--     0`;
  if (failed) return `${METER_HEAD}\r${zero}\n`;
  const size = String(bytes).padStart(5);
  const speed = String(Math.round((bytes * 1000) / Math.max(durationMs, 1))).padStart(6);
  const done = `100 ${size}  100 ${size}    0     0 ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed.slice(-5)}`;
  return `${METER_HEAD}\r${zero}\r${done}\n`;
}

export interface WriteOutValues {
  httpCode: number;
  remoteIp: string;
  url: ParsedUrl | undefined;
  exitCode: number;
  durationMs: number;
}

/** `-w` with the variables people use, and curl's backslash escapes (`\n`, `\t`, `\r`). */
export function formatWriteOut(format: string, v: WriteOutValues): string {
  const vars: Record<string, string> = {
    http_code: String(v.httpCode).padStart(3, "0"),
    response_code: String(v.httpCode).padStart(3, "0"),
    remote_ip: v.remoteIp,
    remote_port: v.url ? String(v.url.port) : "0",
    exitcode: String(v.exitCode),
    time_total: (v.durationMs / 1000).toFixed(6),
    time_connect: (v.durationMs / 2000).toFixed(6),
    url_effective: v.url ? `${v.url.scheme}://${v.url.host}${v.url.port === (v.url.scheme === "https" ? 443 : 80) ? "" : `:${v.url.port}`}${v.url.path}` : "",
  };
  return format
    .replace(/%\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole)
    .replace(/\\([ntr\\])/g, (_m, c: string) => ({ n: "\n", t: "\t", r: "\r", "\\": "\\" })[c] ?? c);
}
