/**
 * Who a learner is in a workshop room. The room (served here, in this process) has three seats; carol joins as team-03
 * and bob's lab (team-02) is in the room's account. With the built CLI, as carol would type it:
 * - `destroy --prefix team-02` in her joined terminal is refused up front ("not your seat"), in her language, and writes
 *   no progress file nor last participant for team-02: her own lesson stays hers, bob's lab stays his;
 * - in a fresh terminal (no join line, her personal keys there) her room lesson says "paste your join line" rather than
 *   signing with her own keys for the room; `--sandbox` still takes her elsewhere on purpose;
 * - the facilitator's `workshop status` in a terminal without their join line names the room served on this computer
 *   instead of quietly reading the local sandbox.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshLearner, runCliAsync } from "../helpers/cli-process.js";
import { createSandboxClients } from "../../src/aws/clients.js";
import { publishServed } from "../../src/sandbox/served-file.js";
import { openRoomRecord, roomFiles, type RoomRecord } from "../../src/workshop/room/room-file.js";
import { serveRoom, type ServedRoom } from "../../src/workshop/room/serve-room.js";
import { CONSUMER } from "../sandbox/cfn-helpers.js";

const REGION = "ap-northeast-1";
type Learner = ReturnType<typeof freshLearner>;
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let room: RoomRecord;
let served: ServedRoom;
let unpublish: () => void;
const facilitator = freshLearner();
const carol = freshLearner();
/** Carol's joined terminal: her environment and what her join line exported. */
let carolShell: NodeJS.ProcessEnv;

/** The built CLI as a process (not spawnSync: the room answers from this process meanwhile). */
const cli = (env: NodeJS.ProcessEnv, args: string[]): Promise<Run> => runCliAsync(env, args);

