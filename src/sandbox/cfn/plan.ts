/**
 * Everything CloudFormation checks before a stack exists: the template, the parameters, the
 * conditions, references, GetAtt attribute names, dependency cycles and IAM capabilities. A
 * problem here is a ValidationError (or InsufficientCapabilitiesException) from CreateStack.
 */
import type { Parameter } from "@aws-sdk/client-cloudformation";
import type { HandlerContext } from "../handler.js";
import { evaluateConditions } from "./conditions.js";
import { creationOrder, dependencies } from "./graph.js";
import { TemplateError, type Scope } from "./intrinsics.js";
import { resolveParameters, type ResolvedParameters } from "./parameters.js";
import { KNOWN_TYPES, providerFor } from "./resources/index.js";
import { eachPair, readTemplate, type ResourceDef, type Template } from "./template.js";

export interface Plan {
  template: Template;
  params: ResolvedParameters;
  conditions: Record<string, boolean>;
  /** Resources whose Condition (if any) is true. */
  resources: Record<string, ResourceDef>;
  deps: Record<string, string[]>;
  order: string[];
  refs: Record<string, unknown>;
}

function pseudoParameters(ctx: HandlerContext, stackName: string, stackId: string): Record<string, unknown> {
  return {
    "AWS::Region": ctx.region,
    "AWS::AccountId": ctx.world.accountId,
    "AWS::StackName": stackName,
    "AWS::StackId": stackId,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NotificationARNs": [],
  };
}

/** Checks every Ref / GetAtt / Sub target exists and every GetAtt attribute is one the type has. */
function checkReferences(value: unknown, known: (name: string) => boolean, resources: Record<string, ResourceDef>): void {
  eachPair(value, (k, v) => {
    if (k === "Ref" && typeof v === "string" && v !== "AWS::NoValue" && !known(v)) {
      throw new TemplateError(`Unresolved resource dependencies [${v}] in the Resources block of the template`);
    }
    if (k === "Fn::GetAtt") {
      const [id, attr] = typeof v === "string" ? v.split(/\.(.*)/s) : Array.isArray(v) ? v.map(String) : [];
      const def = id ? resources[id] : undefined;
      if (!def) throw new TemplateError(`instance of Fn::GetAtt references undefined resource ${id ?? ""}`);
      if (attr && !providerFor(def.Type).attributes.includes(attr)) {
        throw new TemplateError(`resource ${id ?? ""} does not support attribute type ${attr} in Fn::GetAtt`);
      }
    }
    return false;
  });
}

export function makePlan(ctx: HandlerContext, body: string, given: Parameter[] | undefined, stackName: string, stackId: string): Plan {
  const template = readTemplate(body, KNOWN_TYPES);
  const params = resolveParameters(ctx.region, template.Parameters, given);
  const refs = { ...pseudoParameters(ctx, stackName, stackId), ...params.values };
  const base: Omit<Scope, "conditions"> = {
    region: ctx.region,
    refs,
    resourceRef: (id) => {
      throw new TemplateError(`Unresolved resource dependencies [${id}] in the Resources block of the template`);
    },
    resourceAttr: (id) => {
      throw new TemplateError(`instance of Fn::GetAtt references undefined resource ${id}`);
    },
    isResource: () => false,
  };
  const conditions = evaluateConditions(template.Conditions, base);
  const resources: Record<string, ResourceDef> = {};
  for (const [id, def] of Object.entries(template.Resources)) {
    if (def.Condition !== undefined && !(def.Condition in conditions)) {
      throw new TemplateError(`Unresolved condition dependency ${def.Condition} in resource ${id}`);
    }
    if (def.Condition === undefined || conditions[def.Condition]) resources[id] = def;
  }
  const known = (name: string): boolean => name in refs || name in template.Resources;
  for (const def of Object.values(resources)) checkReferences(def.Properties, known, template.Resources);
  for (const out of Object.values(template.Outputs)) checkReferences(out.Value, known, template.Resources);
  const deps = dependencies(resources);
  const order = creationOrder(deps);
  return { template, params, conditions, resources, deps, order, refs };
}

/** The capability CreateStack must have been given, if any (ValidateTemplate names it too). */
export function requiredCapability(plan: Pick<Plan, "resources">): "CAPABILITY_NAMED_IAM" | "CAPABILITY_IAM" | undefined {
  let needed: "CAPABILITY_NAMED_IAM" | "CAPABILITY_IAM" | undefined;
  for (const def of Object.values(plan.resources)) {
    const provider = providerFor(def.Type);
    if (provider.namedIam?.(def.Properties)) return "CAPABILITY_NAMED_IAM";
    if (provider.namedIam) needed = "CAPABILITY_IAM";
  }
  return needed;
}
