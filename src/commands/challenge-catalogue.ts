/** `challenge list` with no lesson here yet: the catalogue all the same, each challenge waiting for a finished lesson. */
import { loadChallengeText, loadChallenges } from "../challenge/definitions.js";
import { freshState } from "../state/schema.js";
import type { Session } from "./session.js";

export function challengeCatalogue(s: Session): void {
  const lesson = freshState("", "", "sandbox").lesson;
  const needs = s.t("edges.challenge.needsLesson");
  const items = loadChallenges(lesson).map((c) => ({ id: c.id, level: c.level, state: "needs-lesson", ...loadChallengeText(lesson, c.id, s.lang) }));
  s.io.notify({
    type: "table",
    rows: items.map((i) => ["·", i.id, "★".repeat(i.level), i.title, `${i.summary} (${needs})`]),
    data: { name: "challenges", items: items.map(({ id, level, state, title, summary }) => ({ id, level, state, title, summary })) },
  });
  s.io.notify({ type: "notice", level: "info", message: s.t("edges.challenge.buildFirst") });
}
