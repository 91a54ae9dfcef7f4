/** Step 2: what was built — the endpoints the stacks made, by type, from the cloud's real answer. */
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { mark } from "../context.js";
import { ourService } from "../cloud-view.js";
import type { Step } from "../step.js";

export const tour: Step = {
  id: "tour",
  requires: ["deploy"],
  traceless: true,
  pace: "read-only",
  detect(view, state) {
    const done = Boolean(state.marks.tour) || ourService(view) !== undefined;
    return { done, why: done ? "detect.tour.done" : "detect.tour.todo" };
  },
  async perform(ctx, view) {
    const vpcIds = [view.consumer?.resources.Vpc, view.provider?.resources.Vpc].filter((v): v is string => Boolean(v));
    const out = await ctx.clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: vpcIds }] }));
    const rows = [[ctx.t("tour.side"), ctx.t("tour.type"), ctx.t("tour.service"), ctx.t("tour.where")]];
    for (const e of out.VpcEndpoints ?? []) {
      const side = e.VpcId === view.consumer?.resources.Vpc ? "Consumer" : "Provider";
      const where =
        e.VpcEndpointType === "Gateway"
          ? ctx.t("tour.routeTables", { ids: (e.RouteTableIds ?? []).join(", ") })
          : ctx.t("tour.enis", { ids: (e.NetworkInterfaceIds ?? []).join(", ") });
      rows.push([side, String(e.VpcEndpointType ?? ""), (e.ServiceName ?? "").split(".").slice(-1)[0] ?? "", where]);
    }
    ctx.io.notify({ type: "table", rows });
    mark(ctx, "tour");
  },
};
