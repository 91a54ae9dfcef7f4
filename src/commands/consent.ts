/** Deleting is never a silent default: what `destroy`, `workshop cleanup` and `workshop retire` ask before they delete. */
import type { LabError } from "../errors.js";
import type { IoHost } from "../ui/io-host.js";

/**
 * `--yes` agrees beforehand; on a terminal the learner is asked `question` (Enter = no); with neither, `refusal` (a usage
 * error naming both ways) is thrown before anything is deleted.
 */
export async function agreesToDelete(yes: boolean | undefined, io: IoHost, question: string, refusal: LabError): Promise<boolean> {
  if (yes) return true;
  if (!io.interactive) throw refusal;
  return io.confirm(question, false);
}
