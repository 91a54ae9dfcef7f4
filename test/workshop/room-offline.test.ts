/**
 * A learner in a workshop room (joined with the line on their sheet, the built CLI as a process) whose room stops answering
 * is told it is the room, not an emulator or proxy: tell the facilitator, and run `npx privatelink-lab` again when it is back.
 * A room served again under another name on the same port (a re-created room: new keys) does not know their key: they are
 * told to paste the line from their current sheet, not to run `aws configure`. Both in English and Japanese.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli } from "../helpers/cli-process.js";
import { exportsOf } from "../helpers/aws-cli.js";

const REGION = "ap-northeast-1";
interface Served {
  url: string;
  dir: string;
}

const facilitator = freshLearner();
let server: ChildProcess | undefined;
let room: Served;
let learner: ReturnType<typeof freshLearner>;

function startServer(args: string[]): Promise<Served> {
  const proc = spawn(process.execPath, [BIN, "workshop", "serve", "--json", "--count", "1", "--region", REGION, ...args], { env: facilitator.env, stdio: ["ignore", "pipe", "pipe"] });
  server = proc;
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as Served);
    });
    proc.on("exit", (code) => reject(new Error(`workshop serve ended (${code})`)));
  });
}

async function stopServer(): Promise<void> {
  const proc = server;
  server = undefined;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGKILL");
  await exited;
}

/** The learner's command, in the shell their join line set up. */
const run = (args: string[]) => runCli(learner, args);

beforeAll(async () => {
  room = await startServer([]);
  const code = (JSON.parse(readFileSync(join(room.dir, "room.json"), "utf8")) as { participants: { code: string }[] }).participants[0]!.code;
  learner = freshLearner();
  const joined = runCli(learner, ["join", `${room.url}/join/${code}`, "--json"]);
  expect(joined.status, joined.stderr).toBe(0);
  Object.assign(learner.env, exportsOf((JSON.parse(joined.stdout.trim()) as { lines: string[] }).lines));
}, 60_000);

afterAll(stopServer);

describe("a learner whose workshop room stops answering", () => {
  it("is told the room is not answering: tell the facilitator, run npx privatelink-lab again when it is back (status, destroy; ja too)", { timeout: 60_000 }, async () => {
    const before = run(["status"]);
    expect(before.status, before.stderr).toBe(0);
    await stopServer();
    for (const args of [["status"], ["destroy", "--yes"]]) {
      const r = run(args);
      expect(r.status, r.stderr).toBe(5);
      expect(r.stderr).toContain(`The workshop room 'room' at ${room.url} is not answering.`);
      expect(r.stderr).toContain("Tell the facilitator. When the room is back, run `npx privatelink-lab` again to continue where you were");
      expect(r.stderr).not.toContain("emulator");
    }
    const ja = run(["status", "--lang", "ja"]);
    expect(ja.status, ja.stderr).toBe(5);
    expect(ja.stderr).toContain(`ワークショップの部屋 'room'（${room.url}）が応答していません。`);
    expect(ja.stderr).toContain("講師に知らせてください。");
    expect(ja.stderr).not.toContain("エミュレーター");
  });

  it("is told, when another room is served on the same port, that this room does not know their key: paste the current sheet's line", { timeout: 60_000 }, async () => {
    await stopServer();
    const other = await startServer(["--room", "other", "--port", new URL(room.url).port]);
    expect(other.url).toBe(room.url);
    const r = run(["status"]);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain("This room does not know your key (the room was re-created, or your line is from another room).");
    expect(r.stderr).toContain("Paste the line from your current sheet into this terminal, or ask the facilitator.");
    expect(r.stderr).not.toContain("aws configure");
    const ja = run(["status", "--lang", "ja"]);
    expect(ja.status, ja.stderr).toBe(3);
    expect(ja.stderr).toContain("この部屋はあなたの鍵を知りません");
    expect(ja.stderr).not.toContain("aws configure");
  });
});
