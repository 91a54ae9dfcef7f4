/** Real SDK clients (real HTTP, real SigV4 signing) pointed at a served sandbox. */
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient } from "@aws-sdk/client-iam";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import type { ServedSandbox } from "../../src/sandbox/serve/server.js";

export function servedClients(served: Pick<ServedSandbox, "url" | "credentials">, region: string, maxAttempts = 4) {
  const common = {
    region,
    endpoint: served.url,
    credentials: served.credentials,
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) => Math.min(20 * 2 ** attempt, 200)),
  };
  return {
    ec2: new EC2Client(common),
    cfn: new CloudFormationClient(common),
    elbv2: new ElasticLoadBalancingV2Client(common),
    ssm: new SSMClient(common),
    sts: new STSClient(common),
    iam: new IAMClient(common),
    quotas: new ServiceQuotasClient(common),
  };
}
