/**
 * The service models the served sandbox reads requests and writes answers with: the operation
 * schemas the AWS SDK v3 command classes carry, loaded lazily the first time a request arrives.
 * Only the commands the sandbox answers are named (sdk-commands.ts, so the bundle keeps only their
 * schemas): those of the handler tables, and those the product sends with `DryRun` only (`CreateVpc`,
 * `RunInstances`). The parity test (test/serve/parity.test.ts) holds this list to the handler tables.
 */
import type { ServiceKey } from "../aws-error.js";
import { SDK_NAMESPACE } from "../error-names.js";

/** An SDK command class: every instance carries its operation schema. */
type CommandClass = new (input: never) => { schema?: unknown };

export type Protocol = "ec2Query" | "awsQuery" | "awsJson1_1";

export interface ServiceModel {
  service: ServiceKey;
  protocol: Protocol;
  /** The SigV4 signing name (the service in the credential scope). */
  signingName: string;
  /** The namespace AWS writes on its XML answers (query protocols). */
  xmlNamespace?: string;
  /** `X-Amz-Target` prefix (JSON protocol). */
  targetPrefix?: string;
  /** The service's SDK command classes, by class name. */
  commands: () => Promise<Record<string, unknown>>;
}

/** The operation tuple SDK schemas use: [9, namespace, name, traits, input, output]. */
export type OperationSchema = [number, string, string, unknown, unknown, unknown];

/** The operation schema an SDK command class's instances carry. */
function schemaOf(Cls: unknown): OperationSchema {
  return new (Cls as CommandClass)({} as never).schema as OperationSchema;
}

let byNamespace: Promise<Map<string, Record<string, unknown>>> | undefined;

/** The command classes (by class name) of the service whose schemas are in `namespace`. */
async function commandsIn(namespace: string): Promise<Record<string, unknown>> {
  byNamespace ??= import("./sdk-commands.js").then((all) => {
    const groups = new Map<string, Record<string, unknown>>();
    for (const [name, Cls] of Object.entries(all)) {
      const ns = schemaOf(Cls)[1];
      groups.set(ns, { ...groups.get(ns), [name]: Cls });
    }
    return groups;
  });
  return (await byNamespace).get(namespace) ?? {};
}

/** Each service's protocol, SigV4 signing name, and XML namespace (query) or `X-Amz-Target` prefix (JSON). */
const SERVICES: Record<ServiceKey, Omit<ServiceModel, "service" | "commands">> = {
  ec2: { protocol: "ec2Query", signingName: "ec2", xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15/" },
  cloudformation: { protocol: "awsQuery", signingName: "cloudformation", xmlNamespace: "http://cloudformation.amazonaws.com/doc/2010-05-15/" },
  elbv2: { protocol: "awsQuery", signingName: "elasticloadbalancing", xmlNamespace: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/" },
  sts: { protocol: "awsQuery", signingName: "sts", xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/" },
  iam: { protocol: "awsQuery", signingName: "iam", xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/" },
  ssm: { protocol: "awsJson1_1", signingName: "ssm", targetPrefix: "AmazonSSM" },
  servicequotas: { protocol: "awsJson1_1", signingName: "servicequotas", targetPrefix: "ServiceQuotasV20190624" },
};

export const SERVICE_MODELS = Object.fromEntries(
  (Object.keys(SERVICES) as ServiceKey[]).map((service) => [service, { service, ...SERVICES[service], commands: () => commandsIn(SDK_NAMESPACE[service]) }]),
) as Record<ServiceKey, ServiceModel>;

/** The service a SigV4 credential scope names. */
export const MODEL_BY_SIGNING_NAME: ReadonlyMap<string, ServiceModel> = new Map(Object.values(SERVICE_MODELS).map((m) => [m.signingName, m]));

export interface Operation {
  command: string;
  schema: OperationSchema;
}
type Operations = Map<string, Operation>;
const loaded = new Map<ServiceKey, Promise<Operations>>();
/** The operations of each service loaded so far (the server loads every service's before it listens). */
const ready = new Map<ServiceKey, Operations>();
export const loadedOperations: ReadonlyMap<ServiceKey, Operations> = ready;

/** The operations of a service by wire name (`DescribeVpcs`), with their SDK command names. */
export function operationsOf(model: ServiceModel): Promise<Operations> {
  let ops = loaded.get(model.service);
  if (!ops) {
    ops = model.commands().then((classes) => {
      const byName: Operations = new Map();
      for (const Cls of Object.values(classes)) {
        const schema = schemaOf(Cls);
        // The SDK's command name, whatever sdk-commands.ts exports it as (EC2 and ELBv2 both have DescribeTags).
        byName.set(schema[2], { command: `${schema[2]}Command`, schema });
      }
      ready.set(model.service, byName);
      return byName;
    });
    loaded.set(model.service, ops);
  }
  return ops;
}
