/**
 * A learner who pastes the interface endpoint's `create-vpc-endpoint` twice has two endpoints to
 * their service; they accept one and curl through it. The lesson and `status` then go on with the
 * one they accepted and curled through, whichever of the two AWS lists first: the accept and curl
 * steps stay done (found with the AWS CLI in the sandbox, QA of the packed package: `status` sent
 * the learner back to "accept" for the twin still waiting, after the lesson had verified both).
 */
import { CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { ourEndpoint, ourService, provenCurl, readCloud, type CloudView } from "../../src/lesson/cloud-view.js";
import { detectAll } from "../../src/lesson/progress.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
});

describe("two endpoints to the learner's service, one accepted and curled through", () => {
  it("the lesson goes on with the accepted one, whichever AWS lists first: accept and curl stay done", async () => {
    const { ctx } = await copyLab(lab);
    const before = await readCloud(ctx.clients, ctx.names);
    const used = ourEndpoint(before)!;
    const made = await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: used.vpcId, ServiceName: ourService(before)!.name, SubnetIds: used.subnetIds, SecurityGroupIds: used.sgIds }),
    );
    const twin = made.VpcEndpoint!.VpcEndpointId!;
    const view = await readCloud(ctx.clients, ctx.names);
    const endpoints = view.endpoints.filter((e) => e.id === used.id || e.id === twin);
    expect(endpoints.map((e) => e.state.toLowerCase()).sort()).toEqual(["available", "pendingacceptance"]);
    const rest = view.endpoints.filter((e) => !endpoints.includes(e));
    for (const order of [endpoints, [...endpoints].reverse()]) {
      const listed: CloudView = { ...view, endpoints: [...order, ...rest] };
      expect(ourEndpoint(listed)?.id, `listed as ${order.map((e) => e.id).join(", ")}`).toBe(used.id);
      expect(provenCurl(listed)).toBeDefined();
      const done = Object.fromEntries(detectAll(STEPS, listed, ctx.state).map((s) => [s.step.id, s.detection.done]));
      expect(done, `listed as ${order.map((e) => e.id).join(", ")}`).toMatchObject({ "interface-endpoint": true, "allow-http": true, accept: true, curl: true });
    }
  });
});
