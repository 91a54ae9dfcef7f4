/** The learner's progress file: choices and the ids the tool created. No secrets. */
import * as z from "zod";

export const STATE_SCHEMA_VERSION = 1;

export const LessonStateSchema = z.object({
  schema: z.literal(STATE_SCHEMA_VERSION),
  lesson: z.string(),
  prefix: z.string(),
  backend: z.enum(["sandbox", "aws"]),
  region: z.string(),
  profile: z.string().optional(),
  endpointUrl: z.string().optional(),
  lang: z.enum(["ja", "en"]),
  mode: z.enum(["guided", "hands-on"]),
  az: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When billable resources first appeared (for the cost so far). */
  resourcesSince: z.string().optional(),
  /** Ids the tool created or found (also findable by tag: the file is only a cache). */
  ids: z.record(z.string(), z.string()).default({}),
  /** Steps that leave no trace in the cloud (preflight, tour, review), with when; and hints such as cleanupStarted, restart. */
  marks: z.record(z.string(), z.string()).default({}),
  quiz: z.object({ score: z.number(), total: z.number(), at: z.string() }).optional(),
});

export type LessonState = z.infer<typeof LessonStateSchema>;

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * How to bring a file of version N up to N + 1. Version 1 is the first released schema, so this
 * is empty; a future schema change adds its step here (and a test with a file of the old shape).
 */
export const MIGRATIONS: Record<number, Migration> = {};
