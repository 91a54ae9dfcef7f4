/**
 * A failed `challenge check`, as the learner's screen shows it: the curl's result, the next hint, and one line saying the
 * challenge is not solved yet with what to do next. Said once, in English and Japanese.
 */
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { translator } from "../../src/i18n/messages.js";
import { errorText, reportError } from "../../src/ui/error-report.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

/** What a failed check puts on screen: its events, then the error it ends with. */
async function failedCheckScreen(lang: "en" | "ja"): Promise<{ screen: string; title: string }> {
  const { h, host } = await copyLab(lab, lang);
  await challenge("start", "silent-door", h.opts, h.env);
  const from = host.events.length;
  const ended = await challenge("check", undefined, h.opts, h.env).then(() => undefined, (e: unknown) => e);
  expect(ended, lang).toMatchObject({ key: "challenge.stillBroken" });
  const c = new Chalk({ level: 0 });
  const t = translator(lang);
  const shown = host.events.slice(from).map((e) => renderEvent(e, { c, t, width: 200, markdown: (md) => md }) ?? "");
  const title = host.ofType("challenge").at(-1)!.title;
  return { screen: [...shown, errorText(reportError(ended, t), c)].join("\n"), title };
}

const NOT_SOLVED = { en: /not (fixed|solved) yet|still fails/gi, ja: /まだ(直って|解けて)いません|失敗したまま/g };

describe("a failed challenge check", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`says once that the challenge is not solved, with what to do next (${lang})`, async () => {
      const { screen, title } = await failedCheckScreen(lang);
      expect(screen.match(NOT_SOLVED[lang]), screen).toHaveLength(1);
      // The challenge's title heads the hint as a heading: not a second failure mark, nor a "?" that reads as a prompt.
      expect(screen.split("\n")).toContain(title);
      expect(screen).not.toContain(`? ${title}`);
      expect(screen).not.toContain(`✖ ${title}`);
      expect(screen).toMatch(lang === "en" ? /Hint 1\/3/ : /ヒント 1\/3/);
      expect(screen.split("challenge check").length - 1, screen).toBe(1);
    });
  }
});
