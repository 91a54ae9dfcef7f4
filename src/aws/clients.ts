/**
 * The SDK clients the product uses, built for AWS (standard credential chain) or for the sandbox (same clients,
 * answered by the sandbox middleware). The SDK is imported lazily so that commands that need no AWS stay fast.
 */
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { STSClient } from "@aws-sdk/client-sts";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { HttpAuthScheme } from "@smithy/types";
import type { Sandbox } from "../sandbox/middleware.js";
import { parseSpeed, SPEED_HEADER, type Speed } from "../sandbox/clock.js";
import { LabError } from "../errors.js";
import { isAwsEndpoint, isLoopbackUrl } from "./endpoint-kind.js";
import { explainMissingProfile } from "./credentials.js";
import { AWS_MAX_ATTEMPTS, DEFAULT_TIMEOUT_SECONDS, guardNetwork, type NoAnswerListener } from "./network-guard.js";

export interface AwsClients {
  region: string;
  ec2: EC2Client;
  cfn: CloudFormationClient;
  elbv2: ElasticLoadBalancingV2Client;
  ssm: SSMClient;
  sts: STSClient;
  iam: IAMClient;
  quotas: ServiceQuotasClient;
  /** The named profile the credentials come from (--profile, else AWS_PROFILE), for the fixes that name it. */
  profile?: string;
  sandbox?: Sandbox;
  /** At an endpoint that is not AWS: the speed a served sandbox says on its answers (a sandbox or room served). */
  served?: { speed?: Speed };
}

interface AwsTarget {
  region: string;
  profile?: string;
  endpointUrl?: string;
  maxAttempts?: number;
  /** Seconds a request may go unanswered (PRIVATELINK_LAB_TIMEOUT). */
  timeoutSeconds?: number;
  /** Told once, at the first request left unanswered, that the SDK tries again (and how often). */
  onNoAnswer?: NoAnswerListener;
  /** The endpoint is the learner's workshop room (its name, as `join` recorded it): its silence and refused keys are said as the room's. */
  room?: string;
}

/** How fast AWS's time runs for these clients: the sandbox's speed (in process, or as a served one says it), else 1. */
export function awsSpeed(clients: Pick<AwsClients, "sandbox" | "served">): Speed {
  return clients.sandbox?.speed ?? clients.served?.speed ?? 1;
}

