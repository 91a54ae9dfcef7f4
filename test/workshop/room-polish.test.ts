/**
 * A facilitator's room as a QA tester met it: `workshop serve`'s usage says the option that takes a number (and refuses
 * names and a count at once), a later --count goes on in the room's numbering, the handout names the room readably, serve
 * puts the live page's address alone on its line, and `workshop status --json/--csv` carry a named state, not a learner's "your".
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { workshopHandout } from "../../src/commands/workshop/handout.js";
import { workshopRehearse } from "../../src/commands/workshop/rehearse.js";
import { workshopServe } from "../../src/commands/workshop/serve.js";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { openRoomRecord, readRoom } from "../../src/workshop/room/room-file.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";
import { csvCells } from "../helpers/csv-cells.js";

function facilitator(): Harness & { text: () => string } {
  const h = harness();
  let text = "";
  const out = new PassThrough();
  out.on("data", (d: Buffer) => (text += d.toString()));
  h.env.stdout = out as unknown as NodeJS.WriteStream;
  h.env.stateDir = mkdtempSync(join(tmpdir(), "pll-room-"));
  return Object.assign(h, { text: () => text });
}

const serve = (h: Harness, opts: { room?: string; participants?: string; count?: string }) =>
  workshopServe({ ...h.opts, sandbox: false, region: "us-east-1", port: "0", ...opts }, h.env, Promise.resolve());

async function refusal(run: Promise<unknown>): Promise<LabError> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

/** The message and its hint, as the learner reads them, in both languages. */
const said = (err: LabError) => (["en", "ja"] as const).map((l) => `${translator(l)(err.key, err.vars)} ${translator(l)(`${err.key}.hint`, err.vars)}`);

describe("workshop serve: who is in the room", () => {
  it("without anyone, names the option that takes a number (--count), in both languages", async () => {
    const h = facilitator();
    const err = await refusal(serve(h, { room: "r9" }));
    for (const text of said(err)) {
      expect(text).toContain("--count N");
      expect(text).toContain("--count 20");
      expect(text).not.toMatch(/--participants (N|20)/);
    }
  });

  it("--participants 20 is told to use --count 20, not that '20' is a short prefix", async () => {
    const err = await refusal(serve(facilitator(), { participants: "20" }));
    for (const text of said(err)) {
      expect(text).toContain("--count 20");
      expect(text).not.toContain("too-short");
    }
  });

  it("--participants and --count together are refused: it is not clear which was meant", async () => {
    const h = facilitator();
    const err = await refusal(serve(h, { participants: "alice", count: "2" }));
    expect(err.key).toBe("workshop.usage.namesOrCount");
    const [en, ja] = said(err);
    expect(en).toContain("not both");
    expect(ja).toContain("どちらか一方");
    expect(readRoom(join(h.env.stateDir!, "rooms", "room"))).toBeUndefined();
  });

  it("a later --count goes on in the room's numbering (team-01 … team-100, never team-001 beside team-01)", async () => {
    const h = facilitator();
    await serve(h, { count: "3" });
    await serve(h, { count: "100" });
    const prefixes = readRoom(join(h.env.stateDir!, "rooms", "room"))!.participants.map((p) => p.prefix);
    expect(prefixes).toHaveLength(100);
    expect(prefixes.slice(0, 4)).toEqual(["team-01", "team-02", "team-03", "team-04"]);
    expect(prefixes.at(-1)).toBe("team-100");
    expect(prefixes.filter((p) => /^team-0\d\d$/.test(p))).toEqual([]);
  });

  it("says where the live page is (and the handout command) alone on the line after a colon", async () => {
    const h = facilitator();
    await serve(h, { count: "2" });
    const page = h.host.ofType("notice").map((n) => n.message).find((m) => m.includes("/room?token="))!;
    const [words, url, ...more] = page.split("\n");
    expect(words).toMatch(/:$/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/room\?token=\S+$/);
    expect(more).toEqual([]);
    for (const lang of ["en", "ja"] as const) {
      expect(translator(lang)("room.serve.page", { url: "U" })).toMatch(/[:：]\nU$/);
      // The handout command likewise: whole on its own line, not split off from the words before it.
      expect(translator(lang)("room.serve.handout", { command: "C" })).toMatch(/[:：]\n`C`$/);
    }
  });
});

