/** Challenges are lesson content: `challenges/index.yml` lists them, `challenges/<id>/<lang>.md` tells each. */
import { consolePassages, lessonText, parseStepMarkdown } from "../content/lesson-content.js";
import { parseYaml } from "../content/yaml-data.js";
import type { Lang } from "../i18n/lang.js";
import type { LinkId } from "../reachability/chain.js";

export interface ChallengeDefinition {
  id: string;
  /** Key of src/challenge/breakers.ts. */
  break: string;
  /** The link `diagnose` names first while it is broken. */
  link: LinkId;
  /** 1 (gentle) … 3 (tricky). */
  level: number;
}

export interface ChallengeText {
  title: string;
  summary: string;
  story: string;
  hints: string[];
  explain: string;
}

export function loadChallenges(lesson: string): ChallengeDefinition[] {
  return parseYaml(lessonText(lesson, "challenges", "index.yml")) as ChallengeDefinition[];
}

/** A challenge's text; `console: false` where the AWS console cannot see the account (its console passages left out). */
export function loadChallengeText(lesson: string, id: string, lang: Lang, o: { console?: boolean } = {}): ChallengeText {
  const raw = consolePassages(lessonText(lesson, "challenges", id, `${lang}.md`), o.console ?? true);
  // The step parser reads front matter, sections and hint lists; story/explain map onto concept/done.
  const c = parseStepMarkdown(id, raw.replace(/^## story\s*$/m, "## concept").replace(/^## explain\s*$/m, "## done"));
  return { title: c.title, summary: c.summary, story: c.concept, hints: c.hints, explain: c.done };
}
