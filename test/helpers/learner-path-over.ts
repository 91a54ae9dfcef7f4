/** The learner's path (test/helpers/challenge-fixes.ts needs its ids), read over any clients. */
import { readLearnerPath, type LearnerPath } from "../../src/challenge/learner-path.js";
import type { AwsClients } from "../../src/aws/clients.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { namesFor } from "../../src/lesson/participant.js";
import type { servedClients } from "./served-clients.js";

export function readLearnerPathOver(clients: ReturnType<typeof servedClients>, region: string, prefix: string): Promise<LearnerPath> {
  const ctx = { clients: { ...clients, region } as AwsClients, names: namesFor(prefix) } as LessonContext;
  return readLearnerPath(ctx);
}
