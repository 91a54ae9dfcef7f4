/**
 * What the served sandbox sends back: an operation's output or an error, in the shape and with the
 * HTTP status each protocol uses on AWS (EC2 query, awsQuery, awsJson1_1).
 */
import { JsonShapeDeserializer2, JsonShapeSerializer2 } from "@smithy/core/protocols";
import { ec2Answer, ec2Error, queryAnswer, queryError } from "./xml-writer.js";
import type { Protocol, ServiceModel } from "./models.js";
import type { AuthProblem } from "./sigv4.js";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Close the connection after answering (the rest of the request was not read). */
  close?: boolean;
}

const XML = "text/xml;charset=UTF-8";
const JSON_TYPE = "application/x-amz-json-1.1";

/** awsJson1_1's settings, as the SDK's AwsJsonRpcProtocol sets them: epoch-second timestamps. */
const JSON_SETTINGS = { timestampFormat: { useTrait: true, default: 7 as const }, jsonName: false };

export function jsonReader(): JsonShapeDeserializer2 {
  return new JsonShapeDeserializer2(JSON_SETTINGS);
}

export function okAnswer(model: ServiceModel, operation: string, outputSchema: unknown, output: Record<string, unknown>, requestId: string): Answer {
  const headers = { "x-amzn-requestid": requestId };
  if (model.protocol === "awsJson1_1") {
    const writer = new JsonShapeSerializer2(JSON_SETTINGS);
    writer.write(outputSchema as never, output);
    return { status: 200, headers: { ...headers, "content-type": JSON_TYPE }, body: writer.flush() };
  }
  const xml = model.protocol === "ec2Query"
    ? ec2Answer(operation, model.xmlNamespace ?? "", outputSchema, output, requestId)
    : queryAnswer(operation, model.xmlNamespace ?? "", outputSchema, output, requestId);
  return { status: 200, headers: { ...headers, "content-type": XML }, body: xml };
}

export interface WireError {
  code: string;
  message: string;
  status: number;
}

/** The error `e` in `protocol`'s shape (`namespace`: the awsQuery service's XML namespace). */
export function errorAnswer(protocol: Protocol, namespace: string | undefined, e: WireError, requestId: string): Answer {
  const headers: Record<string, string> = { "x-amzn-requestid": requestId };
  if (protocol === "awsJson1_1") {
    headers["content-type"] = JSON_TYPE;
    headers["x-amzn-errortype"] = e.code;
    return { status: e.status, headers, body: JSON.stringify({ __type: e.code, message: e.message }) };
  }
  headers["content-type"] = XML;
  const body = protocol === "ec2Query" ? ec2Error(e.code, e.message, requestId) : queryError(namespace, e.code, e.message, e.status, requestId);
  return { status: e.status, headers, body };
}

/** Sign-in failures, as each protocol's AWS services name them. */
export function authError(protocol: Protocol, problem: AuthProblem): WireError {
  const detail = problem.kind === "incomplete" ? problem.message : problem.kind === "badRegion" ? problem.scope.region : "";
  const json = protocol === "awsJson1_1";
  const ec2 = protocol === "ec2Query";
  switch (problem.kind) {
    case "missing":
      return json
        ? { code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", status: 400 }
        : { code: "MissingAuthenticationToken", message: "Request is missing Authentication Token", status: ec2 ? 401 : 403 };
    case "incomplete":
      return { code: json ? "IncompleteSignatureException" : "IncompleteSignature", message: detail, status: 400 };
    case "unknownKey":
      if (json) return { code: "UnrecognizedClientException", message: "The security token included in the request is invalid.", status: 400 };
      if (ec2) return { code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", status: 401 };
      return { code: "InvalidClientTokenId", message: "The security token included in the request is invalid.", status: 403 };
    case "mismatch":
      if (json) return { code: "InvalidSignatureException", message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", status: 400 };
      if (ec2) return { code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", status: 401 };
      return { code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", status: 403 };
    case "badRegion":
      if (json) return { code: "InvalidSignatureException", message: `Credential should be scoped to a valid region. ${detail}`, status: 400 };
      if (ec2) return { code: "AuthFailure", message: `Credential should be scoped to a valid region, not '${detail}'.`, status: 401 };
      return { code: "SignatureDoesNotMatch", message: `Credential should be scoped to a valid region, not '${detail}'.`, status: 403 };
    case "expired":
      return json
        ? { code: "InvalidSignatureException", message: "Signature expired: the request time is more than 15 minutes from the server's time.", status: 400 }
        : { code: "RequestExpired", message: "Request has expired: its time is more than 15 minutes from the server's time.", status: 400 };
  }
}
