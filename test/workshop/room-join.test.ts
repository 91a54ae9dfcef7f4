/**
 * Joining a room, as learners do it: a second terminal of a learner whose hands-on lesson runs joins
 * too (the lesson holds their progress, `join` holds nothing), and that lesson tells them to paste
 * their join line in the second terminal. The same line used on another computer still works, but
 * its joiner is warned and the facilitator's status says the seat was joined from two computers.
 * Join codes have no letters that look alike on paper.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join as joinRoom, joinAddress } from "../../src/commands/join.js";
import { asParticipants } from "../../src/commands/participant-lock.js";
import { start } from "../../src/commands/start.js";
import { StateFile } from "../../src/state/state-file.js";
import type { Choice } from "../../src/ui/io-host.js";
import { CODE_ALPHABET, openRoomRecord, type RoomRecord } from "../../src/workshop/room/room-file.js";
import { serveRoom, type ServedRoom } from "../../src/workshop/room/serve-room.js";
import { freshLearner, runCliAsync } from "../helpers/cli-process.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const REGION = "ap-northeast-1";
type Learner = ReturnType<typeof freshLearner>;

let facilitator: Learner;
let room: RoomRecord;
let served: ServedRoom;

beforeAll(async () => {
  facilitator = freshLearner();
  const dir = join(facilitator.stateDir, "rooms", "room");
  room = openRoomRecord(dir, "room", { prefixes: ["team-01", "team-02", "team-03"], defaultRegion: REGION }, new Date()).room;
  served = await serveRoom({ dir, room, host: "127.0.0.1", port: 0, speed: 0 });
});
afterAll(() => served?.close());

const seatLine = (i: number): string => `${served.url}/join/${room.participants[i]!.code}`;

/** The built CLI as a separate process (the room answers from this one, so never a synchronous spawn). */
const cli = runCliAsync;

const joinAs = (l: Learner, i: number) => cli(l.env, ["join", seatLine(i), "--shell", "bash"]);

/** The facilitator's shell after their own join line: status reaches the room. */
function facilitatorEnv(): NodeJS.ProcessEnv {
  const f = room.facilitator;
  return { ...facilitator.env, AWS_ENDPOINT_URL: served.url, AWS_ACCESS_KEY_ID: f.accessKeyId, AWS_SECRET_ACCESS_KEY: f.secretAccessKey, AWS_REGION: REGION };
}

describe("a learner's second terminal while their lesson runs", () => {
  it("joins: the shell lines are printed although the lesson holds the participant, and its progress is left to it", async () => {
    const alice = freshLearner();
    const first = await joinAs(alice, 0);
    expect(first.code, first.stderr).toBe(0);
    const stateFile = new StateFile(alice.stateDir);
    const saved = readFileSync(join(alice.stateDir, "participants", "team-01.json"), "utf8");
    // Her lesson (here: this process) holds team-01 while she joins in a second terminal.
    const second = await asParticipants(stateFile, ["team-01"], () => joinAs(alice, 0));
    expect(second.stderr).not.toContain("already");
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`export AWS_ENDPOINT_URL='${served.url}'`);
    expect(second.stdout).toContain(`export AWS_ACCESS_KEY_ID='${room.participants[0]!.accessKeyId}'`);
    // The progress file, the lesson's to write, is as it was (it already points at the room).
    expect(readFileSync(join(alice.stateDir, "participants", "team-01.json"), "utf8")).toBe(saved);
    expect(JSON.parse(saved)).toMatchObject({ prefix: "team-01", endpointUrl: served.url, room: { name: "room", url: served.url }, region: REGION });
  });
});

describe("joining from Command Prompt (cmd.exe, which has no eval)", () => {
  it("says to paste the printed set lines before running the lesson, in both languages", async () => {
    const me = freshLearner(); // (one computer: the room does not warn of a second one)
    for (const [lang, paste] of [["en", /paste the set lines into this terminal first, then run: npx privatelink-lab/], ["ja", /先に set の行をこのターミナルに貼り付けてから/]] as const) {
      const r = await cli(me.env, ["join", seatLine(1), "--shell", "cmd", "--lang", lang]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`set "AWS_ENDPOINT_URL=${served.url}"`);
      expect(r.stderr.replace(/\s*\n\s*/g, lang === "ja" ? "" : " "), lang).toMatch(paste);
    }
    // bash evaluates the lines itself: it is told to run the lesson right away
    const bash = await cli(me.env, ["join", seatLine(1), "--shell", "bash", "--lang", "en"]);
    expect(bash.stderr.replace(/\s*\n\s*/g, " ")).toContain("In this terminal, run: npx privatelink-lab");
  });
});

const HOW = "How do you want to do this step?";
const ROOM_LINE = "paste the same join line from your sheet there";

/** A hands-on learner who stops at the first step's question: what the lesson said until then is what they saw. */
class HandsOnLearner extends RecordingHost {
  constructor() {
    super("en", true);
  }
  override async select<T>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T> {
    if (message === HOW) throw new Error("stopped at the first question");
    return super.select(message, choices, defaultValue);
  }
  said(): string[] {
    return this.events.flatMap((e) => (e.type === "notice" ? [e.message] : []));
  }
}

