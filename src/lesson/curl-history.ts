/**
 * A curl's trace in the Consumer instance's Run Command history (ListCommands, ListCommandInvocations): the tool's and
 * the learner's `aws ssm send-command` alike. (A Session Manager shell leaves none.)
 */
import type { Command, CommandInvocation } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../aws/clients.js";
import { allPages } from "../aws/pages.js";
import { awsPort } from "../aws/port.js";
import { curlVerdict, type CurlVerdict } from "./curl-proof.js";

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

export function curlTarget(commands: string[]): string | undefined {
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
