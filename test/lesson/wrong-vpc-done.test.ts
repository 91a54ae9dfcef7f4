/**
 * An endpoint left in the Provider VPC beside the lesson's own: the step's done text names it with
 * its delete command (as status and the "already done" notice do), in both languages.
 */
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { ourService, readCloud } from "../../src/lesson/cloud-view.js";
import { byHandSteps } from "../helpers/by-hand-steps.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const PREFIX = "left";
const byHand = byHandSteps(PREFIX);

describe("the interface endpoint's done text names one left in the Provider VPC", () => {
  it.each(["en", "ja"] as const)("%s: kept when the tool offered to delete it, then named with its delete command", async (lang) => {
    const h = harness({ opts: { prefix: PREFIX, mode: "hands-on" } });
    await stepCommand("preflight", { ...h.opts, mode: "guided" }, h.env);
    const ctx = await lessonContext(h.opts, h.env, await openSession(h.opts, h.env), false);
    await byHand.deploy!(ctx);
    await byHand["endpoint-service"]!(ctx);
    const view = await readCloud(ctx.clients, ctx.names);
    const providerVpc = view.provider!.resources.Vpc!;
    const sg = await ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-wrong-sg`, Description: "endpoint", VpcId: providerVpc }));
    const made = await ctx.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: providerVpc, ServiceName: ourService(view)!.name, SubnetIds: [view.provider!.resources.PrivateSubnet!], SecurityGroupIds: [sg.GroupId!] }),
    );
    const id = made.VpcEndpoint!.VpcEndpointId!;
    // The learner keeps it when the tool offers to delete it; the tool makes the lesson's endpoint.
    const host = new RecordingHost(lang, true, [{ match: id, value: false }]);
    await stepCommand("interface-endpoint", { ...h.opts, mode: "guided", lang }, { ...h.env, makeHost: () => host });
    const done = host.ofType("explain").filter((e) => e.step === "interface-endpoint" && e.section === "done").map((e) => e.markdown).join("\n");
    expect(done).toContain(`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${id} --region ap-northeast-1`);
    expect(done).toContain(providerVpc);
    expect(done).toMatch(lang === "ja" ? /Provider VPC（vpc-[0-9a-f]+）に残っています/ : /still there too, in the Provider VPC/);
  });
});
