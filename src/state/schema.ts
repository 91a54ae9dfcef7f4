/** The learner's progress file: choices and the ids the tool created. No secrets. */
// zod's tree-shakable build: the same checks, a fraction of the code on every start.
import * as z from "zod/mini";
import { en } from "zod/locales";

// Readable reasons when a progress file is refused ("expected string, received number").
z.config(en());

export const STATE_SCHEMA_VERSION = 2;

const strings = () => z._default(z.record(z.string(), z.string()), {});

const ChallengeProgressSchema = z.object({
  active: z.optional(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      /** How many graded hints were shown so far. */
      hints: z.int().check(z.minimum(0)),
      /** What the break changed, to put it back on give-up (ids, ports, rules). */
      undo: strings(),
      /** What the build had left over at the start (src/challenge/leftovers.ts keys): a passing check names only the rest. */
      leftBefore: z.optional(z.array(z.string())),
    }),
  ),
  solved: strings(),
  gaveUp: strings(),
});

export const LessonStateSchema = z.object({
  schema: z.literal(STATE_SCHEMA_VERSION),
  lesson: z.string(),
  prefix: z.string(),
  backend: z.enum(["sandbox", "aws"]),
  region: z.string(),
  profile: z.optional(z.string()),
  endpointUrl: z.optional(z.string()),
  /** The workshop room `join` pointed this participant at: its name and address (it is their room while endpointUrl is that address). */
  room: z.optional(z.object({ name: z.string(), url: z.string() })),
  /** Hands-on in the sandbox: where the learner's second terminal was last told to reach it (a rerun says if it moved). */
  servedUrl: z.optional(z.string()),
  lang: z.enum(["ja", "en"]),
  mode: z.enum(["guided", "hands-on"]),
  az: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When billable resources first appeared (for the cost so far). */
  resourcesSince: z.optional(z.string()),
  /** Ids the tool created or found (also findable by tag: the file is only a cache). */
  ids: strings(),
  /** Steps that leave no trace in the cloud (preflight, tour, review), with when; and hints such as cleanupStarted, restart. */
  marks: strings(),
  /** What the lesson has shown: `<step>` (its concept) and `<step>/<note>`; the quiz asks only these. */
  taught: z.optional(z.array(z.string())),
  quiz: z.optional(z.object({ score: z.optional(z.number()), total: z.number(), at: z.string() })),
  /** The quiz under way (stopped midway): each answered question's id, and whether it was right; gone once the quiz ends. */
  quizAnswers: z.optional(z.record(z.string(), z.boolean())),
  /** Break-and-fix challenges (schema 2): the one in progress, and which were solved or given up. */
  challenges: z._default(ChallengeProgressSchema, { solved: {}, gaveUp: {} }),
});

export type LessonState = z.infer<typeof LessonStateSchema>;

/** The lesson this tool teaches (its content lives in lessons/<id>/). */
export const LESSON_ID = "privatelink";

/** A participant's progress before anything is done: where they work, and (for a learner) when, in which language and mode. */
export function freshState(prefix: string, region: string, backend: LessonState["backend"], o: { at?: string; lang?: LessonState["lang"]; mode?: LessonState["mode"] } = {}): LessonState {
  const at = o.at ?? new Date(0).toISOString();
  return { schema: STATE_SCHEMA_VERSION, lesson: LESSON_ID, prefix, backend, region, lang: o.lang ?? "en", mode: o.mode ?? "guided", createdAt: at, updatedAt: at, ids: {}, marks: {}, challenges: { solved: {}, gaveUp: {} } };
}

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** Version N → N + 1, each tested with an old file. 1 → 2: challenges arrived; a version-1 file has done none. */
export const MIGRATIONS: Record<number, Migration> = {
  1: (old) => ({ ...old, schema: 2, challenges: { solved: {}, gaveUp: {} } }),
};
