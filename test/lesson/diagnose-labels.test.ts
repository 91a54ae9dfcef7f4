/**
 * `diagnose` on a broken path (a challenge in progress: the endpoint's connection not accepted) says what is wrong and
 * why under two bold labels. In Japanese the label ends with a full-width colon, after which Japanese puts no space:
 * the screen read "何がおかしいか： vpce-… からの接続が承諾待ち". Found by QA resuming a challenge.
 */
import { Chalk } from "chalk";
import { beforeAll, describe, expect, it } from "vitest";
import { challenge } from "../../src/commands/challenge.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { translator } from "../../src/i18n/messages.js";
import { renderEvent } from "../../src/ui/render-event.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

async function screenOfDiagnose(lang: "en" | "ja"): Promise<string> {
  const { h, host } = await copyLab(lab, lang);
  await challenge("start", "turned-away", h.opts, h.env);
  await expect(diagnose(h.opts, h.env)).rejects.toMatchObject({ key: "diagnose.broken" });
  const event = host.ofType("diagnosis").at(-1)!;
  return renderEvent(event, { c: new Chalk({ level: 0 }), t: translator(lang), width: 80, markdown: (md) => md })!;
}

describe("diagnose's labels for the first broken link", () => {
  it("ja: no space after 何がおかしいか： or なぜ接続が切れるか：", async () => {
    const screen = await screenOfDiagnose("ja");
    expect(screen).toMatch(/^何がおかしいか：\S/m);
    expect(screen).toMatch(/^なぜ接続が切れるか：\S/m);
  });

  it("en: one space after 'What is wrong:' and 'Why it breaks the connection:'", async () => {
    const screen = await screenOfDiagnose("en");
    expect(screen).toMatch(/^What is wrong: \S/m);
    expect(screen).toMatch(/^Why it breaks the connection: \S/m);
  });
});
