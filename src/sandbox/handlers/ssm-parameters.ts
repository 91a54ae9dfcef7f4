/**
 * SSM GetParameter / GetParameters / GetParametersByPath for AWS's public parameters (the AL2023
 * AMI ids). As on AWS, GetParameter throws `ParameterNotFound` for an unknown name while
 * GetParameters lists unknown names in `InvalidParameters` and succeeds; a path lists the
 * parameters one level under it (every level with `Recursive`).
 */
import { handlers, type Ssm } from "../handler.js";
import { PUBLIC_AMI_PARAMETERS, publicParameter } from "../public-parameters.js";

export const ssmParameterHandlers = handlers<Ssm>({
  GetParametersByPathCommand: (ctx, input) => {
    const path = input.Path ?? "";
    if (!path.startsWith("/")) ctx.fail("ValidationException", `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/".`);
    const under = path.endsWith("/") ? path : `${path}/`;
    const names = PUBLIC_AMI_PARAMETERS.filter((n) => n.startsWith(under) && (input.Recursive || !n.slice(under.length).includes("/")));
    return { Parameters: names.map((n) => publicParameter(ctx.region, n)!) };
  },
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
