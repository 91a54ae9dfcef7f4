/**
 * The server side of AWS's XML answers: an operation's typed output written as the XML the SDK's
 * XmlShapeDeserializer reads back, walking the SDK's output schema. Element names are the member's
 * `xmlName` (EC2: `vpcEndpoint`, `subnetIdSet`) or its own name; a list wraps its items in
 * `member` (EC2: `item`, the list member's `xmlName`) unless it is flattened; a map is
 * `entry`/`key`/`value`. Built with the SDK's own XmlNode, which escapes text and attributes.
 */
import { XmlNode, XmlText } from "@aws-sdk/xml-builder";
import { NormalizedSchema } from "@smithy/core/schema";

function timestamp(ns: NormalizedSchema, value: Date): string {
  const format = (ns.getMergedTraits() as { timestampFormat?: string }).timestampFormat;
  if (format === "epoch-seconds") return String(value.getTime() / 1000);
  if (format === "http-date") return value.toUTCString();
  return value.toISOString();
}

function text(ns: NormalizedSchema, value: unknown): string {
  if (ns.isTimestampSchema() && value instanceof Date) return timestamp(ns, value);
  if (ns.isBlobSchema() && value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `value` written into `parent` as elements named `name` (several for a flattened list). */
function write(parent: XmlNode, name: string, ns: NormalizedSchema, value: unknown): void {
  if (value === undefined || value === null) return;
  const traits = ns.getMergedTraits() as { xmlFlattened?: boolean };
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return;
    const member = ns.getValueSchema();
    if (traits.xmlFlattened) {
      for (const item of value) write(parent, name, member, item);
      return;
    }
    const list = new XmlNode(name);
    const itemName = (member.getMergedTraits() as { xmlName?: string }).xmlName ?? "member";
    for (const item of value) write(list, itemName, member, item);
    parent.addChildNode(list);
    return;
  }
  if (ns.isMapSchema()) {
    if (typeof value !== "object") return;
    const keyName = (ns.getKeySchema().getMergedTraits() as { xmlName?: string }).xmlName ?? "key";
    const valueSchema = ns.getValueSchema();
    const valueName = (valueSchema.getMergedTraits() as { xmlName?: string }).xmlName ?? "value";
    const holder = traits.xmlFlattened ? parent : new XmlNode(name);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const entry = new XmlNode(traits.xmlFlattened ? name : "entry");
      entry.addChildNode(new XmlNode(keyName).addChildNode(new XmlText(k)));
      write(entry, valueName, valueSchema, v);
      holder.addChildNode(entry);
    }
    if (holder !== parent) parent.addChildNode(holder);
    return;
  }
  if (ns.isStructSchema()) {
    if (typeof value !== "object") return;
    const node = new XmlNode(name);
    writeMembers(node, ns, value as Record<string, unknown>);
    parent.addChildNode(node);
    return;
  }
  if (ns.isDocumentSchema()) return;
  parent.addChildNode(new XmlNode(name).addChildNode(new XmlText(text(ns, value))));
}

/** The members of a structure `value`, as children of `node`. */
export function writeMembers(node: XmlNode, ns: NormalizedSchema, value: Record<string, unknown>): void {
  for (const [memberName, member] of ns.structIterator()) {
    const name = (member.getMemberTraits() as { xmlName?: string }).xmlName ?? memberName;
    write(node, name, member, value[memberName]);
  }
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** EC2's answer: `<DescribeVpcsResponse xmlns=...><requestId>…</requestId>…members…</…>`. */
export function ec2Answer(operation: string, namespace: string, outputSchema: unknown, output: Record<string, unknown>, requestId: string): string {
  const root = new XmlNode(`${operation}Response`).addAttribute("xmlns", namespace);
  root.addChildNode(new XmlNode("requestId").addChildNode(new XmlText(requestId)));
  const ns = NormalizedSchema.of(outputSchema as never);
  if (ns.isStructSchema()) writeMembers(root, ns, output);
  return DECLARATION + root.toString();
}

/** awsQuery's answer: `<XxxResponse xmlns=...><XxxResult>…</XxxResult><ResponseMetadata>…`. */
export function queryAnswer(operation: string, namespace: string, outputSchema: unknown, output: Record<string, unknown>, requestId: string): string {
  const root = new XmlNode(`${operation}Response`).addAttribute("xmlns", namespace);
  const ns = NormalizedSchema.of(outputSchema as never);
  if (ns.isStructSchema()) {
    const result = new XmlNode(`${operation}Result`);
    writeMembers(result, ns, output);
    root.addChildNode(result);
  }
  root.addChildNode(new XmlNode("ResponseMetadata").addChildNode(new XmlNode("RequestId").addChildNode(new XmlText(requestId))));
  return DECLARATION + root.toString();
}

/** EC2's error: `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…`. */
export function ec2Error(code: string, message: string, requestId: string): string {
  const error = new XmlNode("Error").addChildNode(XmlNode.of("Code", code)).addChildNode(XmlNode.of("Message", message));
  const root = new XmlNode("Response").addChildNode(new XmlNode("Errors").addChildNode(error)).addChildNode(XmlNode.of("RequestID", requestId));
  return DECLARATION + root.toString();
}

/** awsQuery's error: `<ErrorResponse xmlns=...><Error><Type>Sender</Type><Code>…`. */
export function queryError(namespace: string | undefined, code: string, message: string, status: number, requestId: string): string {
  const error = new XmlNode("Error")
    .addChildNode(XmlNode.of("Type", status >= 500 ? "Receiver" : "Sender"))
    .addChildNode(XmlNode.of("Code", code))
    .addChildNode(XmlNode.of("Message", message));
  const root = new XmlNode("ErrorResponse");
  if (namespace) root.addAttribute("xmlns", namespace);
  root.addChildNode(error).addChildNode(XmlNode.of("RequestId", requestId));
  return DECLARATION + root.toString();
}
