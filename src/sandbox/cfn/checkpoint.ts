/**
 * A savepoint inside one command: when one resource of a stack fails, what its provider had
 * already written to the world is undone while the stack's own history (events) is kept.
 */
import type { HandlerContext } from "../handler.js";
import type { RegionWorld } from "../world.js";
import { savepointOf } from "../account/tracked-world.js";

type Tables = Omit<RegionWorld, "stacks">;

export function checkpoint(ctx: HandlerContext): () => void {
  // On the SQLite account: before-images of only the entities changed after this point.
  const savepoint = savepointOf(ctx.world);
  if (savepoint) return savepoint();
  const { stacks: _stacks, ...tables } = ctx.rw;
  // Kept as text (the world is JSON: the store writes it so) and read back only if a resource
  // fails: one string per resource instead of a copy of every table (a stack saves one per resource).
  const saved = JSON.stringify({ iamRoles: ctx.world.iamRoles, instanceProfiles: ctx.world.instanceProfiles, tables });
  return () => {
    const back = JSON.parse(saved) as { iamRoles: typeof ctx.world.iamRoles; instanceProfiles: typeof ctx.world.instanceProfiles; tables: Tables };
    ctx.world.iamRoles = back.iamRoles;
    ctx.world.instanceProfiles = back.instanceProfiles;
    Object.assign(ctx.rw, back.tables);
  };
}
