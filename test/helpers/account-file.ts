/** The sandbox account a learner's processes left (for e2e tests that count what was made). */
import { join } from "node:path";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import type { World } from "../../src/sandbox/world.js";

export const accountPath = (home: string) => join(home, "state", "privatelink-lab", "sandbox", "account.db");

/** A copy of the whole account (a read: nothing is dropped or changed). */
export function accountOf(home: string): World {
  const store = new SqliteStore(accountPath(home));
  try {
    return store.snapshot();
  } finally {
    store.close();
  }
}
