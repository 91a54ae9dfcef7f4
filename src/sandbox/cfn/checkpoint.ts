/**
 * A savepoint inside one command: when one resource of a stack fails, what its provider had
 * already written to the world is undone while the stack's own history (events) is kept.
 */
import type { HandlerContext } from "../handler.js";
import type { RegionWorld } from "../world.js";

type Tables = Omit<RegionWorld, "stacks">;

export function checkpoint(ctx: HandlerContext): () => void {
  const { stacks: _stacks, ...tables } = ctx.rw;
  void _stacks;
  const saved = structuredClone({
    seq: ctx.world.seq,
    iamRoles: ctx.world.iamRoles,
    instanceProfiles: ctx.world.instanceProfiles,
    tables: tables as Tables,
  });
  return () => {
    ctx.world.iamRoles = saved.iamRoles;
    ctx.world.instanceProfiles = saved.instanceProfiles;
    Object.assign(ctx.rw, saved.tables);
  };
}
