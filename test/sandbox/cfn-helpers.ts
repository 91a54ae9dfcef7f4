/** Shared setup for the CloudFormation sandbox tests: real SDK clients over a fresh sandbox. */
import { readFileSync } from "node:fs";
import { CreateStackCommand, DescribeStacksCommand, type Parameter } from "@aws-sdk/client-cloudformation";
import { createSandboxClients, type AwsClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore, type WorldStore } from "../../src/sandbox/store.js";

export const CONSUMER = readFileSync(new URL("../../templates/Consumer.yml", import.meta.url), "utf8");
export const PROVIDER = readFileSync(new URL("../../templates/Provider.yml", import.meta.url), "utf8");

export interface Lab {
  sandbox: Sandbox;
  clock: ManualClock;
  clients: AwsClients;
}

export async function lab(region = "ap-northeast-1", speed = 0, store: WorldStore = new MemoryStore(), clock = new ManualClock()): Promise<Lab> {
  const sandbox = new Sandbox({ store, clock, speed });
  return { sandbox, clock, clients: await createSandboxClients(sandbox, region) };
}

export function params(values: Record<string, string>): Parameter[] {
  return Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}

export async function deploy(l: Lab, name: string, body: string, values: Record<string, string> = {}) {
  return l.clients.cfn.send(
    new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: params(values), Capabilities: ["CAPABILITY_NAMED_IAM"] }),
  );
}

export async function stackStatus(l: Lab, name: string): Promise<string | undefined> {
  const out = await l.clients.cfn.send(new DescribeStacksCommand({ StackName: name }));
  return out.Stacks?.[0]?.StackStatus;
}
