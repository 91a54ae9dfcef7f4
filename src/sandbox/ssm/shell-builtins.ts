/**
 * The few commands besides curl the simulated instance knows: `echo`, `hostname`, `whoami`
 * (Run Command runs as root), `true`, `false`, `sleep`, `exit`, `cat`/`head`/`grep` for pipes.
 */
import type { ReachabilityFacts } from "../../reachability/facts.js";
import type { CurlReason } from "../../reachability/curl.js";

export interface ScriptContext {
  facts: ReachabilityFacts;
  now: number;
  /** How bash names the script in its errors (`/var/lib/amazon/ssm/.../_script.sh`). */
  scriptPath: string;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  reason?: CurlReason;
  /** `exit N` stops the script. */
  exit?: boolean;
}

const ok = (stdout = "", durationMs = 1): CommandResult => ({ exitCode: 0, stdout, stderr: "", durationMs });

function echo(args: string[]): CommandResult {
  const noNewline = args[0] === "-n";
  const words = noNewline ? args.slice(1) : args;
  return ok(words.join(" ") + (noNewline ? "" : "\n"));
}

function head(args: string[], stdin: string): CommandResult {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n") n = Number(args[++i] ?? "10");
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
  }
  const lines = stdin.split("\n");
  const hadNewline = stdin.endsWith("\n");
  const kept = lines.slice(0, hadNewline ? Math.min(n, lines.length - 1) : n);
  return ok(kept.length > 0 ? kept.join("\n") + "\n" : "");
}

function grep(args: string[], stdin: string): CommandResult {
  const ignoreCase = args.includes("-i");
  const pattern = args.find((a) => !a.startsWith("-"));
  if (pattern === undefined) return { exitCode: 2, stdout: "", stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", durationMs: 1 };
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const matches = stdin.split("\n").filter((l, i, all) => !(i === all.length - 1 && l === "") && norm(l).includes(norm(pattern)));
  return { exitCode: matches.length > 0 ? 0 : 1, stdout: matches.map((l) => l + "\n").join(""), stderr: "", durationMs: 1 };
}

export function runBuiltin(name: string, args: string[], stdin: string, ctx: ScriptContext): CommandResult | undefined {
  switch (name) {
    case "echo":
      return echo(args);
    case "hostname":
      return ok((ctx.facts.consumer.PrivateDnsName ?? `ip-${ctx.facts.consumer.PrivateIpAddress.replaceAll(".", "-")}`) + "\n");
    case "whoami":
      return ok("root\n");
    case "true":
      return ok();
    case "false":
      return { exitCode: 1, stdout: "", stderr: "", durationMs: 1 };
    case "sleep":
      return ok("", Math.max(0, Number(args[0] ?? "0")) * 1000 || 0);
    case "exit":
      return { exitCode: Number(args[0] ?? "0") & 255, stdout: "", stderr: "", durationMs: 0, exit: true };
    case "cat":
      return ok(stdin);
    case "head":
      return head(args, stdin);
    case "grep":
      return grep(args, stdin);
    default:
      return undefined;
  }
}
