/**
 * `workshop retire`: a room deleted for good once its workshop is over — its sandbox account, its keys and join codes —
 * so a later `workshop serve` of the same name starts a new room, and the old handouts open nothing. Never while it is
 * served; asks first (`--yes` without a terminal), `--dry-run` lists what would go.
 */
import { rmSync } from "node:fs";
import { LabError } from "../../errors.js";
import { readServed } from "../../sandbox/served-file.js";
import { DEFAULT_ROOM, readRoom, roomDir, roomFiles } from "../../workshop/room/room-file.js";
import type { GlobalOptions } from "../options.js";
import { openSession, type Environment } from "../session.js";
import { agreesToDelete } from "../consent.js";

export async function workshopRetire(opts: GlobalOptions & { room?: string; dryRun?: boolean }, e: Environment): Promise<void> {
  const s = await openSession(opts, e);
  const name = opts.room ?? DEFAULT_ROOM;
  const dir = roomDir(e.env, name, e.stateDir);
  const room = readRoom(dir);
  if (!room) throw new LabError("room.handout.noRoom", { room: name });
  const live = readServed(roomFiles(dir).served);
  if (live) throw new LabError("room.retire.served", { room: name, url: live.url }, { source: "busy" });
  const n = room.participants.length;
  if (opts.dryRun) {
    s.io.notify({ type: "notice", level: "info", message: s.t("room.retire.dryRun", { room: name, dir, n }) });
    return;
  }
  const question = s.t("room.retire.confirm", { room: name, n });
  if (!(await agreesToDelete(opts.yes, s.io, question, new LabError("room.usage.retireNeedsYes", { room: name })))) {
    s.io.notify({ type: "notice", level: "info", message: s.t("room.retire.kept", { room: name }) });
    return;
  }
  // As `rm -r`: a symbolic link in the folder (or the folder itself, if one) goes as a link, never followed.
  rmSync(dir, { recursive: true, force: true });
  s.io.notify({ type: "notice", level: "success", message: s.t("room.retire.done", { room: name }) });
}
