/** The SDK client classes, named one by one (imported lazily by `clients.ts`) so the bundle leaves out unused commands. */
export { EC2Client } from "@aws-sdk/client-ec2";
export { CloudFormationClient } from "@aws-sdk/client-cloudformation";
export { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
export { SSMClient } from "@aws-sdk/client-ssm";
export { STSClient } from "@aws-sdk/client-sts";
export { IAMClient } from "@aws-sdk/client-iam";
export { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
export { ConfiguredRetryStrategy } from "@smithy/core/retry";
