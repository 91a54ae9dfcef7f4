/**
 * The sandbox account in SQLite (src/sandbox/account/): shared by every process of a learner and
 * of a workshop room. A change by another process is seen at once, a command that fails changes
 * nothing, a change writes only what it changed, a killed process leaves the last committed
 * state, and a damaged or linked file is handled as the README says.
 * (What a command returns shares nothing with the account: answers-own-nothing.test.ts.)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { sqlite } from "../../src/sandbox/account/node-sqlite.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { emptyWorld, regionOf, type World } from "../../src/sandbox/world.js";
import { harness } from "../helpers/lesson-harness.js";

const dbIn = () => join(mkdtempSync(join(tmpdir(), "pll-store-")), "account.db");
const seqOf = (store: SqliteStore) => store.transact((w) => w.seq, true);
const vpcsOf = (path: string, tag?: string) => {
  const store = new SqliteStore(path);
  const n = store.transact((w) => Object.values(w.regions["us-east-1"]?.vpcs ?? {}).filter((v) => tag === undefined || v.Tags?.[0]?.Value === tag).length, true);
  store.close();
  return n;
};
/** Every row of the account, as SQLite holds it. */
const rowsOf = (path: string) => {
  const db = new (sqlite().DatabaseSync)(path);
  // A row written again carries the new change number even if its text is the same.
  const rows = new Map(db.prepare("SELECT region || '/' || kind || '/' || id AS k, changed || ':' || body || ':' || ifnull(heavy, '') AS v FROM entity").all().map((r) => [r.k as string, r.v as string]));
  db.close();
  return rows;
};

let child = "";
beforeAll(async () => {
  child = join(mkdtempSync(join(tmpdir(), "pll-store-child-")), "child.mjs");
  await build({ entryPoints: [resolve(import.meta.dirname, "../helpers/account-child.ts")], outfile: child, bundle: true, format: "esm", platform: "node", packages: "external", logLevel: "warning" });
});
const runChild = (...args: string[]) => spawn(process.execPath, [child, ...args], { stdio: ["ignore", "pipe", "pipe"] });
const exited = (p: ReturnType<typeof runChild>) => new Promise<number | null>((done) => p.on("close", (code) => done(code)));

