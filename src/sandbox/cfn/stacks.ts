/** CreateStack: validation as AWS does it, then the stack record and its planned history. */
import type { CreateStackCommandInput } from "@aws-sdk/client-cloudformation";
import type { HandlerContext } from "../handler.js";
import { randomUuid, type Stack } from "../world.js";
import { runCreation } from "./create.js";
import { CircularDependencyError } from "./graph.js";
import { TemplateError } from "./intrinsics.js";
import { ParameterError } from "./parameters.js";
import { makePlan, requiredCapability, type Plan } from "./plan.js";
import { TemplateFormatError } from "./yaml.js";
import { findStack } from "./view.js";

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** `read()`, with a problem in the template or its parameters answered as CloudFormation's ValidationError. */
export function orValidationError<T>(ctx: HandlerContext, read: () => T): T {
  try {
    return read();
  } catch (e) {
    const known = [TemplateFormatError, TemplateError, ParameterError, CircularDependencyError];
    if (known.some((k) => e instanceof k)) return ctx.fail("ValidationError", (e as Error).message);
    throw e;
  }
}

type TemplateSource = Pick<CreateStackCommandInput, "TemplateBody" | "TemplateURL">;

/** The template a CreateStack or ValidateTemplate call gives (the sandbox cannot fetch a TemplateURL). */
export function templateBody(ctx: HandlerContext, input: TemplateSource): string {
  return input.TemplateBody || ctx.fail(
    "ValidationError", input.TemplateURL ? "The sandbox needs TemplateBody; TemplateURL is not simulated." : "Either Template URL or Template Body must be specified.",
  );
}

function checkCapabilities(ctx: HandlerContext, plan: Plan, given: string[]): void {
  const needed = requiredCapability(plan);
  if (!needed) return;
  const ok = needed === "CAPABILITY_IAM" ? given.includes("CAPABILITY_IAM") || given.includes("CAPABILITY_NAMED_IAM") : given.includes(needed);
  if (!ok) ctx.fail("InsufficientCapabilitiesException", `Requires capabilities : [${needed}]`);
}

export function createStackRecord(ctx: HandlerContext, input: CreateStackCommandInput): Stack {
  const name = input.StackName ?? "";
  if (!STACK_NAME.test(name)) {
    ctx.fail(
      "ValidationError",
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  if (findStack(ctx, name)) ctx.fail("AlreadyExistsException", `Stack [${name}] already exists`);
  const body = templateBody(ctx, input);
  const StackId = `arn:aws:cloudformation:${ctx.region}:${ctx.world.accountId}:stack/${name}/${randomUuid()}`;
  const plan = orValidationError(ctx, () => makePlan(ctx, body, input.Parameters, name, StackId));
  const capabilities = (input.Capabilities ?? []).map(String);
  checkCapabilities(ctx, plan, capabilities);
  const stack: Stack = {
    StackId,
    StackName: name,
    ...(plan.template.Description ? { Description: plan.template.Description } : {}),
    Parameters: plan.params.view,
    Tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
    Capabilities: capabilities,
    Outputs: [],
    TemplateBody: body,
    Resources: [],
    Events: [],
    StatusTimeline: [],
    CreationTime: ctx.now,
    life: { createdAt: ctx.now, readyAt: ctx.now },
  };
  ctx.rw.stacks[StackId] = stack;
  runCreation(ctx, stack, plan);
  return stack;
}
