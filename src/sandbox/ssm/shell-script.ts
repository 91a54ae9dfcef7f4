/**
 * Runs the `commands` of `AWS-RunShellScript` on the simulated consumer instance. The agent
 * writes them to `_script.sh` and runs it with bash as root: commands run in order, `&&`/`||`
 * short-circuit, `|` feeds stdout on, and the script's exit status is the last command's (no
 * `set -e`). Besides curl the instance knows `echo`, `hostname`, `whoami`, `true`, `false`, `sleep`,
 * `exit`, and `cat`/`head`/`grep` for pipes; anything else is "command not found" (exit 127),
 * which bash reports with the script path and line.
 */
import type { ReachabilityFacts } from "../../reachability/facts.js";
import { runCurl, type CurlReason } from "../../reachability/curl.js";
import { parseScript } from "./shell-words.js";

export interface ScriptContext {
  facts: ReachabilityFacts;
  now: number;
  /** How bash names the script in its errors (`/var/lib/amazon/ssm/.../_script.sh`). */
  scriptPath: string;
}

interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  reason?: CurlReason;
  /** `exit N` stops the script. */
  exit?: boolean;
}

/** What the script printed; `reason`: that of the last curl that ran (what the product explains), if any. */
type ScriptResult = Omit<CommandResult, "exit">;

function result(exitCode: number, stdout = "", stderr = "", durationMs = 1): CommandResult {
  return { exitCode, stdout, stderr, durationMs };
}

function echo(args: string[]): CommandResult {
  const noNewline = args[0] === "-n";
  const words = noNewline ? args.slice(1) : args;
  return result(0, words.join(" ") + (noNewline ? "" : "\n"));
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
  return result(0, kept.length > 0 ? kept.join("\n") + "\n" : "");
}

function grep(args: string[], stdin: string): CommandResult {
  const ignoreCase = args.includes("-i");
  const pattern = args.find((a) => !a.startsWith("-"));
  if (pattern === undefined) return result(2, "", "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const matches = stdin.split("\n").filter((l, i, all) => !(i === all.length - 1 && l === "") && norm(l).includes(norm(pattern)));
  return result(matches.length > 0 ? 0 : 1, matches.map((l) => l + "\n").join(""));
}

type Command = (args: string[], stdin: string, ctx: ScriptContext) => CommandResult;

const COMMANDS = new Map<string, Command>(
  Object.entries({
    curl: (args, _stdin, ctx) => runCurl(args, ctx.facts, { now: ctx.now }),
    echo,
    hostname: (_args, _stdin, { facts: { consumer } }) =>
      result(0, `${consumer.PrivateDnsName ?? `ip-${consumer.PrivateIpAddress.replaceAll(".", "-")}`}\n`),
    whoami: () => result(0, "root\n"),
    true: () => result(0),
    false: () => result(1),
    sleep: (args) => result(0, "", "", Math.max(0, Number(args[0] ?? "0")) * 1000 || 0),
    exit: (args) => ({ ...result(Number(args[0] ?? "0") & 255, "", "", 0), exit: true }),
    cat: (_args, stdin) => result(0, stdin),
    head,
    grep,
  } satisfies Record<string, Command>),
);

export function runShellScript(script: string, ctx: ScriptContext): ScriptResult {
  const parsed = parseScript(script);
  if (!parsed.ok) return result(2, "", `${ctx.scriptPath}: line ${parsed.line}: ${parsed.message}\n`);
  const out: ScriptResult = result(0, "", "", 0);
  let last: CommandResult | undefined;
  for (const cmd of parsed.commands) {
    if (cmd.joinedBy === "&&" && last && last.exitCode !== 0) continue;
    if (cmd.joinedBy === "||" && last && last.exitCode === 0) continue;
    const stdin = cmd.joinedBy === "|" && last ? last.stdout : undefined;
    const [name = "", ...args] = cmd.words;
    const run = COMMANDS.get(name);
    const notFound = () => result(127, "", `${ctx.scriptPath}: line ${cmd.line}: ${name}: command not found\n`);
    const ran = run ? run(args, stdin ?? "", ctx) : notFound();
    // A piped command's input was the previous one's output: it is not printed twice.
    if (stdin !== undefined) out.stdout = out.stdout.slice(0, out.stdout.length - stdin.length);
    out.stdout += ran.stdout;
    out.stderr += ran.stderr;
    out.durationMs += ran.durationMs;
    if (ran.reason) out.reason = ran.reason;
    last = ran;
    if (ran.exit) break;
  }
  out.exitCode = last?.exitCode ?? 0;
  return out;
}
