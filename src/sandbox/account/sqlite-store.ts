/**
 * The sandbox account in SQLite (`node:sqlite`): one row per entity (region, kind, id, JSON), one
 * transaction per command, any number of processes through SQLite's own locking.
 *
 * - A command that writes runs in `BEGIN IMMEDIATE` (one writer at a time, waiting up to the busy
 *   timeout) and writes back only the entities it changed (tracked-world.ts); a read runs in a
 *   read transaction on a consistent snapshot. A command that fails writes nothing.
 * - Each process keeps the world it last read. When another process has committed since
 *   (`PRAGMA data_version`), it reads only the rows changed after the change number it holds
 *   (and the tombstones of rows removed since), not the whole account.
 * - Before each write, records AWS no longer shows are dropped (retention.ts).
 * - A damaged database is moved aside and a fresh account starts; the next command says so once
 *   (`takeNotice`). The old JSON account file is imported once (legacy.ts).
 */
import { Tracker, entityAt, entityKeys, splitKey, tableIn } from "./tracked-world.js";
import { expiresAt } from "./retention.js";
import { deferHeavy, split } from "./heavy-fields.js";
import { importedName, legacyFileOf, readLegacy, setAside } from "./legacy.js";
import { fileProblem, isBusy, isDamaged, moveAside, openAccount } from "./open.js";
import { localFileError } from "../../guard/local-file.js";
import type { Database } from "./node-sqlite.js";
import { LabError } from "../../errors.js";
import { systemClock, type Clock, type Speed } from "../clock.js";
import { emptyWorld, regionOf, type World } from "../world.js";
import type { WorldStore } from "../store.js";
import { existsSync } from "node:fs";

export interface SqliteStoreOptions {
  /** The sandbox's clock and speed: when a deleted record may be dropped. */
  clock?: Clock;
  speed?: Speed;
}

type Statements = ReturnType<typeof prepare>;

const prepare = (db: Database) => ({
  upsert: db.prepare(
    "INSERT INTO entity (region, kind, id, body, heavy, expires_at, changed) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, kind, id) DO UPDATE SET body = excluded.body, heavy = COALESCE(excluded.heavy, entity.heavy), expires_at = excluded.expires_at, changed = excluded.changed",
  ),
  remove: db.prepare("DELETE FROM entity WHERE region = ? AND kind = ? AND id = ?"),
  purge: db.prepare("DELETE FROM entity WHERE expires_at IS NOT NULL AND expires_at <= ? RETURNING region, kind, id"),
  tombstone: db.prepare("INSERT INTO removed (region, kind, id, changed) VALUES (?, ?, ?, ?) ON CONFLICT (region, kind, id) DO UPDATE SET changed = excluded.changed"),
  prune: db.prepare("DELETE FROM removed WHERE changed <= ?"),
  changedRows: db.prepare("SELECT region, kind, id, body, heavy IS NOT NULL AS split FROM entity WHERE changed > ?"),
  heavy: db.prepare("SELECT heavy FROM entity WHERE region = ? AND kind = ? AND id = ?"),
  removedRows: db.prepare("SELECT region, kind, id FROM removed WHERE changed > ?"),
  meta: db.prepare("SELECT value FROM meta WHERE key = ?"),
  setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
  takeMeta: db.prepare("DELETE FROM meta WHERE key = ? RETURNING value"),
  version: db.prepare("PRAGMA data_version"),
  rows: db.prepare("SELECT region, kind, id, body, heavy IS NOT NULL AS split FROM entity"),
});

/** How many changes back a process can catch up from the tombstones (older: it reads everything). */
const TOMBSTONES = 5000;

function removeRow(world: World, row: Record<string, unknown>): void {
  const table = tableIn(world, row.region as string, row.kind as string);
  if (table) delete table[row.id as string];
}

type Meta = Pick<World, "schema" | "accountId" | "seq" | "quotas">;
const metaOf = (w: World): Meta => ({ schema: w.schema, accountId: w.accountId, seq: w.seq, quotas: w.quotas });

/** Accounts open in this process, closed when it ends (Ctrl-C included): the last connection folds its -wal back, leaving one file. */
const openStores = new Set<SqliteStore>();
process.once("exit", () => openStores.forEach((s) => s.close()));

export class SqliteStore implements WorldStore {
  private db: Database | undefined;
  private sql: Statements | undefined;
  /** The world as of `version` (this connection's `data_version`) and the account's change number. */
  private cache: { world: World; version: number; change: number } | undefined;
  /** A damaged account was moved here: recorded in the fresh one for the next command to say. */
  private recovered: string | undefined;

  constructor(
    readonly path: string,
    private readonly options: SqliteStoreOptions = {},
  ) {}

  transact<T>(fn: (world: World) => T, readOnly = false): T {
    return this.guarded((sql) => (readOnly ? this.inTransaction("BEGIN", () => fn(this.current(sql))) : this.write(sql, fn)));
  }

  snapshot(): World {
    return this.transact((w) => structuredClone(w), true); // inside: a stack's events are read here
  }

  /** Where a damaged account was kept, once (then forgotten), or undefined. */
  takeNotice(): string | undefined {
    return this.guarded((sql) => {
      if (sql.meta.get("recovered") === undefined) return undefined;
      return this.inTransaction("BEGIN IMMEDIATE", () => sql.takeMeta.get("recovered")?.value as string | undefined);
    });
  }

  close(): void {
    openStores.delete(this);
    this.db?.close();
    this.db = undefined;
    this.sql = undefined;
    this.cache = undefined;
  }

