/**
 * A Japanese input method left on sends full-width keys (`２`, `ｙ`, `８０８０`). Every question on the terminal reads
 * them as what they mean, inquirer's own list and text questions included: `２` at a quiz's list picks its second
 * answer (it picked the first), `８０８０` at a port question is 8080. A Name tag the learner words is kept as typed.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/messages.js";
import { TerminalHost } from "../../src/ui/terminal-host.js";

function terminal() {
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  output.resume();
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const host = new TerminalHost({ lang: "ja", t: translator("ja"), interactive: true, output: output as never, input: input as never });
  /** Keys typed one by one, as a terminal sends them, then Enter. */
  const type = async (...keys: string[]) => {
    for (const key of [...keys, "\r"]) {
      await new Promise((r) => setTimeout(r, 20));
      input.write(key);
    }
  };
  return { host, type };
}

const CHOICES = [
  { value: "a", name: "いちばん目" },
  { value: "b", name: "にばん目" },
  { value: "c", name: "さんばん目" },
];

describe("full-width keys at every question", () => {
  it("２ at a list question picks its second answer", async () => {
    const { host, type } = terminal();
    const answer = host.select("どれですか。", CHOICES, "a");
    await type("２");
    expect(await answer).toBe("b");
  });

  it("２ at an inline question picks the answer keyed 2", async () => {
    const { host, type } = terminal();
    const answer = host.select("どうしますか。", CHOICES, "a", { inline: true });
    await type("２");
    expect(await answer).toBe("b");
  });

  it("ｙ at a yes/no question whose default is no says yes; ｎ where it is yes says no", async () => {
    const yes = terminal();
    const said = yes.host.confirm("削除しますか？", false);
    await yes.type("ｙ");
    expect(await said).toBe(true);
    const no = terminal();
    const denied = no.host.confirm("続けますか？", true);
    await no.type("ｎ");
    expect(await denied).toBe(false);
  });

  it("８０８０ at a port question is 8080, as its check and its answer read it", async () => {
    const { host, type } = terminal();
    const checked: string[] = [];
    const answer = host.input("ポート番号", "80", (v) => (checked.push(v), /^\d{1,5}$/.test(v) ? true : "数字だけ"));
    await type(..."８０８０");
    expect(await answer).toBe("8080");
    expect(checked).toEqual(["8080"]);
  });

  it("a Name tag in the learner's own words is kept as typed", async () => {
    const { host, type } = terminal();
    const answer = host.input("名前", "", undefined, { verbatim: true });
    await type(..."ｻｰﾋﾞｽ（１）");
    expect(await answer).toBe("ｻｰﾋﾞｽ（１）");
  });
});
