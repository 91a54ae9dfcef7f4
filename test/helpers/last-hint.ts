/** A learner stuck on a challenge: failed checks walk the hints down to the last, which carries the fix's commands. */
import { checkChallenge } from "../../src/challenge/run.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { inlineAwsCommands, shellBlocks } from "./aws-cli.js";
import type { RecordingHost } from "./recording-host.js";

/** Checks until the last hint is shown (each check must fail); its text from "Hint " on, and the commands it writes (blocks, then inline `aws …`). */
export async function lastHintCommands(ctx: LessonContext, host: RecordingHost, expectFailed: (passed: boolean) => void): Promise<{ hint: string; commands: string[] }> {
  let last = "";
  for (let i = 0; i < 6 && !/Hint (\d+)\/\1/.test(last); i++) {
    expectFailed(await checkChallenge(ctx));
    last = host.ofType("challenge").at(-1)!.message;
  }
  const hint = last.slice(last.indexOf("Hint "));
  return { hint, commands: [...shellBlocks(hint), ...inlineAwsCommands(hint)] };
}
