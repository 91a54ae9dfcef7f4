/** Step 2: what was built — the endpoints the stacks made, by type, from the cloud's real answer. */
import { mark } from "../context.js";
import { ourService } from "../cloud-view.js";
import type { Step } from "../step.js";
import type { EndpointReport } from "../../ui/io-host.js";
import { awsPort } from "../../aws/port.js";

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
    const out = await awsPort(ctx.clients).ec2.describeVpcEndpoints({ Filters: [{ Name: "vpc-id", Values: vpcIds }] });
    const endpoints: EndpointReport[] = (out.VpcEndpoints ?? []).map((e) => ({
      side: e.VpcId === view.consumer?.resources.Vpc ? "Consumer" : "Provider",
      id: e.VpcEndpointId ?? "",
      type: String(e.VpcEndpointType ?? ""),
      service: (e.ServiceName ?? "").split(".").slice(-1)[0] ?? "",
      enis: e.NetworkInterfaceIds ?? [],
      routeTables: e.RouteTableIds ?? [],
    }));
    ctx.io.notify({ type: "endpoints", endpoints });
    mark(ctx, "tour");
  },
};
