/**
 * The account as it was kept before SQLite: one JSON file (`account.json`), rewritten whole on
 * every change. Read once into the database, then kept beside it under a name that says so.
 */
import { readFileSync, renameSync } from "node:fs";
import { onLocalFile } from "../../guard/local-file.js";
import { emptyRegion, type World } from "../world.js";

/** Where the JSON account of `dbPath` was kept (`account.db` → `account.json`). */
export function legacyFileOf(dbPath: string): string | undefined {
  return dbPath.endsWith(".db") ? `${dbPath.slice(0, -3)}.json` : undefined;
}

export const importedName = (legacy: string) => `${legacy}.imported-to-sqlite`;

export type Legacy = { kind: "none" } | { kind: "world"; world: World } | { kind: "damaged" };

export function readLegacy(path: string): Legacy {
  let text: string;
  try {
    text = onLocalFile(path, () => readFileSync(path, "utf8"));
  } catch (e) {
    if ((e as { cause?: NodeJS.ErrnoException }).cause?.code === "ENOENT") return { kind: "none" };
    throw e;
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (isWholeWorld(data)) return { kind: "world", world: data };
  } catch {
    // damaged: kept as a backup below
  }
  return { kind: "damaged" };
}

/** Moves the JSON file out of the way (`to`); already gone (another process did it) is fine. */
export function setAside(path: string, to: string): void {
  try {
    onLocalFile(path, () => renameSync(path, to));
  } catch (e) {
    if ((e as { cause?: NodeJS.ErrnoException }).cause?.code !== "ENOENT") throw e;
  }
}

/** Every table a sandbox world needs is there (a file cut short or edited by hand may lack some). */
function isWholeWorld(data: unknown): data is World {
  if (!data || typeof data !== "object") return false;
  const w = data as Partial<World>;
  if (w.schema !== 1 || !w.regions || typeof w.regions !== "object" || !w.quotas || typeof w.quotas !== "object") return false;
  if (!w.iamRoles || typeof w.iamRoles !== "object" || !w.instanceProfiles || typeof w.instanceProfiles !== "object" || typeof w.seq !== "number") return false;
  const tables = Object.keys(emptyRegion());
  return Object.values(w.regions).every((r) => r && typeof r === "object" && tables.every((k) => typeof (r as unknown as Record<string, unknown>)[k] === "object" && (r as unknown as Record<string, unknown>)[k] !== null));
}