  private write<T>(sql: Statements, fn: (world: World) => T): T {
    try {
      return this.inTransaction("BEGIN IMMEDIATE", () => {
        const world = this.current(sql);
        const change = this.cache!.change + 1;
        this.purge(sql, world, change);
        const tracker = new Tracker(world);
        let result: T;
        try {
          result = fn(tracker.view());
        } finally {
          tracker.end();
        }
        this.save(sql, world, tracker.changedKeys(), tracker.metaDirty, change);
        this.cache!.change = change;
        return result;
      });
    } catch (e) {
      this.cache = undefined; // half-changed: the database, untouched, is the account
      throw e;
    }
  }

  private inTransaction<T>(begin: string, fn: () => T): T {
    const db = this.db!;
    db.exec(begin);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      db.exec("ROLLBACK");
      throw e;
    }
    db.exec("COMMIT");
    return result;
  }

  /** The world at this transaction's snapshot: the cached one, caught up if another process committed. */
  private current(sql: Statements): World {
    const version = Number(sql.version.get()!.data_version);
    if (this.cache?.version === version) return this.cache.world;
    const change = Number(sql.meta.get("change")?.value ?? 0);
    const pruned = Number(sql.meta.get("pruned")?.value ?? 0);
    const held = this.cache;
    const world = held && held.change >= pruned ? held.world : emptyWorld();
    const since = held && held.change >= pruned ? held.change : -1;
    const meta = sql.meta.get("world")?.value;
    if (typeof meta === "string") Object.assign(world, JSON.parse(meta) as Meta);
    if (since >= 0) for (const row of sql.removedRows.all(since)) removeRow(world, row);
    // One row at a time: a large account is never held twice (as rows and as objects).
    for (const row of since >= 0 ? sql.changedRows.iterate(since) : sql.rows.iterate()) {
      const [region, kind, id] = [row.region as string, row.kind as string, row.id as string];
      const table = (region === "" ? world : regionOf(world, region)) as unknown as Record<string, Record<string, unknown>>;
      const entity = JSON.parse(row.body as string) as unknown;
      if (row.split) deferHeavy(kind, entity, () => sql.heavy.get(region, kind, id)?.heavy as string | undefined);
      (table[kind] ??= {})[id] = entity;
    }
    this.cache = { world, version, change };
    return world;
  }

  /** Drops what AWS would no longer show (before the command runs, so it never sees them). */
  private purge(sql: Statements, world: World, change: number): void {
    for (const row of sql.purge.all((this.options.clock ?? systemClock).now())) {
      removeRow(world, row);
      sql.tombstone.run(row.region as string, row.kind as string, row.id as string, change);
    }
    // Tombstones of the last 5,000 changes are kept; a process holding an older world reads it all.
    if (change % 500 === 0 && change > TOMBSTONES) {
      sql.prune.run(change - TOMBSTONES);
      sql.setMeta.run("pruned", String(change - TOMBSTONES));
    }
  }

  private save(sql: Statements, world: World, keys: Iterable<string>, metaChanged: boolean, change: number): void {
    const speed = this.options.speed ?? 0;
    for (const key of keys) {
      const [region, kind, id] = splitKey(key);
      const entity = entityAt(world, key);
      if (entity === undefined) {
        if (Number(sql.remove.run(region, kind, id).changes) > 0) sql.tombstone.run(region, kind, id, change);
      } else {
        const { body, heavy } = split(kind, entity);
        sql.upsert.run(region, kind, id, body, heavy, expiresAt(kind, entity, speed), change);
      }
    }
    if (metaChanged) sql.setMeta.run("world", JSON.stringify(metaOf(world)));
    sql.setMeta.run("change", String(change));
  }

  /** Runs `fn` on the open account; a damaged one is moved aside once and `fn` runs on a fresh one. */
  private guarded<T>(fn: (sql: Statements) => T): T {
    try {
      return fn(this.open());
    } catch (e) {
      if (isBusy(e)) throw new LabError("account.busy", { path: this.path }, { cause: e, source: "busy" });
      const problem = fileProblem(e);
      if (problem) throw localFileError(this.path, Object.assign(e as Error, { code: problem }));
      if (!isDamaged(e)) throw e;
      this.close();
      this.recovered = moveAside(this.path);
      return fn(this.open());
    }
  }

  private open(): Statements {
    if (this.sql) return this.sql;
    const db = openAccount(this.path);
    this.db = db;
    openStores.add(this);
    const sql = prepare(db);
    this.sql = sql;
    if (this.recovered) {
      const backup = this.recovered;
      this.inTransaction("BEGIN IMMEDIATE", () => sql.setMeta.run("recovered", backup));
      this.recovered = undefined;
    }
    this.importLegacy(sql);
    return sql;
  }

  /** Reads the old JSON account into an account that has none yet, once; the file is kept aside. */
  private importLegacy(sql: Statements): void {
    const legacy = legacyFileOf(this.path);
    if (!legacy || !existsSync(legacy)) return;
    const already = sql.meta.get("legacy") !== undefined || sql.meta.get("world") !== undefined;
    if (already) {
      // Imported by a process that died before setting the file aside, or a file copied in later.
      if (sql.meta.get("legacy") !== undefined) setAside(legacy, importedName(legacy));
      return;
    }
    const read = readLegacy(legacy);
    if (read.kind === "none") return;
    if (read.kind === "damaged") {
      const backup = `${legacy}.corrupt-${Date.now()}`;
      setAside(legacy, backup);
      this.inTransaction("BEGIN IMMEDIATE", () => sql.setMeta.run("recovered", backup));
      return;
    }
    const imported = this.inTransaction("BEGIN IMMEDIATE", () => {
      if (sql.meta.get("world") !== undefined) return false; // another process imported it meanwhile
      this.save(sql, read.world, entityKeys(read.world), true, 1);
      sql.setMeta.run("legacy", importedName(legacy));
      return true;
    });
    if (imported) setAside(legacy, importedName(legacy));
  }
}
