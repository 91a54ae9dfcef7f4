/** Before the day: the quota plan against a default-quota sandbox account, and the handout. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { workshopHandout } from "../../src/commands/workshop/handout.js";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";

describe("workshop plan", () => {
  it("names the VPC, vCPU and gateway-endpoint increases 20 learners need, with their codes and values", async () => {
    const h = harness();
    await workshopPlan({ ...h.opts, participants: "20", hours: "3" }, h.env);
    const [quotas, increases] = h.host.ofType("table").map((t) => t.rows);
    // 20 learners + 1 spare seat (the facilitator's demo): 21 × 2 VPCs, 21 × 4 vCPUs, 21 gateway endpoints.
    expect(Object.fromEntries(increases!.map((r) => [r[0], r[2]]))).toEqual({ "L-F678F1CE": "5 → 42", "L-1216C47A": "5 → 84", "L-1B52E74A": "20 → 21" });
    // The room's sandbox cannot ask AWS: the plan raised its quotas itself, said so, and a second plan fits.
    expect(h.host.ofType("notice").some((n) => /sandbox's quotas now fit 21 learners/.test(n.message))).toBe(true);
    expect(h.host.ofType("notice").some((n) => n.message.includes("request-service-quota-increase"))).toBe(false);
    await workshopPlan({ ...h.opts, participants: "20", hours: "3" }, h.env);
    expect(h.host.ofType("notice").some((n) => n.message === "Today's quotas fit 21 learners.")).toBe(true);
    const nlb = quotas!.find((r) => r[0]!.includes("L-69A177A2"))!;
    expect(nlb[4]).toMatch(/^✔/);
    const cost = h.host.ofType("notice").find((n) => n.message.startsWith("Cost:"))!.message;
    // ap-northeast-1: 3 × 0.014 + 0.0243 + 2 × 0.0136 + gp3 ≈ $0.096 per learner-hour; 21 × 3 h.
    expect(cost).toMatch(/about \$0\.096 per learner per hour; 21 learners for 3 h ≈ \$6\.0\d/);
  });

  it("says when the room fits, and plans without the spare seat on request", async () => {
    const h = harness();
    await workshopPlan({ ...h.opts, participants: "1", spare: "0" }, h.env);
    expect(h.host.ofType("notice").some((n) => n.message === "Today's quotas fit 1 learner.")).toBe(true);
  });
});

describe("a room's region", () => {
  it("is the facilitator's --region, else one default (it is not given the language)", async () => {
    const { roomRegion, ROOM_DEFAULT_REGION } = await import("../../src/commands/workshop/open.js");
    expect(roomRegion({ region: "eu-west-1" }, {})).toBe("eu-west-1");
    expect(roomRegion({}, {})).toBe(ROOM_DEFAULT_REGION);
  });
});

describe("workshop handout", () => {
  function handout(opts: { participants?: string; count?: string; prefixBase?: string }): { go: () => Promise<void>; text: () => string } {
    const h = harness();
    const out = new PassThrough();
    let text = "";
    out.on("data", (d: Buffer) => (text += d.toString()));
    h.env.stdout = out as unknown as NodeJS.WriteStream;
    return { go: () => workshopHandout({ ...h.opts, sandbox: false, ...opts }, h.env), text: () => text };
  }

  it("prints each learner's command in English and Japanese, as Markdown slides", async () => {
    const r = handout({ count: "14", prefixBase: "team" });
    await r.go();
    const md = r.text();
    expect(md).toContain("| team-01 | `npx privatelink-lab --prefix team-01 --region ap-northeast-1` |");
    expect(md).toContain("| team-14 | `npx privatelink-lab --prefix team-14 --region ap-northeast-1` |");
    expect(md).toContain("## Getting started");
    expect(md).toContain("## はじめに");
    // An instructions slide, 14 sheets, and the facilitator's table at 12 rows a slide (two slides).
    expect(md.split("\n---\n")).toHaveLength(1 + 14 + 2);
    expect(md).toContain("(2/2)");
  });

  it("asks for the Node.js the tool runs on: 22.13 or later (22.0 to 22.12 lack node:sqlite)", async () => {
    const r = handout({ count: "2", prefixBase: "team" });
    await r.go();
    expect(r.text()).toContain("Node.js 22.13 or later");
    expect(r.text()).toContain("Node.js 22.13 以降");
  });

  it("gives each participant a sheet that names only them, with their own destroy line", async () => {
    const r = handout({ count: "3", prefixBase: "team" });
    await r.go();
    const slides = r.text().split("\n---\n");
    const prefixes = ["team-01", "team-02", "team-03"];
    // The instructions name nobody: a learner following them deletes nothing of another's.
    for (const p of prefixes) expect(slides[0]).not.toContain(p);
    prefixes.forEach((p, i) => {
      const sheet = slides[1 + i]!;
      expect(sheet).toContain(`\`npx privatelink-lab destroy --prefix ${p} --region ap-northeast-1\``);
      expect(sheet).toContain(`\`npx privatelink-lab --prefix ${p} --region ap-northeast-1\``);
      for (const other of prefixes.filter((o) => o !== p)) expect(sheet).not.toContain(other);
    });
    // No destroy line anywhere but on its owner's sheet.
    const destroys = r.text().match(/destroy --prefix team-\d+/g) ?? [];
    expect(destroys).toEqual(prefixes.flatMap((p) => [`destroy --prefix ${p}`, `destroy --prefix ${p}`]));
  });

  it("refuses invalid or duplicate prefixes, naming each", async () => {
    const r = handout({ participants: "alice,bob,alice,x,Team-1" });
    const err = await r.go().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect(reportError(err, translator("en")).message).toBe(
      "These prefixes cannot be used: alice (used twice), x (too short), Team-1 (characters other than a-z, 0-9 and -)",
    );
  });

  it("says what is wrong with each prefix in the facilitator's language, no English codes in Japanese", async () => {
    const err = await handout({ participants: "Team1,bob,bob" }).go().catch((e: unknown) => e);
    const message = reportError(err, translator("ja")).message;
    expect(message).toBe("次のプレフィックスは使えません：Team1（a-z、0-9、- 以外の文字があります）、bob（2 回使われています）");
    expect(message).not.toMatch(/charset|duplicate|too-short/);
  });
});

describe("a served room's handout (workshop handout --room)", () => {
  it("gives each participant only their own join line, and projects no one's code", async () => {
    const { openRoomRecord } = await import("../../src/workshop/room/room-file.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const h = harness();
    const out = new PassThrough();
    let text = "";
    out.on("data", (d: Buffer) => (text += d.toString()));
    h.env.stdout = out as unknown as NodeJS.WriteStream;
    h.env.stateDir = mkdtempSync(join(tmpdir(), "pll-room-"));
    const dir = join(h.env.stateDir, "rooms", "room");
    const { room } = openRoomRecord(dir, "room", { prefixes: ["team-01", "team-02", "team-03"], defaultRegion: "us-east-1", port: 8787 }, new Date());
    await workshopHandout({ ...h.opts, room: "room", url: "http://10.0.0.5:8787" }, h.env);
    const slides = text.split("\n---\n");
    expect(slides).toHaveLength(1 + 3 + 1);
    const codes = room.participants.map((p) => p.code);
    for (const c of [...codes, room.facilitator.code]) expect(slides[0]).not.toContain(c);
    room.participants.forEach((p, i) => {
      const sheet = slides[1 + i]!;
      expect(sheet).toContain(`eval "$(npx privatelink-lab join http://10.0.0.5:8787/join/${p.code})"`);
      expect(sheet).toContain(`npx privatelink-lab join http://10.0.0.5:8787/join/${p.code} --shell powershell | Out-String | iex`);
      // Command Prompt (no eval): the line that prints its set lines, and to paste them, in both languages
      expect(sheet).toContain(`\`npx privatelink-lab join http://10.0.0.5:8787/join/${p.code} --shell cmd\``);
      expect(sheet).toContain("Command Prompt (cmd.exe) / コマンドプロンプト（cmd.exe）");
      expect(sheet).toContain("paste the set lines it prints into the same window / 表示された set の行を同じウィンドウに貼り付けます");
      for (const other of room.participants.filter((o) => o !== p)) {
        expect(sheet).not.toContain(other.code);
        expect(sheet).not.toContain(other.prefix);
      }
      expect(sheet).not.toContain(room.facilitator.code);
      expect(sheet).not.toContain(p.secretAccessKey);
    });
    // The facilitator's slide lists who is in the room, and no code.
    for (const c of [...codes, room.facilitator.code]) expect(slides[4]).not.toContain(c);
    expect(slides[4]).toContain("- team-03");
  });
});

describe("a room only this computer can join (served without --host)", () => {
  async function room(lang: string) {
    const { openRoomRecord } = await import("../../src/workshop/room/room-file.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const h = harness();
    let text = "";
    let err = "";
    const out = new PassThrough();
    const errs = new PassThrough();
    out.on("data", (d: Buffer) => (text += d.toString()));
    errs.on("data", (d: Buffer) => (err += d.toString()));
    h.env.stdout = out as unknown as NodeJS.WriteStream;
    h.env.stderr = errs as unknown as NodeJS.WriteStream;
    h.env.env = { LANG: lang };
    h.env.stateDir = mkdtempSync(join(tmpdir(), "pll-room-"));
    openRoomRecord(join(h.env.stateDir, "rooms", "room"), "room", { prefixes: ["team-01", "team-02"], defaultRegion: "us-east-1", port: 39517 }, new Date());
    return { h, text: () => text, err: () => err };
  }

  it("the handout warns on standard error that learners cannot reach 127.0.0.1, and still writes the sheets", async () => {
    const en = await room("en_US.UTF-8");
    await workshopHandout({ ...en.h.opts, room: "room" }, en.h.env);
    expect(en.text()).toContain("npx privatelink-lab join http://127.0.0.1:39517/join/");
    expect(en.err()).toContain("only this computer can reach it");
    expect(en.err()).toContain("--host 0.0.0.0");
    const ja = await room("ja_JP.UTF-8");
    await workshopHandout({ ...ja.h.opts, room: "room" }, ja.h.env);
    expect(ja.err()).toContain("参加者のパソコンからは参加できません");
    // An address the room can reach: nothing to warn about.
    const lan = await room("en_US.UTF-8");
    await workshopHandout({ ...lan.h.opts, room: "room", url: "http://10.0.0.5:39517" }, lan.h.env);
    expect(lan.err()).toBe("");
  });

  it("`workshop serve` says at the start that only this computer can join, and how to let the room in", async () => {
    const { workshopServe } = await import("../../src/commands/workshop/serve.js");
    const r = await room("en_US.UTF-8");
    await workshopServe({ ...r.h.opts, sandbox: false, region: "us-east-1", room: "room", port: "0" }, r.h.env, Promise.resolve());
    const notices = r.h.host.ofType("notice").map((n) => n.message);
    expect(notices[0]).toMatch(/^Only this computer can join.*--host 0\.0\.0\.0/);
  });
});
