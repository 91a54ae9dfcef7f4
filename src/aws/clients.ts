/**
 * The five SDK clients the product uses, built for AWS (standard credential chain) or for the
 * sandbox (same clients, answered by the sandbox middleware). The SDK is imported lazily here so
 * that `--help` and other commands that need no AWS stay fast.
 */
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { STSClient } from "@aws-sdk/client-sts";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { Sandbox } from "../sandbox/middleware.js";
import { LabError } from "../errors.js";

export interface AwsClients {
  region: string;
  ec2: EC2Client;
  cfn: CloudFormationClient;
  elbv2: ElasticLoadBalancingV2Client;
  ssm: SSMClient;
  sts: STSClient;
  iam: IAMClient;
  quotas: ServiceQuotasClient;
  /** Present when these clients talk to the sandbox. */
  sandbox?: Sandbox;
}

export interface AwsTarget {
  region: string;
  profile?: string;
  endpointUrl?: string;
  /** Retry attempts (SDK standard/adaptive); tests lower the delays through `retryDelayMs`. */
  maxAttempts?: number;
}

// The SDK warns on Node 20 about releases after January 2027; our pinned range supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function loadSdk() {
  return import("./sdk.js");
}

/** Clients for a real AWS account (or an emulator at `endpointUrl`). */
export async function createAwsClients(target: AwsTarget): Promise<AwsClients> {
  // The test suites set this: no test may ever reach for a real AWS endpoint.
  if (process.env.PRIVATELINK_LAB_NO_AWS === "1") throw new LabError("error.awsForbidden", {}, { source: "internal" });
  const sdk = await loadSdk();
  const common = {
    region: target.region,
    maxAttempts: target.maxAttempts ?? 6,
    retryMode: "adaptive" as const,
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  };
  return {
    region: target.region,
    ec2: new sdk.EC2Client(common),
    cfn: new sdk.CloudFormationClient(common),
    elbv2: new sdk.ElasticLoadBalancingV2Client(common),
    ssm: new sdk.SSMClient(common),
    sts: new sdk.STSClient(common),
    iam: new sdk.IAMClient(common),
    quotas: new sdk.ServiceQuotasClient(common),
  };
}

/** Clients answered by the sandbox. Retries use short delays so injected faults stay fast. */
export async function createSandboxClients(sandbox: Sandbox, region: string, maxAttempts = 4): Promise<AwsClients> {
  const sdk = await loadSdk();
  const common = {
    region,
    credentials: { accessKeyId: "SANDBOXACCESSKEY", secretAccessKey: "sandbox-secret-not-used" },
    retryStrategy: new sdk.ConfiguredRetryStrategy(maxAttempts, (attempt: number) => Math.min(20 * 2 ** attempt, 200)),
  };
  return {
    region,
    sandbox,
    ec2: sandbox.attach(new sdk.EC2Client(common)),
    cfn: sandbox.attach(new sdk.CloudFormationClient(common)),
    elbv2: sandbox.attach(new sdk.ElasticLoadBalancingV2Client(common)),
    ssm: sandbox.attach(new sdk.SSMClient(common)),
    sts: sandbox.attach(new sdk.STSClient(common)),
    iam: sandbox.attach(new sdk.IAMClient(common)),
    quotas: sandbox.attach(new sdk.ServiceQuotasClient(common)),
  };
}
