import { handlers, type Sts } from "../handler.js";

export const stsHandlers = handlers<Sts>({
  GetCallerIdentityCommand: (ctx) => ({
    Account: ctx.world.accountId,
    // IAM user ids are AIDA + 17 characters; this one is derived from the user's name.
    UserId: `AIDA${ctx.caller.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "0").slice(0, 17)}`,
    Arn: `arn:aws:iam::${ctx.world.accountId}:user/${ctx.caller}`,
  }),
});
