/**
 * The content check for `diagnose` and the challenges: both languages say the same things (same
 * links, problems, hints), every link the engine walks has its text, every problem that fails a
 * link has a fix (console path and AWS CLI), and every challenge names a breaker and a link the
 * engine has.
 */
import { describe, expect, it } from "vitest";
import { BREAKERS } from "../../src/challenge/breakers.js";
import { loadChallenges, loadChallengeText } from "../../src/challenge/definitions.js";
import { loadDiagnoseText } from "../../src/diagnose/text.js";
import { LANGS } from "../../src/i18n/lang.js";
import { LINK_IDS } from "../../src/reachability/chain.js";

const vars = (s: string | undefined) => [...(s ?? "").matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
/** Problems that only warn (a symptom or a note): no fix of their own. */
const WARNINGS = new Set(["endpoint.waiting", "endpoint.consumer-other-az", "target-group.unknown-targets", "target-health.unhealthy", "provider-sg.unseen"]);

describe("diagnose text", () => {
  const [ja, en] = LANGS.map((l) => loadDiagnoseText("privatelink", l));

  it("describes every link the chain walks, in both languages, with the same problems and placeholders", () => {
    for (const text of [ja!, en!]) expect(Object.keys(text.links).sort()).toEqual([...LINK_IDS].sort());
    for (const id of LINK_IDS) {
      expect(Object.keys(ja!.links[id]!.problems).sort(), id).toEqual(Object.keys(en!.links[id]!.problems).sort());
      expect(vars(ja!.links[id]!.name), `${id} name`).toEqual(vars(en!.links[id]!.name));
      for (const text of [ja!, en!]) expect(text.links[id]!.short, `${id} short`).toMatch(/^[^{}]+$/);
      for (const [key, p] of Object.entries(en!.links[id]!.problems)) {
        const q = ja!.links[id]!.problems[key]!;
        for (const field of ["what", "why", "console", "cli"] as const) expect(vars(q[field]), `${id}.${key}.${field}`).toEqual(vars(p[field]));
        for (const text of [p, q]) {
          expect(text.what.trim() && text.why.trim(), `${id}.${key}`).toBeTruthy();
          if (!WARNINGS.has(`${id}.${key}`)) expect(text.console?.trim() && text.cli?.trim(), `${id}.${key} fix`).toBeTruthy();
        }
      }
    }
  });
});

describe("challenges", () => {
  const all = loadChallenges("privatelink");

  it("are at least six, with unique ids, a breaker the engine has and a link diagnose walks", () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(BREAKERS[c.break], c.id).toBeDefined();
      expect(LINK_IDS).toContain(c.link);
    }
  });

  it.each(all.map((c) => c.id))("%s has a title, a story, graded hints and an explanation in every language", (id) => {
    const [ja, en] = LANGS.map((l) => loadChallengeText("privatelink", id, l));
    for (const t of [ja!, en!]) {
      expect(t.title).not.toBe(id);
      expect(t.story.trim() && t.explain.trim()).toBeTruthy();
      expect(t.hints.length).toBeGreaterThanOrEqual(3);
    }
    expect(ja!.hints.length).toBe(en!.hints.length);
    expect(ja!.hints.map(vars)).toEqual(en!.hints.map(vars));
  });

  it.each(all.map((c) => c.id))("%s marks a console's way the same in every language, and no mark reaches the learner", (id) => {
    const passages = (l: (typeof LANGS)[number], console: boolean) => loadChallengeText("privatelink", id, l, { console }).hints.map((h) => h.length);
    for (const l of LANGS) {
      for (const console of [true, false]) {
        const t = loadChallengeText("privatelink", id, l, { console });
        for (const text of [t.story, ...t.hints, t.explain]) expect(text, `${id} ${l}`).not.toMatch(/<\/?console>/);
      }
    }
    // A hint that has a console passage in one language has one in the other.
    const shortened = (l: (typeof LANGS)[number]) => passages(l, true).map((n, i) => n !== passages(l, false)[i]);
    expect(shortened("ja")).toEqual(shortened("en"));
  });
});
