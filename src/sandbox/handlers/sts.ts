import type { GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput } from "@aws-sdk/client-sts";
import { handler, type HandlerTable } from "../handler.js";

export const stsHandlers: HandlerTable = {
  GetCallerIdentityCommand: handler<GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput>((ctx) => ({
    Account: ctx.world.accountId,
    UserId: "AIDASANDBOXLEARNER0000",
    Arn: `arn:aws:iam::${ctx.world.accountId}:user/sandbox-learner`,
  })),
};