/** Keeps the speed a served sandbox says on each answer (SPEED_HEADER) in `served`. */
function readsSpeed<C extends Parameters<typeof guardNetwork>[0]>(client: C, served: { speed?: Speed }): C {
  const read = (next: (args: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>) => async (args: unknown) => {
    const out = await next(args);
    const speed = parseSpeed(out.response?.headers?.[SPEED_HEADER] ?? "");
    if (speed !== undefined) served.speed = speed;
    return out;
  };
  client.middlewareStack.add(read as never, { step: "deserialize", priority: "high", name: "privatelinkLabServedSpeed" });
  return client;
}

const HOST_OF_CLIENT = { ec2: "ec2", cfn: "cloudformation", elbv2: "elasticloadbalancing", ssm: "ssm", sts: "sts", iam: "iam", quotas: "servicequotas" } as const;

/** Clients for a real AWS account (or an emulator at `endpointUrl`). */
export async function createAwsClients(target: AwsTarget): Promise<AwsClients> {
  // No test may reach a real AWS endpoint (the timeout tests run a local server that never answers).
  if (process.env.PRIVATELINK_LAB_NO_AWS === "1" && !isLoopbackUrl(target.endpointUrl)) throw new LabError("error.awsForbidden", {}, { source: "internal" });
  const sdk = await import("./sdk.js");
  const seconds = target.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const ms = Math.round(seconds * 1000);
  const common = {
    region: target.region,
    // Each command class's middleware is resolved once per client (ours is added before the first request).
    cacheMiddleware: true,
    maxAttempts: target.maxAttempts ?? AWS_MAX_ATTEMPTS,
    retryMode: "adaptive" as const,
    // A server that accepts but never answers cannot hang a command.
    requestHandler: { connectionTimeout: ms, requestTimeout: ms, socketTimeout: ms, throwOnRequestTimeout: true },
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  };
  const breaker = {};
  const place = { seconds, attempts: common.maxAttempts, room: target.room };
  const endpointOf = (service: keyof typeof HOST_OF_CLIENT) =>
    target.endpointUrl ?? `https://${HOST_OF_CLIENT[service]}.${target.region}.amazonaws.com`;
  const profile = target.profile ?? process.env.AWS_PROFILE;
  // A served sandbox says its speed, on this computer or across the LAN (a workshop room); AWS's time runs at 1, whatever an answer says.
  const served = isAwsEndpoint(target.endpointUrl) ? undefined : {};
  const guard = <C extends Parameters<typeof guardNetwork>[0]>(client: C, service: keyof typeof HOST_OF_CLIENT): C =>
    explainMissingProfile(guardNetwork(served ? readsSpeed(client, served) : client, { ...place, endpoint: endpointOf(service) }, breaker, target.onNoAnswer), profile, process.env);
  return {
    region: target.region,
    ...(profile ? { profile } : {}),
    ...(served ? { served } : {}),
    ec2: guard(new sdk.EC2Client(common), "ec2"),
    cfn: guard(new sdk.CloudFormationClient(common), "cfn"),
    elbv2: guard(new sdk.ElasticLoadBalancingV2Client(common), "elbv2"),
    ssm: guard(new sdk.SSMClient(common), "ssm"),
    sts: guard(new sdk.STSClient(common), "sts"),
    iam: guard(new sdk.IAMClient(common), "iam"),
    quotas: guard(new sdk.ServiceQuotasClient(common), "quotas"),
  };
}

/**
 * The sandbox checks no signature, so its clients do not compute one (SigV4 hashes every request):
 * the credentials are still resolved and every other step of the SDK runs as against AWS.
 */
const UNSIGNED: HttpAuthScheme[] = [
  { schemeId: "aws.auth#sigv4", identityProvider: (config) => config.getIdentityProvider("aws.auth#sigv4"), signer: { sign: async (request) => request } },
];

/** The SDK middleware that only turns a command into HTTP: headers, body, length, user agent. */
const REQUEST_WRITERS = ["serializerMiddleware", "getUserAgentMiddleware", "hostHeaderMiddleware", "contentLengthMiddleware", "recursionDetectionMiddleware"];

interface RequestWritingClient {
  middlewareStack: {
    remove: (name: string) => boolean;
    add: (mw: never, options: { step: "serialize"; name: string }) => void;
  };
}

/**
 * The sandbox answers from the command's typed input and sends nothing, so its clients skip writing the HTTP request;
 * the rest of the SDK runs as against AWS. (`serializerMiddleware` keeps its name: the endpoint middleware is placed
 * relative to it.)
 */
function withoutRequestWriting<C extends RequestWritingClient>(client: C): C {
  for (const name of REQUEST_WRITERS) client.middlewareStack.remove(name);
  const noRequest = (next: (args: object) => Promise<unknown>) => (args: object) => next({ ...args, request: { headers: {} } });
  client.middlewareStack.add(noRequest as never, { step: "serialize", name: "serializerMiddleware" });
  return client;
}

/** The transport of sandbox clients: never reached (reaching it is a bug, said as one). */
const NO_TRANSPORT = {
  handle: (): never => {
    throw new Error("privatelink-lab: a sandbox client tried to send a request over the network");
  },
  updateHttpClientConfig: (): void => undefined,
  httpHandlerConfigs: () => ({}),
};

/** Clients answered by the sandbox. Retries use short delays so injected faults stay fast. */
export async function createSandboxClients(sandbox: Sandbox, region: string, maxAttempts = 4): Promise<AwsClients> {
  const sdk = await import("./sdk.js");
  const common = {
    region,
    cacheMiddleware: true,
    credentials: { accessKeyId: "SANDBOXACCESSKEY", secretAccessKey: "sandbox-secret-not-used" },
    httpAuthSchemes: UNSIGNED,
    retryStrategy: new sdk.ConfiguredRetryStrategy(maxAttempts, (attempt: number) => Math.min(20 * 2 ** attempt, 200)),
    // Answered in-process (the sandbox middleware returns before the transport): no HTTP agent is made.
    requestHandler: NO_TRANSPORT,
  };
  return {
    region,
    sandbox,
    ec2: sandbox.attach(withoutRequestWriting(new sdk.EC2Client(common))),
    cfn: sandbox.attach(withoutRequestWriting(new sdk.CloudFormationClient(common))),
    elbv2: sandbox.attach(withoutRequestWriting(new sdk.ElasticLoadBalancingV2Client(common))),
    ssm: sandbox.attach(withoutRequestWriting(new sdk.SSMClient(common))),
    sts: sandbox.attach(withoutRequestWriting(new sdk.STSClient(common))),
    iam: sandbox.attach(withoutRequestWriting(new sdk.IAMClient(common))),
    quotas: sandbox.attach(withoutRequestWriting(new sdk.ServiceQuotasClient(common))),
  };
}
