import { handlers, type Sts } from "../handler.js";

export const stsHandlers = handlers<Sts>({
  GetCallerIdentityCommand: (ctx) => ({
    Account: ctx.world.accountId,
    UserId: "AIDASANDBOXLEARNER0000",
    Arn: `arn:aws:iam::${ctx.world.accountId}:user/sandbox-learner`,
  }),
});