/** A join line's exports, as bash would apply them. */
function exported(lines: string): NodeJS.ProcessEnv {
  return Object.fromEntries([...lines.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
}

async function joinAs(l: Learner, code: string): Promise<NodeJS.ProcessEnv> {
  const r = await cli(l.env, ["join", `${served.url}/join/${code}`, "--shell", "bash"]);
  expect(r.code, r.stderr).toBe(0);
  return { ...l.env, ...exported(r.stdout) };
}

const progress = (l: Learner, prefix: string) => join(l.stateDir, "participants", `${prefix}.json`);
const lastParticipant = (l: Learner) => readFileSync(join(l.stateDir, "last-participant"), "utf8").trim();

beforeAll(async () => {
  const dir = join(facilitator.stateDir, "rooms", "room");
  room = openRoomRecord(dir, "room", { prefixes: ["team-01", "team-02", "team-03"], defaultRegion: REGION }, new Date()).room;
  served = await serveRoom({ dir, room, host: "127.0.0.1", speed: 0 });
  // As `workshop serve` says where the room is served.
  unpublish = publishServed(roomFiles(dir).served, { url: served.url, region: REGION, accessKeyId: room.facilitator.accessKeyId, secretAccessKey: room.facilitator.secretAccessKey });
  // Bob's lab, in the room's account.
  const clients = await createSandboxClients(served.sandbox, REGION);
  await clients.cfn.send(new CreateStackCommand({ StackName: "team-02-consumer", TemplateBody: CONSUMER, Parameters: [{ ParameterKey: "Prefix", ParameterValue: "team-02" }], Capabilities: ["CAPABILITY_NAMED_IAM"] }));
  carolShell = await joinAs(carol, room.participants.find((p) => p.prefix === "team-03")!.code);
}, 60_000);

afterAll(async () => {
  unpublish();
  await served.close();
});

describe("a learner in a room acts only as their own seat", () => {
  it("join remembers the room and the seat", () => {
    expect(lastParticipant(carol)).toBe("team-03");
    expect(JSON.parse(readFileSync(progress(carol, "team-03"), "utf8"))).toMatchObject({ prefix: "team-03", room: { name: "room", url: served.url }, endpointUrl: served.url });
  });

  it("refuses another seat's --prefix up front, in the learner's language, writing nothing for it", async () => {
    const en = await cli(carolShell, ["destroy", "--prefix", "team-02", "--yes"]);
    expect(en.code, en.stderr).toBe(2);
    expect(en.stderr).toContain("team-02 is not your seat; in this room you are team-03.");
    const ja = await cli({ ...carolShell, LANG: "ja_JP.UTF-8" }, ["destroy", "--prefix", "team-02", "--yes"]);
    expect(ja.code, ja.stderr).toBe(2);
    expect(ja.stderr).toContain("team-02 はあなたの席ではありません。この部屋でのあなたは team-03 です。");
    // Carol's lesson is still hers; bob's lab is untouched.
    expect(existsSync(progress(carol, "team-02"))).toBe(false);
    expect(lastParticipant(carol)).toBe("team-03");
    const stacks = served.sandbox.call("cloudformation", "DescribeStacksCommand", { StackName: "team-02-consumer" }, REGION) as { Stacks: { StackStatus: string }[] };
    expect(stacks.Stacks[0]!.StackStatus).not.toMatch(/DELETE/);
  }, 60_000);

  it("takes the seat from the room's answer, not from a progress file", async () => {
    // Team-01's keys in a terminal of a computer that never ran their join (no progress file to go by).
    const seat = room.participants.find((p) => p.prefix === "team-01")!;
    const dave = freshLearner();
    const shell = { ...dave.env, AWS_ENDPOINT_URL: served.url, AWS_ACCESS_KEY_ID: seat.accessKeyId, AWS_SECRET_ACCESS_KEY: seat.secretAccessKey, AWS_REGION: REGION };
    const r = await cli(shell, ["destroy", "--prefix", "team-02", "--yes"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("team-02 is not your seat; in this room you are team-01.");
    expect(existsSync(dave.stateDir)).toBe(false);
  }, 60_000);

  it("lets the learner name their own seat", async () => {
    const r = await cli(carolShell, ["status", "--prefix", "team-03"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("prefix team-03");
    expect(lastParticipant(carol)).toBe("team-03");
  }, 60_000);
});

describe("a room's learner in a terminal without the join line", () => {
  const personal = { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

  it("is told to paste the join line, not sent to the room with their own keys", async () => {
    for (const env of [carol.env, { ...carol.env, ...personal }]) {
      const r = await cli(env, ["status"]);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`You joined room 'room' at ${served.url} as team-03`);
      expect(r.stderr).toContain("paste your join line (from your sheet) in this terminal first");
      expect(r.stderr).not.toMatch(/aws configure|not authorized|security token/i);
    }
    const ja = await cli({ ...carol.env, LANG: "ja_JP.UTF-8" }, ["status"]);
    expect(ja.stderr).toContain("参加用の行（配布シートにあります）を貼り付けてください");
  }, 60_000);

  it("may still go elsewhere on purpose (--sandbox)", async () => {
    const r = await cli(carol.env, ["status", "--sandbox"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sandbox .* prefix team-03/);
  }, 60_000);
});

describe("the facilitator in a terminal without their join line", () => {
  it("is told the room is served here, not shown the local sandbox", async () => {
    const r = await cli(facilitator.env, ["workshop", "status", "--once"]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain("Room 'room' is served on this computer");
    expect(r.stderr).toContain("run your facilitator join line first (workshop serve shows it when it starts)");
    // Only serve shows it: the handout (the learners' sheets) never carries the facilitator's code, so it is not named.
    const handout = await cli(facilitator.env, ["workshop", "handout", "--room", "room"]);
    expect(handout.code, handout.stderr).toBe(0);
    expect(handout.stdout + handout.stderr).not.toContain(room.facilitator.code);
    expect(r.stderr).not.toContain("handout");
    expect(r.stdout + r.stderr).not.toMatch(/built-in sandbox|No participant found/);
  }, 60_000);

  it("reads the room with the join line, and may act for any seat", async () => {
    const shell = await joinAs(facilitator, room.facilitator.code);
    const r = await cli(shell, ["workshop", "status", "--once", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { participants: { prefix: string }[] };
    expect(doc.participants.map((p) => p.prefix)).toContain("team-02");
    // The facilitator's key may act for any seat.
    const bob = await cli(shell, ["status", "--prefix", "team-02"]);
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).toContain("prefix team-02");
  }, 60_000);
});
