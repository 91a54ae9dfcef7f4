/**
 * What a curl proves: success is the Provider's own page (naming its instance) with HTTP 200; exit 0 also comes with an
 * empty answer or Apache's 403 test page (`curl -sS` without `-f`). Pure, whoever sent the command. Its trace is in the
 * Consumer instance's Run Command history (the tool's and the learner's `aws ssm send-command` alike; a Session Manager
 * shell leaves none).
 */
import type { Command, CommandInvocation } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../aws/clients.js";
import { allPages } from "../aws/pages.js";
import { awsPort } from "../aws/port.js";
import type { RunResult } from "./ssm-run.js";

/** Appended by the tool's own curl (`-w`), so the status is known; a learner's curl has none. */
export const STATUS_MARK = "PRIVATELINK_LAB_HTTP_STATUS:";

export type CurlFailure = "exit" | "empty" | "test-page" | "http-status" | "wrong-page";

export type CurlVerdict =
  | { ok: true; status?: number }
  | { ok: false; reason: CurlFailure; status?: number; exitCode: number; firstLines: string };

const TEST_PAGE = /Test Page for the (Apache )?HTTP Server|<h1>It works!<\/h1>/i;

/** The first few lines of what came back, for the learner to see. */
function firstLines(text: string, lines = 4, width = 160): string {
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

export interface CurlTrace {
  commandId: string;
  /** The host name curl was pointed at (the endpoint's regional or zonal name, or another). */
  target: string;
  /** ms epoch the command was sent. */
  at: number;
  verdict: CurlVerdict;
}

const PAGES = 5;
const CURL_URL = /\bcurl\b[^\n;|&]*?https?:\/\/([a-z0-9.-]+)/i;

function curlTarget(commands: string[]): string | undefined {
  for (const c of commands) {
    const m = CURL_URL.exec(c);
    if (m?.[1]) return m[1].toLowerCase();
  }
  return undefined;
}

/** The plugin output AWS shows: stdout, then stderr after an `----------ERROR-------` line. */
function split(output: string): { stdout: string; stderr: string } {
  const at = output.indexOf("----------ERROR-------");
  return at < 0 ? { stdout: output, stderr: "" } : { stdout: output.slice(0, at), stderr: output.slice(at + 22) };
}

/** Pure: the history (commands and their invocations) to traces of curl runs that have finished. */
export function curlTraces(commands: Command[], invocations: CommandInvocation[], instanceId: string, providerInstanceId: string | undefined): CurlTrace[] {
  const traces: CurlTrace[] = [];
  for (const cmd of commands) {
    const target = curlTarget(cmd.Parameters?.["commands"] ?? []);
    if (!target || !cmd.CommandId) continue;
    const inv = invocations.find((i) => i.CommandId === cmd.CommandId && i.InstanceId === instanceId);
    const plugin = inv?.CommandPlugins?.[0];
    if (!inv || !plugin || /^(Pending|InProgress|Delayed)$/.test(String(inv.Status))) continue;
    const { stdout, stderr } = split(plugin.Output ?? "");
    traces.push({
      commandId: cmd.CommandId,
      target,
      at: (cmd.RequestedDateTime ?? inv.RequestedDateTime)?.getTime() ?? 0,
      verdict: curlVerdict({ exitCode: plugin.ResponseCode ?? -1, stdout, stderr }, providerInstanceId),
    });
  }
  return traces.sort((a, b) => b.at - a.at);
}

/** The Consumer instance's curl runs, newest first. */
export async function readCurlTraces(clients: AwsClients, instanceId: string, providerInstanceId: string | undefined): Promise<CurlTrace[]> {
  const [commands, invocations] = await Promise.all([
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ssm.listCommands({ InstanceId: instanceId, MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Commands ?? [], next: out.NextToken };
    }, PAGES),
    allPages(async (NextToken) => {
      const out = await awsPort(clients).ssm.listCommandInvocations({ InstanceId: instanceId, Details: true, MaxResults: 50, ...(NextToken ? { NextToken } : {}) });
      return { items: out.CommandInvocations ?? [], next: out.NextToken };
    }, PAGES),
  ]);
  return curlTraces(commands, invocations, instanceId, providerInstanceId);
}
