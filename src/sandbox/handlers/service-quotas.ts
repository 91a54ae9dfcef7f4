/**
 * Service Quotas: GetServiceQuota (the account's applied value) and GetAWSDefaultServiceQuota
 * (AWS's default), for the quotas in `model/quotas.ts`. Unknown codes fail as on AWS.
 */
import type { ServiceQuota } from "@aws-sdk/client-service-quotas";
import { type HandlerContext, handlers, type Quotas } from "../handler.js";
import { quotaValue, sandboxQuota, type SandboxQuota } from "../model/quotas.js";
import { DEFAULT_QUOTAS } from "../world.js";

function find(ctx: HandlerContext, input: { ServiceCode?: string | undefined; QuotaCode?: string | undefined }): SandboxQuota {
  const q = sandboxQuota(input.ServiceCode, input.QuotaCode);
  if (!q) return ctx.fail("NoSuchResourceException", "The request failed because the specified service quota does not exist.");
  return q;
}

function shape(ctx: HandlerContext, q: SandboxQuota, value: number, account: string): ServiceQuota {
  return {
    ServiceCode: q.serviceCode,
    ServiceName: q.serviceName,
    QuotaArn: `arn:aws:servicequotas:${ctx.region}:${account}:${q.serviceCode}/${q.code}`,
    QuotaCode: q.code,
    QuotaName: q.quotaName,
    Value: value,
    Unit: "None",
    Adjustable: true,
    GlobalQuota: false,
  };
}

export const serviceQuotasHandlers = handlers<Quotas>({
  GetServiceQuotaCommand: (ctx, input) => {
    const q = find(ctx, input);
    return { Quota: shape(ctx, q, quotaValue(ctx.world, q), ctx.world.accountId) };
  },
  GetAWSDefaultServiceQuotaCommand: (ctx, input) => {
    const q = find(ctx, input);
    return { Quota: shape(ctx, q, DEFAULT_QUOTAS[q.field], "") };
  },
});
