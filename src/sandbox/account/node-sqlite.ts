/**
 * Node's built-in SQLite (`node:sqlite`, there from Node 22.13, the oldest the CLI runs on), loaded
 * when first used. On Node 22 loading it prints an ExperimentalWarning; that one warning is silenced
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
    loaded = process.getBuiltinModule("node:sqlite");
  } finally {
    process.emitWarning = emit;
  }
  return loaded;
}
