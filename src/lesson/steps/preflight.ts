/** Step 0: who am I, where, which AZ, and what it will cost — before anything is created. */
import { DescribeAvailabilityZonesCommand, DescribeInstanceTypeOfferingsCommand } from "@aws-sdk/client-ec2";
import { GetParametersCommand } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { LabError } from "../../errors.js";
import { mark, saveState, type LessonContext } from "../context.js";
import { costPerHour, FULL_LESSON, PRICE_TABLE_DATE } from "../pricing.js";
import type { Step } from "../step.js";

export const INSTANCE_TYPE = "t3.micro";
export const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The first AZ (by name) that offers the instance type: both VPCs go there. */
export async function pickZone(ctx: LessonContext): Promise<string> {
  const { ec2 } = ctx.clients;
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: "state", Values: ["available"] }] }));
  const offered = await ec2.send(
    new DescribeInstanceTypeOfferingsCommand({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: [INSTANCE_TYPE] }] }),
  );
  const ok = new Set((offered.InstanceTypeOfferings ?? []).map((o) => o.Location));
  const names = (zones.AvailabilityZones ?? []).map((z) => z.ZoneName ?? "").filter((z) => ok.has(z)).sort();
  const first = names[0];
  if (!first) throw new LabError("error.noZone", { type: INSTANCE_TYPE, region: ctx.state.region });
  return first;
}

export const preflight: Step = {
  id: "preflight",
  requires: [],
  traceless: true,
  detect(view, state) {
    const done = Boolean(state.marks.preflight && state.az) || Boolean(view.consumer || view.provider);
    return { done, why: done ? "detect.preflight.done" : "detect.preflight.todo" };
  },
  async perform(ctx) {
    const me = await ctx.clients.sts.send(new GetCallerIdentityCommand({}));
    ctx.state.ids.accountId = me.Account ?? "";
    const sandbox = ctx.clients.sandbox !== undefined;
    ctx.io.notify({
      type: "table",
      rows: [
        [ctx.t("preflight.account"), `${me.Account ?? "?"}${sandbox ? ` (${ctx.t("preflight.sandboxAccount")})` : ""}`],
        [ctx.t("preflight.identity"), me.Arn ?? "?"],
        [ctx.t("preflight.region"), ctx.state.region],
      ],
    });
    const az = ctx.state.az ?? (await pickZone(ctx));
    ctx.state.az = az;
    const params = await ctx.clients.ssm.send(new GetParametersCommand({ Names: [AMI_PARAMETER] }));
    const ami = params.Parameters?.[0]?.Value;
    if (!ami) throw new LabError("error.amiParameter", { name: AMI_PARAMETER, region: ctx.state.region });
    const cost = costPerHour(ctx.state.region, FULL_LESSON);
    ctx.io.notify({
      type: "table",
      rows: [
        [ctx.t("preflight.zone"), `${az} (${INSTANCE_TYPE})`],
        [ctx.t("preflight.ami"), ami],
        [ctx.t("preflight.creates"), ctx.t("preflight.createsList")],
        [ctx.t("preflight.cost"), ctx.t("preflight.costValue", { usd: cost.perHourUsd.toFixed(3), date: PRICE_TABLE_DATE })],
      ],
    });
    ctx.io.notify({ type: "cost", perHourUsd: cost.perHourUsd, region: ctx.state.region, sandbox });
    saveState(ctx);
    mark(ctx, "preflight");
  },
};
