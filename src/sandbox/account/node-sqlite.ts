/**
 * Node's built-in SQLite (`node:sqlite`, Node ≥ 22.13), loaded at run time so an older Node gets a
 * plain message. On Node 22 loading it prints an ExperimentalWarning; that one warning is silenced
 * while it loads, every other warning passes.
 */
import type * as NodeSqlite from "node:sqlite";

export type Database = NodeSqlite.DatabaseSync;
type SqliteModule = typeof NodeSqlite;

let loaded: SqliteModule | undefined;

const isSqliteWarning = (warning: unknown, rest: unknown[]): boolean => {
  const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  const text = warning instanceof Error ? warning.message : String(warning);
  const name = warning instanceof Error ? warning.name : type;
  return (name === "ExperimentalWarning" || type === "ExperimentalWarning") && /\bSQLite\b/.test(text);
};

export function sqlite(): SqliteModule {
  if (loaded) return loaded;
  const emit = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteWarning(warning, rest)) return;
    return (emit as (w: string | Error, ...r: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    const found: SqliteModule | undefined = process.getBuiltinModule?.("node:sqlite");
    // package.json's engines and the start-up check keep older Node lines out; this says it plainly.
    if (!found) throw new Error(`The sandbox needs node:sqlite (Node.js 22.13 or later); this is Node.js ${process.versions.node}.`);
    loaded = found;
  } finally {
    process.emitWarning = emit;
  }
  return loaded;
}