describe("the sandbox account in SQLite", () => {
  it("sees another process's change on the next read", () => {
    const file = dbIn();
    const mine = new SqliteStore(file);
    const theirs = new SqliteStore(file);
    mine.transact((w) => void (w.seq = 1));
    expect(seqOf(mine)).toBe(1);
    for (let i = 2; i < 6; i++) {
      theirs.transact((w) => void (w.seq = i));
      expect(seqOf(mine)).toBe(i);
    }
  });

  it("catches up with another process's creates, changes and deletes", () => {
    const file = dbIn();
    const mine = new SqliteStore(file);
    const theirs = new SqliteStore(file);
    const put = (store: SqliteStore, id: string, cidr: string) => store.transact((w) => void (regionOf(w, "us-east-1").vpcs[id] = { VpcId: id, CidrBlock: cidr } as never));
    put(mine, "vpc-a", "10.0.0.0/16");
    put(mine, "vpc-b", "10.1.0.0/16");
    expect(mine.snapshot().regions["us-east-1"]!.vpcs).toHaveProperty("vpc-b");
    put(theirs, "vpc-c", "10.2.0.0/16");
    expect(mine.snapshot().regions["us-east-1"]!.vpcs).toHaveProperty("vpc-c");
    theirs.transact((w) => {
      delete w.regions["us-east-1"]!.vpcs["vpc-a"];
      w.regions["us-east-1"]!.vpcs["vpc-b"]!.CidrBlock = "10.9.0.0/16";
    });
    put(theirs, "vpc-a", "10.3.0.0/16"); // the same id again, after its deletion
    theirs.transact((w) => void delete w.regions["us-east-1"]!.vpcs["vpc-c"]);
    expect(mine.snapshot()).toEqual(new SqliteStore(file).snapshot());
    expect(mine.snapshot().regions["us-east-1"]!.vpcs).toEqual({ "vpc-a": { VpcId: "vpc-a", CidrBlock: "10.3.0.0/16" }, "vpc-b": { VpcId: "vpc-b", CidrBlock: "10.9.0.0/16" } });
  });

  it("keeps nothing of a command that failed, and drops the world it half-changed", () => {
    const store = new SqliteStore(dbIn());
    store.transact((w) => void (w.seq = 7));
    expect(() =>
      store.transact((w) => {
        w.seq = 99;
        w.accountId = "999999999999";
        regionOf(w, "us-east-1").vpcs["vpc-1"] = { VpcId: "vpc-1" } as never;
        throw new Error("DependencyViolation");
      }),
    ).toThrow("DependencyViolation");
    expect(seqOf(store)).toBe(7);
    store.transact((w) => void (w.seq += 1));
    expect(new SqliteStore(store.path).snapshot()).toMatchObject({ seq: 8, accountId: expect.not.stringMatching(/^9+$/), regions: {} });
  });

  it("holds in the file exactly the world a process holds, after a whole lesson", async () => {
    const store = new SqliteStore(dbIn(), { clock: new ManualClock() }); // the harness's time: nothing deleted is dropped yet
    const h = harness({ store });
    await start(h.opts, h.env);
    expect(h.host.ofType("lesson-finished")[0]).toMatchObject({ cleanedUp: true });
    // Every change the lesson made went through the tracked view: nothing lives only in memory.
    expect(new SqliteStore(store.path).snapshot()).toEqual(store.snapshot());
  });

  it("writes only the entities a command changed", async () => {
    const store = new SqliteStore(dbIn(), { clock: new ManualClock() }); // the harness's time: nothing deleted is dropped yet
    const h = harness({ store });
    await start(h.opts, h.env);
    const before = rowsOf(store.path);
    const [region, vpcId] = store.transact((w) => {
      const [r, rw] = Object.entries(w.regions).find(([, rw]) => Object.keys(rw.vpcs).length > 0)!;
      const vpc = Object.values(rw.vpcs)[0]!;
      vpc.Tags = [...(vpc.Tags ?? []), { Key: "seen", Value: "yes" }];
      return [r, vpc.VpcId];
    });
    const after = rowsOf(store.path);
    const changed = [...after].filter(([k, body]) => before.get(k) !== body).map(([k]) => k);
    expect(before.size).toBeGreaterThan(30);
    expect(changed).toEqual([`${region}/vpcs/${vpcId}`]);
  });

  it("writes each command's changes, also to entities an earlier command already read or changed (the view's proxies outlive a command)", () => {
    const store = new SqliteStore(dbIn());
    store.transact((w) => {
      const rw = regionOf(w, "us-east-1");
      rw.vpcs["vpc-a"] = { VpcId: "vpc-a", Tags: [{ Key: "n", Value: "0" }] } as never;
      rw.vpcs["vpc-b"] = { VpcId: "vpc-b", Tags: [] } as never;
    });
    // Read back from the file by another connection: what was written, not what the process holds.
    const tagOf = (path: string, id: string) => {
      const other = new SqliteStore(path);
      const value = other.transact((w) => w.regions["us-east-1"]?.vpcs[id]?.Tags?.at(-1)?.Value, true);
      other.close();
      return value;
    };
    for (const n of ["1", "2", "3"]) {
      // Each command reads every VPC (as a quota check does) and changes vpc-a inside its tags.
      store.transact((w) => {
        const vpcs = Object.values(w.regions["us-east-1"]!.vpcs);
        expect(vpcs).toHaveLength(2);
        w.regions["us-east-1"]!.vpcs["vpc-a"]!.Tags![0]!.Value = n;
      });
      expect(tagOf(store.path, "vpc-a")).toBe(n);
    }
    const before = rowsOf(store.path);
    store.transact((w) => void w.regions["us-east-1"]!.vpcs["vpc-b"]!.Tags!.push({ Key: "n", Value: "b" }));
    expect(tagOf(store.path, "vpc-b")).toBe("b");
    const changed = [...rowsOf(store.path)].filter(([k, body]) => before.get(k) !== body).map(([k]) => k);
    expect(changed).toEqual(["us-east-1/vpcs/vpc-b"]);
    expect(new SqliteStore(store.path).snapshot().regions["us-east-1"]!.vpcs["vpc-a"]!.Tags).toEqual([{ Key: "n", Value: "3" }]);
  });

  it("keeps its files private (0600) and refuses a symbolic link", () => {
    const file = dbIn();
    new SqliteStore(file).transact((w) => void (w.seq = 1));
    for (const f of readdirSync(join(file, "..")).filter((n) => n.startsWith("account.db"))) expect(statSync(join(file, "..", f)).mode & 0o777, f).toBe(0o600);
    const link = join(mkdtempSync(join(tmpdir(), "pll-store-link-")), "account.db");
    symlinkSync(file, link);
    expect(() => new SqliteStore(link).transact((w) => w.seq, true)).toThrow(expect.objectContaining({ key: "account.symlink" }));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("imports an old account.json once and keeps it beside, named for what happened", () => {
    const file = dbIn();
    const legacy = file.replace(/\.db$/, ".json");
    const old: World = emptyWorld();
    old.seq = 41;
    regionOf(old, "ap-northeast-1").vpcs["vpc-old"] = { VpcId: "vpc-old", Tags: [{ Key: "who", Value: "old" }] } as never;
    writeFileSync(legacy, JSON.stringify(old));
    const store = new SqliteStore(file);
    expect(store.snapshot()).toEqual(old);
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(`${legacy}.imported-to-sqlite`)).toBe(true);
    // A later file of the old kind is not imported over an account that has one.
    store.transact((w) => void (w.seq = 42));
    writeFileSync(legacy, JSON.stringify(emptyWorld()));
    expect(seqOf(new SqliteStore(file))).toBe(42);
  });

  it("moves a damaged account aside, starts afresh, and says where it went once", () => {
    const file = dbIn();
    const first = new SqliteStore(file);
    first.transact((w) => void (w.seq = 3));
    first.close();
    writeFileSync(file, "this is not a database, it was overwritten by hand ".repeat(200));
    const store = new SqliteStore(file);
    expect(seqOf(store)).toBe(0);
    const backup = readdirSync(join(file, "..")).find((n) => /^account\.db\.corrupt-\d+$/.test(n));
    expect(backup).toBeDefined();
    expect(new SqliteStore(file).takeNotice()).toBe(join(file, "..", backup!));
    expect(new SqliteStore(file).takeNotice()).toBeUndefined();
  });

  it("drops deleted records once AWS would no longer show them, in the sandbox's time", () => {
    const clock = new ManualClock();
    const store = new SqliteStore(dbIn(), { clock, speed: 1 });
    const t0 = clock.now();
    store.transact((w) => {
      const rw = regionOf(w, "us-east-1");
      rw.vpcs["vpc-gone"] = { VpcId: "vpc-gone", life: { createdAt: 0, readyAt: 0, deletedAt: t0 } } as never;
      rw.vpcs["vpc-live"] = { VpcId: "vpc-live", life: { createdAt: 0, readyAt: 0 } } as never;
      rw.stacks["s-gone"] = { StackId: "s-gone", life: { createdAt: 0, readyAt: 0, deletedAt: t0 } } as never;
    });
    const kept = () => new SqliteStore(store.path).transact((w) => [...Object.keys(w.regions["us-east-1"]!.vpcs), ...Object.keys(w.regions["us-east-1"]!.stacks)].sort(), true);
    const tick = () => store.transact((w) => void (w.seq += 1));
    clock.advance(59 * 60_000);
    tick();
    expect(kept()).toEqual(["s-gone", "vpc-gone", "vpc-live"]);
    clock.advance(2 * 60_000); // an hour after the deletion: EC2 no longer shows it
    tick();
    expect(kept()).toEqual(["s-gone", "vpc-live"]);
    clock.advance(89 * 864e5); // CloudFormation lists a deleted stack for 90 days
    tick();
    expect(kept()).toEqual(["s-gone", "vpc-live"]);
    clock.advance(864e5);
    tick();
    expect(kept()).toEqual(["vpc-live"]);
  });

  it("silences node:sqlite's ExperimentalWarning (Node 22) and no other warning", () => {
    const r = spawnSync(process.execPath, [child, "warnings"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("something else is experimental");
    expect(r.stderr).not.toMatch(/SQLite/i);
  });

  it("loses nothing when two processes create at the same time", async () => {
    const file = dbIn();
    new SqliteStore(file).transact((w) => void (w.seq = 0));
    const [a, b] = [runChild("create", file, "a", "150"), runChild("create", file, "b", "150")];
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0]);
    expect([vpcsOf(file, "a"), vpcsOf(file, "b")]).toEqual([450, 450]);
    expect(seqOf(new SqliteStore(file))).toBe(900);
  });

  it("keeps the last committed state when a process is killed inside a write", async () => {
    const file = dbIn();
    new SqliteStore(file).transact((w) => void (w.seq = 5));
    const held = runChild("hold", file);
    await new Promise<void>((ready) => held.stdout.on("data", () => ready()));
    held.kill("SIGKILL");
    await exited(held);
    expect(vpcsOf(file)).toBe(0);
    const store = new SqliteStore(file);
    expect(seqOf(store)).toBe(5);
    store.transact((w) => void (w.seq = 6)); // the lock died with it
    // Killed at an arbitrary point of its writes: every command it committed is whole.
    const busy = runChild("forever", file, "k");
    await new Promise((wait) => setTimeout(wait, 400));
    busy.kill("SIGKILL");
    await exited(busy);
    const n = vpcsOf(file, "k");
    expect(n % 3).toBe(0);
    expect(seqOf(new SqliteStore(file))).toBe(6 + n);
    const check = spawnSync(process.execPath, ["-e", `const d=new (process.getBuiltinModule("node:sqlite").DatabaseSync)(${JSON.stringify(file)});console.log(d.prepare("PRAGMA integrity_check").get().integrity_check)`], { encoding: "utf8" });
    expect(check.stdout.trim()).toBe("ok");
  });
});
