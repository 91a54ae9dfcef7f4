/**
 * `join` prints lines the learner's shell evaluates, built from what the room answered. A server
 * that is not a room (or a room gone wrong) answering with a newline or a quote in a field must get
 * "this is not a workshop room", nothing of its answer to evaluate (only `false`, so the shell's status
 * says it failed), and nothing written.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, freshLearner } from "../helpers/cli-process.js";

const GOOD = { type: "room-join", room: "room", url: "", region: "ap-northeast-1", role: "participant", prefix: "team-01", accessKeyId: "PLLAB0123456789ABCDEF", secretAccessKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCD" };
let answer: Record<string, unknown> = GOOD;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...answer, url: answer.url || base }));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function join(): Promise<{ code: number | null; stdout: string; stderr: string; stateDir: string }> {
  const me = freshLearner({ LANG: "en_US.UTF-8" });
  return new Promise((done) => {
    const c = spawn(process.execPath, [BIN, "join", `${base}/join/AbCdEfGhIjKlMnOp`, "--shell", "bash"], { env: me.env });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    c.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    c.on("close", (code) => done({ code, stdout, stderr, stateDir: me.stateDir }));
  });
}

describe("join takes from the room only what a room would say", () => {
  it("prints the shell lines for a room's answer", async () => {
    answer = GOOD;
    const r = await join();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("export AWS_ACCESS_KEY_ID='PLLAB0123456789ABCDEF'");
  });

  it.each([
    ["a room name with a newline and a command", { room: "room\ntouch /tmp/owned" }],
    ["an address with a quote", { url: "http://127.0.0.1:1/'$(id)'" }],
    ["a region that is not one", { region: "ap-northeast-1\n" }],
    ["a prefix that is not one", { prefix: "Team 01;" }],
    ["a join time from another computer that is not one", { elsewhereAt: "09:00\ntouch /tmp/owned" }],
  ])("refuses %s: nothing of it to evaluate, nothing written", async (_what, bad) => {
    answer = { ...GOOD, ...bad };
    const r = await join();
    expect([r.code, r.stdout]).toEqual([1, "false\n"]);
    expect(r.stderr).toContain("answered, but not as a privatelink-lab room");
    expect(existsSync(r.stateDir)).toBe(false);
  });
});
