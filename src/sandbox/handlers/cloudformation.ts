/**
 * CloudFormation: stacks are planned whole when created or deleted (see src/sandbox/cfn/), and
 * every Describe shows the part of that history that has happened by now. ValidateTemplate reads a
 * template without making anything.
 */
import type { StackStatus } from "@aws-sdk/client-cloudformation";
import { createStackRecord, orValidationError, templateBody } from "../cfn/stacks.js";
import { deleteStack } from "../cfn/delete.js";
import { describeEvent, describeResources, describeStack, summarizeResources, summarizeStack } from "../cfn/view.js";
import { findStack, requireStack, visibleEvents } from "../cfn/view.js";
import { requiredCapability } from "../cfn/plan.js";
import { KNOWN_TYPES, providerFor } from "../cfn/resources/index.js";
import { readTemplate } from "../cfn/template.js";
import { type Cfn, type HandlerContext, handlers } from "../handler.js";
import { exists, type Stack } from "../world.js";

const PAGE = 100;

/** The page of `items` that `token` starts (each shaped by `shape`) under `key`, and the next page's token if any. */
function page<K extends string, T, S>(key: K, items: T[], token: string | undefined, shape: (item: T) => S) {
  const from = token ? Number(token) : 0;
  const next = from + PAGE < items.length ? { NextToken: String(from + PAGE) } : {};
  return { [key]: items.slice(from, from + PAGE).map(shape), ...next } as Record<K, S[]> & { NextToken?: string };
}

/** A stack found by name or by one of its resources' physical ids (DescribeStackResources allows both). */
function stackOfPhysicalId(ctx: HandlerContext, physicalId: string): Stack {
  const stack = Object.values(ctx.rw.stacks).find((s) => s.Resources.some((r) => r.PhysicalResourceId === physicalId));
  if (!stack) return ctx.fail("ValidationError", `Stack for ${physicalId} does not exist`);
  return stack;
}

export const cloudFormationHandlers = handlers<Cfn>({
  CreateStackCommand: (ctx, input) => ({
    StackId: createStackRecord(ctx, input).StackId,
  }),

  DescribeStacksCommand: (ctx, input) => {
    if (input.StackName) return { Stacks: [describeStack(requireStack(ctx, input.StackName), ctx.now)] };
    const stacks = Object.values(ctx.rw.stacks)
      .filter((s) => exists(s.life, ctx.now))
      .sort((a, b) => b.CreationTime - a.CreationTime);
    return page("Stacks", stacks, input.NextToken, (s) => describeStack(s, ctx.now));
  },

  /** Every stack that has started, deleted ones included (AWS keeps them listed for 90 days). */
  ListStacksCommand: (ctx, input) => {
    const wanted = input.StackStatusFilter;
    const summaries = Object.values(ctx.rw.stacks)
      .filter((s) => s.life.createdAt <= ctx.now)
      .sort((a, b) => b.CreationTime - a.CreationTime)
      .map((s) => summarizeStack(s, ctx.now))
      .filter((s) => !wanted || wanted.length === 0 || wanted.includes(s.StackStatus as StackStatus));
    return page("StackSummaries", summaries, input.NextToken, (s) => s);
  },

  DescribeStackEventsCommand: (ctx, input) => {
    const stack = requireStack(ctx, input.StackName);
    return page("StackEvents", visibleEvents(stack, ctx.now), input.NextToken, describeEvent);
  },

  DescribeStackResourcesCommand: (ctx, input) => {
    if (!input.StackName && !input.PhysicalResourceId) {
      ctx.fail("ValidationError", "Either StackName or PhysicalResourceId must be specified.");
    }
    const stack = input.StackName ? requireStack(ctx, input.StackName) : stackOfPhysicalId(ctx, input.PhysicalResourceId ?? "");
    const all = describeResources(stack, ctx.now);
    const wanted = all.filter((r) => !input.LogicalResourceId || r.LogicalResourceId === input.LogicalResourceId);
    return { StackResources: wanted };
  },

  DescribeStackResourceCommand: (ctx, input) => {
    const stack = requireStack(ctx, input.StackName);
    const r = describeResources(stack, ctx.now).find((x) => x.LogicalResourceId === input.LogicalResourceId);
    if (!r) return ctx.fail("ValidationError", `Resource ${input.LogicalResourceId ?? ""} does not exist for stack ${stack.StackName}`);
    const { Timestamp, ...rest } = r;
    return { StackResourceDetail: { ...rest, LastUpdatedTimestamp: Timestamp ?? new Date(ctx.now), Metadata: "{}" } };
  },

  ListStackResourcesCommand: (ctx, input) => {
    const stack = requireStack(ctx, input.StackName);
    return page("StackResourceSummaries", summarizeResources(stack, ctx.now), input.NextToken, (r) => r);
  },

  GetTemplateCommand: (ctx, input) => {
    const stack = requireStack(ctx, input.StackName);
    return { TemplateBody: stack.TemplateBody, StagesAvailable: ["Original", "Processed"] };
  },

  /** The template's Description, Parameters and the IAM capability it needs, as CloudFormation reads them. */
  ValidateTemplateCommand: (ctx, input) => {
    const body = templateBody(ctx, input);
    const t = orValidationError(ctx, () => readTemplate(body, KNOWN_TYPES));
    const capability = requiredCapability({ resources: t.Resources });
    const iamTypes = [...new Set(Object.values(t.Resources).map((r) => r.Type).filter((type) => providerFor(type).namedIam))].sort();
    return {
      Parameters: Object.entries(t.Parameters).map(([key, p]) => ({
        ParameterKey: key,
        ...(p.Default !== undefined ? { DefaultValue: String(p.Default) } : {}),
        NoEcho: String(p.NoEcho) === "true",
        ...(p.Description !== undefined ? { Description: String(p.Description) } : {}),
      })),
      ...(t.Description !== undefined ? { Description: t.Description } : {}),
      ...(capability ? { Capabilities: [capability], CapabilitiesReason: `The following resource(s) require capabilities: [${iamTypes.join(", ")}]` } : {}),
      DeclaredTransforms: [],
    };
  },

  DeleteStackCommand: (ctx, input) => {
    // Deleting a stack that does not exist succeeds and does nothing, as on AWS.
    const stack = findStack(ctx, input.StackName ?? "");
    if (stack) deleteStack(ctx, stack);
    return {};
  },
});
