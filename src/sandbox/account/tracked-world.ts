/**
 * A view of the world that notes which entities a command changed, so the account writes only
 * those rows. Every object reached through the view is a proxy owned by one entity (a VPC, a
 * stack, ...; the account-wide fields are one more, `META_TRAP`); a write anywhere inside it marks that
 * entity dirty for the write command running (`active`). A value stored through the view is kept
 * as plain data (proxies inside become copies), so no object is shared by two entities. Reads
 * through the view cost a proxy hop; Describe/List commands get the plain world instead.
 * A savepoint (CloudFormation undoing one failed resource) keeps each entity's before-image.
 */
import type { RegionWorld, World } from "../world.js";

/** Kinds stored outside any region; their rows have region "". */
const GLOBAL_KINDS = ["iamRoles", "instanceProfiles"] as const;

export type EntityKey = string;
const keyOf = (region: string, kind: string, id: string): EntityKey => `${region}\t${kind}\t${id}`;
export function splitKey(key: EntityKey): [region: string, kind: string, id: string] {
  const [region, kind, ...id] = key.split("\t");
  return [region!, kind!, id.join("\t")];
}

type Table = Record<string, unknown>;

/** The table of `kind` in `region` ("": the account-wide kinds), when the world has it. */
export function tableIn(world: World, region: string, kind: string): Table | undefined {
  const holder = region === "" ? world : world.regions[region];
  return (holder as unknown as Record<string, Table> | undefined)?.[kind];
}

/** The write command running now (one at a time: a write is one SQLite transaction), told of every change. */
let active: Tracker | undefined;
/** Every proxy, made once per object (not per command) and kept as long as it; it notes changes for whichever command runs. */
const proxies = new WeakMap<object, { proxy: object; trap: Trap }>();
/** Every proxy → the plain object it stands for. */
const targets = new WeakMap<object, object>();

/** The plain object behind a view's proxy (or the value itself): for reading many entities cheaply. Writes must go through the view. */
export function untracked<T extends object>(value: T): T {
  return (targets.get(value) as T | undefined) ?? value;
}

/** A savepoint on a tracked world (undefined: a plain world, as a MemoryStore's). */
export function savepointOf(world: World): (() => () => void) | undefined {
  const tracker = active;
  return tracker && targets.has(world) ? () => tracker.savepoint() : undefined;
}

export class Tracker {
  readonly dirty = new Set<EntityKey>();
  metaDirty = false;
  /** Regions created and tables replaced: written whole (a handler may go on filling the plain object it stored, which no proxy sees). */
  readonly wholeTables = new Set<string>();
  readonly newRegions = new Set<string>();
  private journal: Map<EntityKey, string | undefined> | undefined;

  constructor(readonly raw: World) {}

  /** The view a write command runs on, until `end`. */
  view(): World {
    active = this;
    const known = proxies.get(this.raw);
    if (known?.trap.kind === "world") return known.proxy as World;
    return remember(this.raw, new Trap("world")) as World;
  }

  /** The command is over: its view's proxies no longer note changes for it. */
  end(): void {
    if (active === this) active = undefined;
  }

  /** Every entity the command changed (or may have: see `wholeTables`). */
  changedKeys(): Set<EntityKey> {
    const keys = new Set(this.dirty);
    for (const whole of this.wholeTables) {
      const [region, kind] = whole.split("\t") as [string, string];
      for (const id of Object.keys(tableIn(this.raw, region, kind) ?? {})) keys.add(keyOf(region, kind, id));
    }
    for (const region of this.newRegions) {
      for (const [kind, table] of Object.entries(this.raw.regions[region] ?? {})) for (const id of Object.keys(table as Table)) keys.add(keyOf(region, kind, id));
    }
    return keys;
  }

  /** Marks a savepoint; the returned function puts every entity changed since back as it was. */
  savepoint(): () => void {
    const journal = new Map<EntityKey, string | undefined>();
    this.journal = journal;
    return () => {
      if (this.journal !== journal) throw new Error("sandbox: a savepoint was undone after a newer one was taken");
      for (const [key, before] of journal) {
        const [region, kind, id] = splitKey(key);
        const table = tableIn(this.raw, region, kind);
        if (!table) throw new Error(`sandbox: no table ${kind} in region ${region}`);
        if (before === undefined) delete table[id];
        else table[id] = JSON.parse(before) as unknown;
        this.dirty.add(key);
      }
      journal.clear();
    };
  }

  /** Before an entity changes: note it, and keep its before-image for an open savepoint. */
  private touch(key: EntityKey, table: Table, id: string): void {
    this.dirty.add(key);
    // The stacks keep their own history through an undo (a stack's events are its record).
    if (this.journal && !this.journal.has(key) && splitKey(key)[1] !== "stacks") {
      const before = Object.hasOwn(table, id) ? table[id] : undefined;
      this.journal.set(key, before === undefined ? undefined : JSON.stringify(before));
    }
  }

  private touchTable(region: string, kind: string, table: Table, replacement: Table | undefined): void {
    this.wholeTables.add(`${region}\t${kind}`);
    for (const id of new Set([...Object.keys(table), ...Object.keys(replacement ?? {})])) this.touch(keyOf(region, kind, id), table, id);
  }

