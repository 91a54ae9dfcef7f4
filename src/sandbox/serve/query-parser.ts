/**
 * The server side of AWS's query protocols: a form (`Action=CreateVpcEndpoint&SubnetId.1=...`)
 * read back into the operation's typed input, walking the SDK's input schema the way the SDK's
 * QueryShapeSerializer walked it to write the form. EC2 capitalises keys, prefers `ec2QueryName`
 * and flattens every list (`SubnetId.1`); awsQuery uses `xmlName` and wraps lists in `member`
 * (`Tags.member.1.Key`) unless the list is flattened; maps are `entry.N.key` / `entry.N.value`.
 */
import { NormalizedSchema } from "@smithy/core/schema";

/** The form's keys as a tree: `Tags.member.1.Key` is Tags → member → 1 → Key. */
interface KeyNode {
  value?: string;
  children: Map<string, KeyNode>;
}

/** Nesting deeper than any of our operations needs (bounds what a hostile form costs). */
const MAX_DEPTH = 24;

export class QueryInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function treeOf(params: URLSearchParams): KeyNode {
  const root: KeyNode = { children: new Map() };
  for (const [key, value] of params) {
    if (key === "Action" || key === "Version") continue;
    const parts = key.split(".");
    if (parts.length > MAX_DEPTH) throw new QueryInputError("InvalidParameterValue", `The parameter ${key} is nested too deeply.`);
    let node = root;
    for (const part of parts) {
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = { children: new Map() }));
      node = next;
    }
    node.value = value;
  }
  return root;
}

/** Indexes 1..N in order (AWS reads `Name.1`, `Name.2`, ...; a gap ends nothing, order is numeric). */
function indexed(node: KeyNode): KeyNode[] {
  return [...node.children.entries()]
    .filter(([k]) => /^[1-9]\d{0,5}$/.test(k))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, n]) => n);
}

export class QueryInputReader {
  constructor(private readonly ec2: boolean) {}

  read(schema: unknown, params: URLSearchParams): Record<string, unknown> {
    const ns = NormalizedSchema.of(schema as never);
    if (!ns.isStructSchema()) return {};
    return this.struct(ns, treeOf(params), 0);
  }

  private key(memberName: string, traits: { xmlName?: string; ec2QueryName?: string }, struct: boolean): string {
    if (this.ec2 && traits.ec2QueryName) return traits.ec2QueryName;
    const key = traits.xmlName ?? memberName;
    return this.ec2 && struct ? key[0]!.toUpperCase() + key.slice(1) : key;
  }

  private struct(ns: NormalizedSchema, node: KeyNode, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [memberName, member] of ns.structIterator()) {
      const child = node.children.get(this.key(memberName, member.getMergedTraits() as never, true));
      if (!child) continue;
      const value = this.value(member, child, depth + 1);
      if (value !== undefined) out[memberName] = value;
    }
    return out;
  }

  private value(ns: NormalizedSchema, node: KeyNode, depth: number): unknown {
    if (depth > MAX_DEPTH) return undefined;
    if (ns.isListSchema()) {
      const flat = this.ec2 || Boolean(ns.getMergedTraits().xmlFlattened);
      const member = ns.getValueSchema();
      const items = flat ? node : node.children.get(this.key("member", member.getMergedTraits() as never, false));
      if (!items) return node.value !== undefined ? [] : undefined; // `Tags=` is an empty list
      return indexed(items).map((n) => this.value(member, n, depth + 1)).filter((v) => v !== undefined);
    }
    if (ns.isMapSchema()) {
      const flat = Boolean(ns.getMergedTraits().xmlFlattened);
      const entries = flat ? node : node.children.get("entry");
      const out: Record<string, unknown> = {};
      if (!entries) return node.value !== undefined ? out : undefined;
      const keyName = this.key("key", ns.getKeySchema().getMergedTraits() as never, false);
      const valueName = this.key("value", ns.getValueSchema().getMergedTraits() as never, false);
      for (const entry of indexed(entries)) {
        const k = entry.children.get(keyName)?.value;
        const v = entry.children.get(valueName);
        if (k === undefined || k === "__proto__" || !v) continue;
        out[k] = this.value(ns.getValueSchema(), v, depth + 1);
      }
      return out;
    }
    if (ns.isStructSchema()) return this.struct(ns, node, depth);
    return node.value === undefined ? undefined : scalar(ns, node.value);
  }
}

/** A form value as the member's type: AWS rejects a value it cannot read as that type. */
function scalar(ns: NormalizedSchema, text: string): unknown {
  if (ns.isBooleanSchema()) {
    if (text === "true" || text === "false") return text === "true";
    throw new QueryInputError("InvalidParameterValue", `Value (${text}) for parameter is invalid. Expected a boolean.`);
  }
  if (ns.isNumericSchema()) {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) throw new QueryInputError("InvalidParameterValue", `Value (${text}) for parameter is invalid. Expected a number.`);
    return n;
  }
  if (ns.isTimestampSchema()) {
    const d = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
    if (Number.isNaN(d.getTime())) throw new QueryInputError("InvalidParameterValue", `Value (${text}) for parameter is invalid. Expected a timestamp.`);
    return d;
  }
  if (ns.isBlobSchema()) return new Uint8Array(Buffer.from(text, "base64"));
  return text;
}
