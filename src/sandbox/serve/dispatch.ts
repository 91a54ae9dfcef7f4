/**
 * One request, read whole, answered: who signed it (SigV4), which service and operation it names
 * (credential scope, `Action` or `X-Amz-Target`), its input read from the SDK's model, the
 * sandbox's answer, written back in the service's protocol. Nothing here knows any operation.
 */
import { randomUUID } from "node:crypto";
import type { Sandbox } from "../middleware.js";
import { regionInfo } from "../regions.js";
import { wireErrorCode } from "../error-names.js";
import { READ_ONLY } from "../handler.js";
import { authError, errorAnswer, jsonReader, okAnswer, type Answer, type WireError } from "./answers.js";
import { parseForm } from "./form.js";
import { loadedOperations, MODEL_BY_SIGNING_NAME, operationsOf, type Operation, type Protocol, type ServiceModel } from "./models.js";
import { QueryInputError, QueryInputReader } from "./query-parser.js";
import { checkSignature, readAuthorization, type IncomingSigned, type SandboxCredentials, type SignedScope } from "./sigv4.js";

export interface DispatchOptions {
  sandbox: Sandbox;
  credentials: SandboxCredentials;
  /** When set, the only region this endpoint answers for. */
  region?: string;
  /** Told of a request the sandbox failed on (answered 500 InternalFailure): a sandbox bug. */
  onInternalError?: (err: unknown, operation: string) => void;
  /** More key pairs than `credentials` (a workshop room's, one per participant), by access key id. */
  keyFor?: (accessKeyId: string) => SandboxCredentials | undefined;
  /** Consulted before a signed call reaches the sandbox: an error here is the answer, and nothing changes. */
  authorize?: (call: SignedCall) => WireError | undefined;
  /** Told after a call that may have changed the account (not a read: READ_ONLY) was answered with success. */
  onChanged?: (operation: string, accessKeyId: string) => void;
  /** The IAM user name a key's calls are made as (GetCallerIdentity, refusals); default the sandbox's learner. */
  callerOf?: (accessKeyId: string) => string | undefined;
}

/** A call whose signature checked out, as `authorize` sees it. */
export interface SignedCall {
  accessKeyId: string;
  /** The sandbox's service key (`ec2`, `cloudformation`, ...) and the SDK command (`DeleteVpcEndpointsCommand`). */
  service: string;
  command: string;
  /** The operation's wire name (`DeleteVpcEndpoints`). */
  operation: string;
  input: Record<string, unknown>;
  region: string;
}

