/** The curl a learner sends by hand, as the lesson's CLI text prints it: `aws ssm send-command` with no tool flags. */
import { SendCommandCommand } from "@aws-sdk/client-ssm";
import { ourEndpoint, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";

export async function sendLearnerCurl(ctx: LessonContext): Promise<void> {
  const view = await readCloud(ctx.clients, ctx.names);
  await ctx.clients.ssm.send(
    new SendCommandCommand({
      InstanceIds: [view.consumerInstance!.id],
      DocumentName: "AWS-RunShellScript",
      Parameters: { commands: [`curl -sS -m 10 http://${ourEndpoint(view)!.dnsRegional}/`] },
    }),
  );
}
