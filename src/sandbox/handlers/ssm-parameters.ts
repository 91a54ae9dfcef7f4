/**
 * SSM GetParameter / GetParameters for AWS's public parameters (the AL2023 AMI ids). As on AWS,
 * GetParameter throws `ParameterNotFound` for an unknown name while GetParameters lists unknown
 * names in `InvalidParameters` and succeeds.
 */
import { handlers, type Ssm } from "../handler.js";
import { publicParameter } from "../public-parameters.js";

export const ssmParameterHandlers = handlers<Ssm>({
  GetParameterCommand: (ctx, input) => {
    const p = publicParameter(ctx.region, input.Name ?? "");
    if (!p) return ctx.fail("ParameterNotFound", "", 400);
    return { Parameter: { ...p } };
  },
  GetParametersCommand: (ctx, input) => {
    const names = input.Names ?? [];
    if (names.length === 0 || names.length > 10) {
      ctx.fail(
        "ValidationException",
        `1 validation error detected: Value '[${names.join(", ")}]' at 'names' failed to satisfy constraint: Member must have length ${names.length === 0 ? "greater than or equal to 1" : "less than or equal to 10"}`,
      );
    }
    const found = names.flatMap((n) => {
      const p = publicParameter(ctx.region, n);
      return p ? [p] : [];
    });
    return { Parameters: found, InvalidParameters: names.filter((n) => !publicParameter(ctx.region, n)) };
  },
});
