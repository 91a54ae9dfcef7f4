/**
 * curl's command line as typed: `-s -S -f -v -I/--head -i -m N/--max-time N --connect-timeout N -o FILE -w FORMAT -L --version`;
 * short options cluster (`-sSf`) and take values attached (`-m5`) or next. Unknown options fail as curl 8 does (exit 2).
 */

export interface CurlOptions {
  url?: string;
  silent: boolean;
  /** `--no-progress-meter`: no meter, but errors still shown. */
  noProgress: boolean;
  showError: boolean;
  fail: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  /** `-m` (whole transfer), seconds. */
  maxTime?: number;
  /** `--connect-timeout`, seconds. */
  connectTimeout?: number;
  output?: string;
  writeOut?: string;
  version: boolean;
}

type CurlArgs = { ok: true; options: CurlOptions } | { ok: false; exitCode: number; stderr: string };

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

type Flag = { [K in keyof CurlOptions]-?: CurlOptions[K] extends boolean ? K : never }[keyof CurlOptions];

const FLAGS: Record<string, Flag> = {
  s: "silent",
  silent: "silent",
  S: "showError",
  "show-error": "showError",
  f: "fail",
  fail: "fail",
  v: "verbose",
  verbose: "verbose",
  I: "head",
  head: "head",
  i: "include",
  include: "include",
  V: "version",
  version: "version",
  "no-progress-meter": "noProgress",
};
/** Options that are accepted and change nothing the model shows. */
const IGNORED = new Set(["L", "location", "k", "insecure", "4", "ipv4", "n", "netrc", "compressed"]);
const WITH_VALUE = new Set(["m", "max-time", "connect-timeout", "o", "output", "w", "write-out", "H", "header", "A", "user-agent", "X", "request"]);

function emptyOptions(): CurlOptions {
  return { silent: false, noProgress: false, showError: false, fail: false, verbose: false, head: false, include: false, version: false };
}

/** A command line curl refuses (exit 2). */
function usage(message: string): CurlArgs {
  return { ok: false, exitCode: 2, stderr: `curl: ${message}\n${TRY_HELP}` };
}

function setValue(o: CurlOptions, name: string, value: string): CurlArgs | undefined {
  const seconds = Number(value);
  if (name === "m" || name === "max-time" || name === "connect-timeout") {
    const option = `--${name.length === 1 ? "max-time" : name}`;
    if (!Number.isFinite(seconds) || seconds < 0) return usage(`option ${option}: expected a proper numerical parameter`);
    if (name === "connect-timeout") o.connectTimeout = seconds;
    else o.maxTime = seconds;
  } else if (name === "o" || name === "output") o.output = value;
  else if (name === "w" || name === "write-out") o.writeOut = value;
  return undefined;
}

function setFlag(o: CurlOptions, name: string, shown: string): CurlArgs | undefined {
  if (IGNORED.has(name)) return undefined;
  const key = FLAGS[name];
  if (!key) return usage(`option ${shown}: is unknown`);
  o[key] = true;
  return undefined;
}

export function parseCurlArgs(words: readonly string[]): CurlArgs {
  const o = emptyOptions();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith("--") && word.length > 2) {
      const [name, attached] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (WITH_VALUE.has(name)) {
        const value = attached ?? words[++i];
        if (value === undefined) return usage(`option ${word}: requires parameter`);
        const bad = setValue(o, name, value);
        if (bad) return bad;
      } else {
        const bad = setFlag(o, name, word);
        if (bad) return bad;
      }
    } else if (word.startsWith("-") && word.length > 1) {
      const bad = parseCluster(o, word, () => words[++i]);
      if (bad) return bad;
    } else if (o.url === undefined) o.url = word;
  }
  if (!o.url && !o.version) return usage("no URL specified");
  return { ok: true, options: o };
}

/** `-sSo /dev/null`, `-m5`, `-w%{http_code}`. */
function parseCluster(o: CurlOptions, word: string, next: () => string | undefined): CurlArgs | undefined {
  for (let j = 1; j < word.length; j++) {
    const letter = word[j]!;
    if (WITH_VALUE.has(letter)) {
      const value = j + 1 < word.length ? word.slice(j + 1) : next();
      if (value === undefined) return usage(`option -${letter}: requires parameter`);
      return setValue(o, letter, value);
    }
    const bad = setFlag(o, letter, `-${letter}`);
    if (bad) return bad;
  }
  return undefined;
}

export interface ParsedUrl {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
}

/** `http://host[:port][/path]`; a URL without a scheme is http, as curl guesses. */
export function parseUrl(url: string): ParsedUrl | { exitCode: number; stderr: string } {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::([^/?#]*))?([^#]*)/.exec(url.trim());
  if (!m || !m[2]) return { exitCode: 3, stderr: "curl: (3) URL rejected: Malformed input to a URL function\n" };
  const scheme = (m[1] ?? "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https") {
    return { exitCode: 1, stderr: `curl: (1) Protocol "${scheme}" not supported\n` };
  }
  const port = m[3] === undefined || m[3] === "" ? (scheme === "https" ? 443 : 80) : Number(m[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { exitCode: 3, stderr: "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n" };
  }
  const path = m[4] && m[4].startsWith("/") ? m[4] : "/" + (m[4] ?? "");
  return { scheme, host: m[2], port, path };
}