function header(req: IncomingSigned, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Services whose REST protocol answers errors in XML (the others' REST answers them in JSON). */
const REST_XML = new Set(["s3", "s3-control", "route53", "cloudfront"]);

/**
 * The protocol a request speaks, before we know who sent it (for errors about the sender, and for
 * services the sandbox does not simulate): `X-Amz-Target` is JSON; `Action=` is a query protocol;
 * neither is REST, whose errors `aws lambda …` and the like read as JSON.
 */
function protocolGuess(req: IncomingSigned, service: string | undefined): { protocol: Protocol; namespace?: string } {
  if (header(req, "x-amz-target") !== undefined) return { protocol: "awsJson1_1" };
  const model = service ? MODEL_BY_SIGNING_NAME.get(service) : undefined;
  if (model) return { protocol: model.protocol, ...(model.xmlNamespace ? { namespace: model.xmlNamespace } : {}) };
  const form = req.body.toString("latin1") + "&" + req.url.split("?")[1];
  if (service && !REST_XML.has(service) && !/(^|&)Action=/.test(form)) return { protocol: "awsJson1_1" };
  return { protocol: /(^|&)Version=2016-11-15(&|$)/.test(form) ? "ec2Query" : "awsQuery" };
}

/** An error the sandbox (or the SDK-shaped exception it threw) reports, as sent on the wire. */
function wireErrorOf(err: unknown): WireError | undefined {
  if (!(err instanceof Error)) return undefined;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === undefined) return undefined;
  return { code: err.name, message: err.message, status };
}

/** The answer to one request; synchronous once the service's model is loaded (the server loads them all before it listens). */
export function dispatch(req: IncomingSigned, opts: DispatchOptions): Answer | Promise<Answer> {
  const requestId = randomUUID();
  const auth = readAuthorization(header(req, "authorization"));
  const guess = protocolGuess(req, "service" in auth ? auth.service : undefined);
  const fail = (e: WireError, model?: ServiceModel): Answer =>
    errorAnswer(model?.protocol ?? guess.protocol, model?.xmlNamespace ?? guess.namespace, e, requestId);

  if ("kind" in auth) return fail(authError(guess.protocol, auth));
  const key = auth.accessKeyId === opts.credentials.accessKeyId ? opts.credentials : (opts.keyFor?.(auth.accessKeyId) ?? opts.credentials);
  const problem = checkSignature(req, auth, key, (r) => regionInfo(r) !== undefined && (!opts.region || r === opts.region), Date.now());
  if (problem) return fail(authError(guess.protocol, problem));
  const model = MODEL_BY_SIGNING_NAME.get(auth.service);
  const target = header(req, "x-amz-target");
  if (!model) {
    const code = guess.protocol === "awsJson1_1" ? "UnknownOperationException" : "InvalidAction";
    return fail({ code, message: `The sandbox does not simulate the service ${auth.service}.`, status: 400 });
  }
  const operations = loadedOperations.get(model.service);
  if (!operations) return operationsOf(model).then(() => dispatch(req, opts));

  if (model.protocol === "awsJson1_1") {
    const [prefix, name] = (target ?? "").split(".", 2);
    const op = prefix === model.targetPrefix && name ? operations.get(name) : undefined;
    if (!op) return fail({ code: "UnknownOperationException", message: `The sandbox does not simulate ${target ?? "this operation"}.`, status: 400 }, model);
    let input: Record<string, unknown>;
    try {
      const text = req.body.toString("utf8");
      const data: unknown = text.trim() === "" ? {} : JSON.parse(text);
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
      input = (jsonReader().readObject(op.schema[4] as never, data as never) ?? {}) as Record<string, unknown>;
    } catch {
      return fail({ code: "SerializationException", message: "The request body is not a JSON object of this operation's input.", status: 400 }, model);
    }
    return answer(model, op, input, auth, opts, requestId, fail);
  }

  const q = req.url.indexOf("?");
  let params = parseForm(q < 0 ? "" : req.url.slice(q + 1));
  const type = header(req, "content-type") ?? "";
  if (params && req.body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) params = parseForm(req.body.toString("utf8"), params);
  if (!params) return fail({ code: "MalformedQueryString", message: "The query string contains a syntax error.", status: 404 }, model);
  const action = params.get("Action");
  if (!action) return fail({ code: "MissingAction", message: "The request must contain the parameter Action.", status: 400 }, model);
  const op = operations.get(action);
  if (!op) return fail({ code: "InvalidAction", message: `The action ${action} is not valid for this web service (the sandbox does not simulate it).`, status: 400 }, model);
  let input: Record<string, unknown>;
  try {
    input = new QueryInputReader(model.protocol === "ec2Query").read(op.schema[4], params);
  } catch (err) {
    if (err instanceof QueryInputError) return fail({ code: err.code, message: err.message, status: 400 }, model);
    throw err;
  }
  return answer(model, op, input, auth, opts, requestId, fail);
}

/** The sandbox's answer to `op` with `input`, called as the signer of `auth`; a refusal or failure as its wire error. */
function answer(
  model: ServiceModel,
  { command, schema }: Operation,
  input: Record<string, unknown>,
  { accessKeyId, region }: SignedScope,
  opts: DispatchOptions,
  requestId: string,
  fail: (e: WireError, model?: ServiceModel) => Answer,
): Answer {
  const operation = schema[2];
  const refused = opts.authorize?.({ accessKeyId, service: model.service, command, operation, input, region });
  if (refused) return fail(refused, model);
  let output: object;
  try {
    output = opts.sandbox.call(model.service, command, input, region, opts.callerOf?.(accessKeyId));
  } catch (err) {
    const wire = wireErrorOf(err);
    if (wire) return fail({ ...wire, code: wireErrorCode(model.service, wire.code) }, model);
    opts.onInternalError?.(err, operation);
    return fail({ code: model.protocol === "awsJson1_1" ? "InternalServerError" : "InternalFailure", message: "The sandbox could not answer this request.", status: 500 }, model);
  }
  if (opts.onChanged && !READ_ONLY.test(operation)) opts.onChanged(operation, accessKeyId);
  return okAnswer(model, operation, schema[5], output as Record<string, unknown>, requestId);
}
