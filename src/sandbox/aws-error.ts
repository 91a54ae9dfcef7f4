/**
 * Errors the sandbox throws look exactly like the SDK's: an instance of the service's own
 * `ServiceException` class, with AWS's error code as `name`, `$fault` and `$metadata`.
 */
import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { CloudFormationServiceException } from "@aws-sdk/client-cloudformation";
import { ElasticLoadBalancingV2ServiceException } from "@aws-sdk/client-elastic-load-balancing-v2";
import { SSMServiceException } from "@aws-sdk/client-ssm";
import { STSServiceException } from "@aws-sdk/client-sts";
import { IAMServiceException } from "@aws-sdk/client-iam";
import { ServiceQuotasServiceException } from "@aws-sdk/client-service-quotas";
import { sdkErrorName, type ServiceKey } from "./error-names.js";

export type { ServiceKey };

const EXCEPTION_CLASS = {
  ec2: EC2ServiceException,
  cloudformation: CloudFormationServiceException,
  elbv2: ElasticLoadBalancingV2ServiceException,
  ssm: SSMServiceException,
  sts: STSServiceException,
  iam: IAMServiceException,
  servicequotas: ServiceQuotasServiceException,
} as const;

/** An SDK-shaped service exception; the SDK's retry strategy treats it like a real one. */
export function awsError(service: ServiceKey, code: string, message: string, status = STATUS[code] ?? 400): Error {
  const err = new EXCEPTION_CLASS[service]({
    // (IAM's `NoSuchEntity` reaches a JavaScript caller as `NoSuchEntityException`: see error-names.ts)
    name: sdkErrorName(service, code),
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, requestId: "sandbox-" + Math.random().toString(16).slice(2, 10) },
    message,
  });
  // Some SDK helpers read `Code` (EC2 query errors) as well as `name`.
  return Object.assign(err, { Code: code });
}

/** Status codes AWS uses for well-known error codes; any other (`Throttling`, `AccessDeniedException`...) is 400. */
const STATUS: Record<string, number> = {
  Unavailable: 503,
  ServiceUnavailable: 503,
  InternalError: 500,
  InternalFailure: 500,
  InternalServerError: 500,
  ServiceUnavailableException: 503,
  RequestLimitExceeded: 503,
  AccessDenied: 403,
  UnauthorizedOperation: 403,
};
