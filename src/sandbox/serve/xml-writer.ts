/**
 * The server side of AWS's XML answers: an operation's typed output written as the XML the SDK's
 * XmlShapeDeserializer reads back, walking the SDK's output schema. Element names are the member's
 * `xmlName` (EC2: `vpcEndpoint`, `subnetIdSet`) or its own name; a list wraps its items in
 * `member` (EC2: `item`, the list member's `xmlName`) unless it is flattened; a map is
 * `entry`/`key`/`value`. Text and attributes are escaped by the SDK's own XmlText and XmlNode;
 * the elements are written straight to text (a room's answers are many: no node tree per answer).
 */
import { XmlNode, XmlText } from "@aws-sdk/xml-builder";
import { NormalizedSchema } from "@smithy/core/schema";

function text(ns: NormalizedSchema, value: unknown): string {
  if (value instanceof Date) {
    const format = ns.isTimestampSchema() ? (ns.getMergedTraits() as { timestampFormat?: string }).timestampFormat : undefined;
    if (format === "epoch-seconds") return String(value.getTime() / 1000);
    if (format === "http-date") return value.toUTCString();
    return value.toISOString();
  }
  if (ns.isBlobSchema() && value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return String(value);
}

/** XML text being written: elements appended as strings (no node tree, one join at the end). */
class Out {
  readonly parts: string[] = [];
  open(name: string): number {
    return this.parts.push(`<${name}>`) - 1;
  }
  /** Closes what `open` began at `at`; an element that got nothing is written `<name/>`, as XmlNode writes it. */
  close(name: string, at: number): void {
    if (this.parts.length === at + 1) this.parts[at] = `<${name}/>`;
    else this.parts.push(`</${name}>`);
  }
  leaf(name: string, text: string): void {
    this.parts.push(`<${name}>${new XmlText(text).toString()}</${name}>`);
  }
}

/** `value` written into `out` as elements named `name` (several for a flattened list). */
function write(out: Out, name: string, ns: NormalizedSchema, value: unknown): void {
  if (value === undefined || value === null) return;
  const traits = ns.getMergedTraits() as { xmlFlattened?: boolean };
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return;
    const member = ns.getValueSchema();
    if (traits.xmlFlattened) {
      for (const item of value) write(out, name, member, item);
      return;
    }
    const at = out.open(name);
    const itemName = (member.getMergedTraits() as { xmlName?: string }).xmlName ?? "member";
    for (const item of value) write(out, itemName, member, item);
    out.close(name, at);
    return;
  }
  if (ns.isMapSchema()) {
    if (typeof value !== "object") return;
    const keyName = (ns.getKeySchema().getMergedTraits() as { xmlName?: string }).xmlName ?? "key";
    const valueSchema = ns.getValueSchema();
    const valueName = (valueSchema.getMergedTraits() as { xmlName?: string }).xmlName ?? "value";
    const at = traits.xmlFlattened ? -1 : out.open(name);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const entryName = traits.xmlFlattened ? name : "entry";
      const entry = out.open(entryName);
      out.leaf(keyName, k);
      write(out, valueName, valueSchema, v);
      out.close(entryName, entry);
    }
    if (at >= 0) out.close(name, at);
    return;
  }
  if (ns.isStructSchema()) {
    if (typeof value !== "object") return;
    const at = out.open(name);
    writeMembers(out, ns, value as Record<string, unknown>);
    out.close(name, at);
    return;
  }
  if (ns.isDocumentSchema()) return;
  out.leaf(name, text(ns, value));
}

/** The members of a structure `value`, appended to `out`. */
function writeMembers(out: Out, ns: NormalizedSchema, value: Record<string, unknown>): void {
  for (const [memberName, member] of ns.structIterator()) {
    const name = (member.getMemberTraits() as { xmlName?: string }).xmlName ?? memberName;
    write(out, name, member, value[memberName]);
  }
}

/** `<name xmlns="namespace">` (the namespace escaped as XmlNode escapes an attribute). */
function openWithNamespace(name: string, namespace: string): string {
  return new XmlNode(name).addAttribute("xmlns", namespace).toString().replace(/\/>$/, ">");
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** EC2's answer: `<DescribeVpcsResponse xmlns=...><requestId>…</requestId>…members…</…>`. */
export function ec2Answer(operation: string, namespace: string, outputSchema: unknown, output: Record<string, unknown>, requestId: string): string {
  const out = new Out();
  out.leaf("requestId", requestId);
  const ns = NormalizedSchema.of(outputSchema as never);
  if (ns.isStructSchema()) writeMembers(out, ns, output);
  return `${DECLARATION}${openWithNamespace(`${operation}Response`, namespace)}${out.parts.join("")}</${operation}Response>`;
}

/** awsQuery's answer: `<XxxResponse xmlns=...><XxxResult>…</XxxResult><ResponseMetadata>…`. */
export function queryAnswer(operation: string, namespace: string, outputSchema: unknown, output: Record<string, unknown>, requestId: string): string {
  const out = new Out();
  const ns = NormalizedSchema.of(outputSchema as never);
  if (ns.isStructSchema()) {
    const at = out.open(`${operation}Result`);
    writeMembers(out, ns, output);
    out.close(`${operation}Result`, at);
  }
  const metadata = out.open("ResponseMetadata");
  out.leaf("RequestId", requestId);
  out.close("ResponseMetadata", metadata);
  return `${DECLARATION}${openWithNamespace(`${operation}Response`, namespace)}${out.parts.join("")}</${operation}Response>`;
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
