/**
 * Some query services name an error one way on the wire and another in the SDK: IAM answers
 * `<Code>NoSuchEntity</Code>`, and the SDK for JavaScript turns that into a
 * `NoSuchEntityException` (the modelled error's `awsQueryError` trait links the two). The sandbox
 * throws what the SDK would throw on AWS, and the served sandbox writes what AWS would write.
 * Both are read from the SDK's own error schemas (its TypeRegistry), never listed here.
 */
import { TypeRegistry } from "@smithy/core/schema";

/** The services the sandbox simulates. */
export type ServiceKey = "ec2" | "cloudformation" | "elbv2" | "ssm" | "sts" | "iam" | "servicequotas";

/** The namespace of each service's schemas in the SDK. */
export const SDK_NAMESPACE: Record<ServiceKey, string> = {
  ec2: "com.amazonaws.ec2",
  cloudformation: "com.amazonaws.cloudformation",
  elbv2: "com.amazonaws.elasticloadbalancingv2",
  ssm: "com.amazonaws.ssm",
  sts: "com.amazonaws.sts",
  iam: "com.amazonaws.iam",
  servicequotas: "com.amazonaws.servicequotas",
};

/** A modelled error schema: [-3, namespace, name, traits, ...]. */
type ErrorSchema = [number, string, string, { awsQueryError?: [string, number] } | number, ...unknown[]];

const cache = new Map<string, string>();

/** Only awsQuery services name errors apart (`awsQueryError`): the others never load the SDK's error registry (scripts/sdk-errors-on-first-read.mjs). */
const QUERY_SERVICES = new Set<ServiceKey>(["cloudformation", "elbv2", "sts", "iam"]);

function find(service: ServiceKey, match: (s: ErrorSchema) => boolean): ErrorSchema | undefined {
  const hit = TypeRegistry.for(SDK_NAMESPACE[service]).find((s) => Array.isArray(s) && s[0] === -3 && match(s as unknown as ErrorSchema));
  return hit as unknown as ErrorSchema | undefined;
}

const queryCode = (s: ErrorSchema): string | undefined => (typeof s[3] === "object" ? s[3].awsQueryError?.[0] : undefined);

function cached(key: string, look: () => string): string {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = look()));
  return value;
}

/** The name the SDK gives an error AWS sends as `code` (the code itself when they agree). */
export function sdkErrorName(service: ServiceKey, code: string): string {
  if (!QUERY_SERVICES.has(service)) return code;
  return cached(`${service}>${code}`, () => find(service, (s) => queryCode(s) === code)?.[2] ?? code);
}

/** The code AWS writes on the wire for the SDK's error `name` (the name itself when they agree). */
export function wireErrorCode(service: ServiceKey, name: string): string {
  if (!QUERY_SERVICES.has(service)) return name;
  return cached(`${service}<${name}`, () => {
    const schema = find(service, (s) => s[2] === name);
    return (schema && queryCode(schema)) ?? name;
  });
}

