/**
 * Runs the `commands` of `AWS-RunShellScript` on the simulated consumer instance. The agent
 * writes them to `_script.sh` and runs it with bash as root: commands run in order, `&&`/`||`
 * short-circuit, `|` feeds stdout on, and the script's exit status is the last command's (no
 * `set -e`). A few harmless commands exist besides curl; anything else is "command not found"
 * (exit 127), which bash reports with the script path and line.
 */
import { runCurl } from "../../reachability/curl.js";
import { parseScript, type SimpleCommand } from "./shell-words.js";
import { runBuiltin, type CommandResult, type ScriptContext } from "./shell-builtins.js";

/** What the script printed; `reason`: that of the last curl that ran (what the product explains), if any. */
export type ScriptResult = Omit<CommandResult, "exit">;

function runOne(cmd: SimpleCommand, stdin: string, ctx: ScriptContext): CommandResult {
  const [name, ...args] = cmd.words;
  if (name === "curl") return runCurl(args, ctx.facts, { now: ctx.now });
  const builtin = runBuiltin(name ?? "", args, stdin, ctx);
  if (builtin) return builtin;
  return { exitCode: 127, stdout: "", stderr: `${ctx.scriptPath}: line ${cmd.line}: ${name}: command not found\n`, durationMs: 1 };
}

export function runShellScript(script: string, ctx: ScriptContext): ScriptResult {
  const parsed = parseScript(script);
  if (!parsed.ok) {
    return { exitCode: 2, stdout: "", stderr: `${ctx.scriptPath}: line ${parsed.line}: ${parsed.message}\n`, durationMs: 1 };
  }
  const out: ScriptResult = { exitCode: 0, stdout: "", stderr: "", durationMs: 0 };
  let last: CommandResult | undefined;
  for (const cmd of parsed.commands) {
    if (cmd.joinedBy === "&&" && last && last.exitCode !== 0) continue;
    if (cmd.joinedBy === "||" && last && last.exitCode === 0) continue;
    const piped = cmd.joinedBy === "|" && last !== undefined;
    const stdin = piped ? last!.stdout : "";
    const result = runOne(cmd, stdin, ctx);
    // A piped command's input was the previous one's output: it is not printed twice.
    if (piped) out.stdout = out.stdout.slice(0, out.stdout.length - stdin.length);
    out.stdout += result.stdout;
    out.stderr += result.stderr;
    out.durationMs += result.durationMs;
    if (result.reason) out.reason = result.reason;
    last = result;
    if (result.exit) break;
  }
  out.exitCode = last?.exitCode ?? 0;
  return out;
}