describe("a hands-on lesson in a room", () => {
  it("tells the learner to paste the same join line in a second terminal to type the aws commands", async () => {
    const h = harness({ opts: { prefix: "team-02", mode: "hands-on", yes: false } });
    const out = new PassThrough();
    out.resume();
    // Terminal 1: the join line (in this process), then the lesson in the shell it set up.
    await joinRoom(seatLine(1), { shell: "bash" }, { ...h.env, stdout: out as unknown as NodeJS.WriteStream, stderr: out as unknown as NodeJS.WriteStream });
    const key = room.participants[1]!;
    const learner = new HandsOnLearner();
    const shell = { AWS_ENDPOINT_URL: served.url, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey };
    // The room's account over HTTP, as the lesson reaches it (the SDK reads its keys from the process's environment).
    const before = { ...process.env };
    Object.assign(process.env, shell);
    const { makeClients: _inProcess, ...reached } = h.env;
    try {
      await expect(start({ mode: "hands-on", yes: false, lang: "en" }, { ...reached, env: { ...h.env.env, ...shell }, makeHost: () => learner })).rejects.toThrow("stopped at the first question");
    } finally {
      for (const k of Object.keys(shell)) if (before[k] === undefined) delete process.env[k];
      Object.assign(process.env, before);
    }
    expect(learner.said().filter((m) => m.includes(ROOM_LINE))).toHaveLength(1);
    // Not the solo sandbox's line: nothing of this lesson is served here.
    expect(learner.said().join("\n")).not.toContain("run this once in a second terminal");
  });
});

describe("the join line of each shell on the sheet", () => {
  it("joins in fish, PowerShell and cmd.exe too, with that shell's lines", async () => {
    const dave = freshLearner();
    const key = room.participants[0]!.accessKeyId;
    const expected: Record<string, string> = {
      fish: `set -gx AWS_ACCESS_KEY_ID '${key}'`,
      powershell: `$env:AWS_ACCESS_KEY_ID = '${key}'`,
      cmd: `set "AWS_ACCESS_KEY_ID=${key}"`,
      zsh: `export AWS_ACCESS_KEY_ID='${key}'`,
    };
    for (const [shell, line] of Object.entries(expected)) {
      const r = await cli(dave.env, ["join", seatLine(0), "--shell", shell]);
      expect([shell, r.code, r.stderr]).toEqual([shell, 0, expect.stringContaining("Joined room 'room' as team-01")]);
      expect(r.stdout.split("\n")).toContain(line);
    }
  });
});

describe("the same join line on another computer", () => {
  it("still joins, but its joiner is warned (in their language), and status shows the seat joined from two computers", async () => {
    const alice = freshLearner();
    const bob = freshLearner({ LANG: "ja_JP.UTF-8" });
    const a1 = await joinAs(alice, 2);
    const a2 = await joinAs(alice, 2);
    expect([a1.code, a2.code]).toEqual([0, 0]);
    // Her second terminal is the same computer: no warning.
    expect(a2.stderr).not.toContain("another computer");
    // Her install id: made once, 0600, a file of her state folder.
    const idFile = join(alice.stateDir, "install-id");
    expect(statSync(idFile).mode & 0o777).toBe(0o600);
    const b = await joinAs(bob, 2);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(`export AWS_ACCESS_KEY_ID='${room.participants[2]!.accessKeyId}'`);
    expect(b.stderr).toMatch(/席 team-03 には \d\d:\d\d に別のコンピューターから参加がありました。自分でなければ、講師に知らせてください/);

    const json = await cli(facilitatorEnv(), ["workshop", "status", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout.trim().split("\n").pop()!) as { participants: { prefix: string; computers?: number }[] };
    const computers = Object.fromEntries(doc.participants.map((p) => [p.prefix, p.computers]));
    expect(computers["team-03"]).toBe(2);
    const csv = await cli(facilitatorEnv(), ["workshop", "status", "--csv"]);
    const [header, ...rows] = csv.stdout.trim().split("\n");
    const col = header!.split(",").indexOf("computers");
    expect(col).toBeGreaterThan(0);
    expect(rows.find((r) => r.startsWith("team-03,"))!.split(",")[col]).toBe("2");
    const table = await cli(facilitatorEnv(), ["workshop", "status", "--once"]);
    expect(table.stdout).toContain("Joined from");
    expect(table.stdout).toMatch(/team-03.*2 computers ⚠/);
  });

  it("never follows a planted link to read or write the install id", async () => {
    const carol = freshLearner();
    mkdirSync(carol.stateDir, { recursive: true });
    const target = join(mkdtempSync(join(tmpdir(), "pll-target-")), "bashrc");
    writeFileSync(target, "keep me\n");
    symlinkSync(target, join(carol.stateDir, "install-id"));
    const r = await joinAs(carol, 0);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    expect(lstatSync(join(carol.stateDir, "install-id")).isSymbolicLink()).toBe(false);
    expect(existsSync(join(carol.stateDir, "install-id"))).toBe(true);
  });
});

describe("join codes on a printed handout", () => {
  it("use no look-alike characters (0/O/o, 1/l/I), and the codes of rooms made before still join", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-room-"));
    const made = openRoomRecord(dir, "room", { prefixes: Array.from({ length: 40 }, (_, i) => `team-${String(i + 1).padStart(2, "0")}`), defaultRegion: REGION }, new Date()).room;
    const codes = [made.facilitator.code, ...made.participants.map((p) => p.code)];
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(code).not.toMatch(/[0O1lIo]/);
      expect(() => joinAddress(`http://127.0.0.1:1/join/${code}`)).not.toThrow();
    }
    expect(CODE_ALPHABET).not.toMatch(/[0O1lIo]/);
    // An older room's code (base64url, any letter) still joins.
    expect(() => joinAddress("http://127.0.0.1:1/join/NoSo3a72Yb9l7jOW")).not.toThrow();
  });
});
