/**
 * The hands-on curl form's choices name each DNS name after its kind, with the language's own colon:
 * "regional: vpce-…" / "リージョン DNS 名：vpce-…".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import type { Choice } from "../../src/ui/io-host.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";
import { RecordingHost } from "../helpers/recording-host.js";

/** Keeps the names of the choices each question offered. */
class ChoiceHost extends RecordingHost {
  readonly offered: string[][] = [];
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    this.offered.push(choices.map((c) => c.name));
    return super.select(message, choices, defaultValue);
  }
}

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

describe.each(["en", "ja"] as const)("the curl form's choices (%s)", (lang) => {
  it("label, the language's colon, then the DNS name", async () => {
    const t = translator(lang);
    const { h } = await copyLab(lab, lang);
    const host = new ChoiceHost(lang, true, [{ match: t("engine.howToDo"), value: "form", times: 1 }]);
    await step("curl", { ...h.opts, mode: "hands-on" }, { ...h.env, makeHost: () => host });
    const names = host.offered.find((c) => c.some((n) => n.startsWith(t("form.curl.regional"))));
    expect(names, JSON.stringify(host.offered)).toBeDefined();
    const [colon, other] = lang === "en" ? [": ", "："] : ["：", ": "];
    for (const name of names!) {
      expect(name, names!.join("\n")).toContain(colon);
      expect(name).not.toContain(other);
    }
  });
});