  /** Before `prop` of `target` (reached through `trap`) changes (to `value`, or deleted). */
  changing(trap: Trap, target: object, prop: string | symbol, value: unknown): void {
    if (typeof prop === "symbol") return;
    switch (trap.kind) {
      case "world":
        if (prop === "regions") throw new Error("sandbox: the regions table is never replaced");
        if ((GLOBAL_KINDS as readonly string[]).includes(prop)) this.touchTable("", prop, (target as Record<string, Table>)[prop] ?? {}, value as Table | undefined);
        else this.metaDirty = true;
        return;
      case "regions": {
        const before = ((target as Record<string, Record<string, Table>>)[prop] ?? {}) as Record<string, Table>;
        const after = (value ?? {}) as Record<string, Table>;
        this.newRegions.add(prop);
        for (const kind of new Set([...Object.keys(before), ...Object.keys(after)])) this.touchTable(prop, kind, before[kind] ?? {}, after[kind]);
        return;
      }
      case "region":
        this.touchTable(trap.region, prop, (target as Record<string, Table>)[prop] ?? {}, value as Table | undefined);
        return;
      case "table":
        this.touch(keyOf(trap.region, trap.table, prop), target as Table, prop);
        return;
      case "meta":
        this.metaDirty = true;
        return;
      case "entity":
        this.touch(trap.key, trap.owner!, trap.id);
        return;
    }
  }
}

/** Plain data to store: proxies inside become copies of their targets. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const target = targets.get(value);
  if (target) return structuredClone(target);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plain(value[i]);
  } else {
    for (const k of Object.keys(value)) (value as Record<string, unknown>)[k] = plain((value as Record<string, unknown>)[k]);
  }
  return value;
}

function remember(target: object, trap: Trap): object {
  const proxy = new Proxy(target, trap);
  proxies.set(target, { proxy, trap });
  targets.set(proxy, target);
  return proxy;
}

/** What a proxy's object is part of (region, table, entity, account-wide fields); every object inside one entity shares its trap. */
class Trap implements ProxyHandler<object> {
  constructor(
    readonly kind: "world" | "regions" | "region" | "table" | "meta" | "entity",
    readonly region = "",
    readonly table = "",
    readonly key: EntityKey = "",
    /** An entity's table (the object holding it) and id. */
    readonly owner?: Table,
    readonly id = "",
  ) {}

  /** Is `trap` what this trap's `target[prop]` belongs to? (An object stored elsewhere since gets a new proxy.) */
  private fits(trap: Trap, target: object, prop: string): boolean {
    switch (this.kind) {
      case "world":
        if (prop === "regions") return trap.kind === "regions";
        if ((GLOBAL_KINDS as readonly string[]).includes(prop)) return trap.kind === "table" && trap.region === "" && trap.table === prop;
        return trap === META_TRAP;
      case "regions":
        return trap.kind === "region" && trap.region === prop;
      case "region":
        return trap.kind === "table" && trap.region === this.region && trap.table === prop;
      case "table":
        return trap.kind === "entity" && trap.owner === target && trap.id === prop;
      default:
        return trap === this;
    }
  }

  private child(target: object, prop: string): Trap {
    switch (this.kind) {
      case "world":
        if (prop === "regions") return new Trap("regions");
        if ((GLOBAL_KINDS as readonly string[]).includes(prop)) return new Trap("table", "", prop);
        return META_TRAP;
      case "regions":
        return new Trap("region", prop);
      case "region":
        return new Trap("table", this.region, prop);
      case "table":
        return new Trap("entity", this.region, this.table, keyOf(this.region, this.table, prop), target as Table, prop);
      default:
        return this;
    }
  }

  get(target: object, prop: string | symbol, receiver: unknown): unknown {
    const value = Reflect.get(target, prop, receiver) as unknown;
    if (value === null || typeof value !== "object" || typeof prop === "symbol") return value;
    const known = proxies.get(value);
    if (known && this.fits(known.trap, target, prop)) return known.proxy;
    return remember(value, this.child(target, prop));
  }

  set(target: object, prop: string | symbol, value: unknown): boolean {
    active?.changing(this, target, prop, value);
    return Reflect.set(target, prop, plain(value));
  }

  deleteProperty(target: object, prop: string | symbol): boolean {
    active?.changing(this, target, prop, undefined);
    return Reflect.deleteProperty(target, prop);
  }

  defineProperty(target: object, prop: string | symbol, descriptor: PropertyDescriptor): boolean {
    active?.changing(this, target, prop, descriptor.value);
    return Reflect.defineProperty(target, prop, "value" in descriptor ? { ...descriptor, value: plain(descriptor.value) } : descriptor);
  }
}

const META_TRAP = new Trap("meta");

/** The region tables a world holds (for writing them all, e.g. an import). */
export function entityKeys(world: World): EntityKey[] {
  const keys: EntityKey[] = [];
  for (const kind of GLOBAL_KINDS) for (const id of Object.keys(world[kind])) keys.push(keyOf("", kind, id));
  for (const [region, rw] of Object.entries(world.regions)) {
    for (const [kind, table] of Object.entries(rw as RegionWorld)) for (const id of Object.keys(table as Table)) keys.push(keyOf(region, kind, id));
  }
  return keys;
}

/** The entity a key names in `world` (undefined: it is gone). */
export function entityAt(world: World, key: EntityKey): unknown {
  const [region, kind, id] = splitKey(key);
  const table = tableIn(world, region, kind);
  return table && Object.hasOwn(table, id) ? table[id] : undefined;
}
