/**
 * A second process on a sandbox account, for the store's tests (bundled by esbuild, run by Node):
 *   create <db> <tag> <n>   n write commands, each adding 3 VPCs tagged <tag>
 *   forever <db> <tag>      the same, without end (to be killed)
 *   hold <db>               writes rows inside BEGIN IMMEDIATE, says "holding", waits (to be killed)
 *   warnings                loads node:sqlite, then emits another ExperimentalWarning of its own
 */
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { sqlite } from "../../src/sandbox/account/node-sqlite.js";
import { newId, regionOf, type World } from "../../src/sandbox/world.js";

const [mode, path, tag = "x", count = "1"] = process.argv.slice(2);

function addVpcs(w: World, n: number): void {
  const rw = regionOf(w, "us-east-1");
  for (let i = 0; i < n; i++) {
    const id = newId(w, "vpc");
    rw.vpcs[id] = { VpcId: id, CidrBlock: "10.0.0.0/16", Tags: [{ Key: "who", Value: tag }], life: { createdAt: 0, readyAt: 0 } } as never;
  }
}

if (mode === "create" || mode === "forever") {
  const store = new SqliteStore(path!);
  for (let i = 0; mode === "forever" || i < Number(count); i++) store.transact((w) => addVpcs(w, 3));
} else if (mode === "warnings") {
  sqlite();
  process.emitWarning("something else is experimental", "ExperimentalWarning");
} else if (mode === "hold") {
  const db = new (sqlite().DatabaseSync)(path!);
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("BEGIN IMMEDIATE");
  const put = db.prepare("INSERT INTO entity (region, kind, id, body, changed) VALUES ('us-east-1', 'vpcs', ?, '{}', 999999)");
  for (let i = 0; i < 500; i++) put.run(`vpc-held-${i}`);
  db.exec("UPDATE meta SET value = '{}' WHERE key = 'world'");
  process.stdout.write("holding\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
