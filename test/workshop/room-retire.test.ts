/**
 * After the workshop the facilitator retires the room (`workshop retire`): never while it is served, asks first (`--yes`
 * without a terminal, `--dry-run` to look), then its account, keys and join codes are gone, so the handouts' join lines
 * open nothing even when a room of the same name is served again.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshLearner, runCli, startServing, stopServing } from "../helpers/cli-process.js";

type Learner = ReturnType<typeof freshLearner>;
interface RoomServed { url: string; dir: string }

afterEach(stopServing);

/** `workshop serve --json` of a room of two. */
const serve = (me: Learner) => startServing<RoomServed>(me.env, ["workshop", "serve", "--json", "--count", "2", "--room", "retiring"]);

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("workshop retire", () => {
  it("refuses while the room is served, asks first, then deletes the room: its old join lines open nothing", async () => {
    const me = freshLearner();
    const first = await serve(me);
    // team-01's join code, as on their sheet.
    const code = (JSON.parse(readFileSync(join(first.event.dir, "room.json"), "utf8")) as { participants: { code: string }[] }).participants[0]!.code;
    const busy = runCli(me, ["workshop", "retire", "--room", "retiring", "--yes"]);
    expect(busy.status).toBe(6);
    expect(flat(busy.stderr)).toContain(`Room 'retiring' is being served right now (${first.event.url})`);
    await first.stop();
    expect(existsSync(first.event.dir)).toBe(true);

    const look = runCli(me, ["workshop", "retire", "--room", "retiring", "--dry-run"]);
    expect(look.status, look.stderr).toBe(0);
    expect(flat(look.stdout)).toContain("Nothing was deleted.");
    const unasked = runCli({ ...me, env: { ...me.env, LANG: "ja_JP.UTF-8" } }, ["workshop", "retire", "--room", "retiring"]);
    expect(unasked.status).toBe(2);
    expect(flat(unasked.stderr).replace(/ /g, "")).toContain("確認できるターミナルがないため、部屋'retiring'を廃止しません。");
    expect(existsSync(first.event.dir)).toBe(true);

    const retired = runCli(me, ["workshop", "retire", "--room", "retiring", "--yes"]);
    expect(retired.status, retired.stderr).toBe(0);
    expect(flat(retired.stdout)).toContain("Room 'retiring' is retired");
    expect(existsSync(first.event.dir)).toBe(false);
    expect(runCli(me, ["workshop", "retire", "--room", "retiring", "--yes"]).status).toBe(1); // no such room now

    // Served again under the same name: a new room, where the old sheet's code opens nothing.
    const again = await serve(me);
    const old = runCli(freshLearner(), ["join", `${again.event.url}/join/${code}`]);
    expect(old.status).toBe(1);
    expect(old.stderr).toContain("does not know this join code");
  }, 60_000);
});