describe("workshop serve: a room already served", () => {
  it("is not served a second time (on another --port): it names where it is served, changes nothing, exits 6", async () => {
    const h = facilitator();
    let stopFirst = () => undefined as void;
    const first = workshopServe({ ...h.opts, sandbox: false, region: "us-east-1", port: "0", count: "2" }, h.env, new Promise<void>((r) => (stopFirst = r)));
    const dir = join(h.env.stateDir!, "rooms", "room");
    // The first one serves (it says where) before the second is started.
    while (!h.host.ofType("notice").some((n) => n.message.includes("/room?token="))) await new Promise((r) => setTimeout(r, 20));
    const keys = readFileSync(join(dir, "room.json"), "utf8");
    try {
      const err = await refusal(serve(h, { count: "5" }));
      expect(err.exitCode).toBe(6);
      const [en, ja] = said(err);
      expect(en).toMatch(/Room 'room' is already served at http:\/\/127\.0\.0\.1:\d+/);
      expect(en).toContain("Ctrl-C");
      expect(ja).toContain("部屋 'room' はすでに");
      // Nobody added, no port moved: the room is as the first serve holds it.
      expect(readFileSync(join(dir, "room.json"), "utf8")).toBe(keys);
    } finally {
      stopFirst();
      await first;
    }
  });
});

describe("the room's texts", () => {
  it("the handout's last slide names the default room readably in both languages", async () => {
    const h = facilitator();
    openRoomRecord(join(h.env.stateDir!, "rooms", "room"), "room", { prefixes: ["team-01"], defaultRegion: "us-east-1", port: 8787 }, new Date());
    await workshopHandout({ ...h.opts, room: "room", url: "http://10.0.0.5:8787" }, h.env);
    const last = h.text().split("\n---\n").at(-1)!;
    expect(last).toContain("Participants of room “room”");
    expect(last).toContain("部屋「room」の参加者");
    expect(last).not.toMatch(/room room|部屋 room の/);
  });

  it("a learner's Japanese join line ends as a sentence does", () => {
    expect(translator("ja")("room.join.joined", { room: "room", prefix: "team-01", region: "us-east-1" })).toMatch(/。$/);
  });

  it("in Japanese, a room that does not answer or knows no key says 部屋, 講師 and 鍵, as the sheet and serve do", () => {
    const ja = translator("ja");
    const vars = { room: "room", endpoint: "http://10.0.0.5:8787", seconds: 10, time: "09:12", code: "InvalidClientTokenId", problem: "refused" };
    const texts = ["down", "down.hint", "key", "key.hint", "live", "liveNoFigures"].map((k) => ja(`roomOffline.${k}`, vars));
    for (const text of texts) expect(text).not.toMatch(/ルーム|ファシリテーター|キー/);
    expect(texts.join("")).toContain("講師");
    expect(ja("roomOffline.key", vars)).toContain("鍵");
  });
});

describe("workshop status --json and --csv: the state as data", () => {
  it("each seat's state has a named value (stateId, state_id), and its words are not the learner's 'your'", async () => {
    const h = facilitator();
    await workshopRehearse({ ...h.opts, participants: "9" }, h.env);
    for (const lang of ["en", "ja"] as const) {
      const out = facilitator();
      Object.assign(out.env, { ...h.env, stdout: out.env.stdout });
      await workshopStatus({ ...h.opts, json: true, lang }, out.env);
      const doc = JSON.parse(out.text()) as { participants: { state: string; stateId: string }[] };
      expect(doc.participants.length).toBe(9);
      for (const p of doc.participants) {
        expect(p.stateId).toMatch(/^[a-zA-Z]+(\.[a-zA-Z-]+)+$/);
        expect(p.state).not.toMatch(/\byour\b|あなた/i);
      }
      // The named value is the same in every language.
      if (lang === "ja") expect(doc.participants.some((p) => p.stateId.startsWith("detect."))).toBe(true);
    }
    const csv = facilitator();
    Object.assign(csv.env, { ...h.env, stdout: csv.env.stdout });
    await workshopStatus({ ...h.opts, csv: true }, csv.env);
    const [header, ...rows] = csv.text().trim().split("\n");
    const col = csvCells(header!).indexOf("state_id");
    expect(col).toBeGreaterThan(0);
    // (The state's words may hold a comma: the cell is quoted.)
    for (const row of rows) expect(csvCells(row)[col]).toMatch(/^[a-zA-Z]+(\.[a-zA-Z-]+)+$/);
  });
});
