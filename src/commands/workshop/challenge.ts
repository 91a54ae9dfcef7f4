/**
 * `privatelink-lab workshop challenge --all <id>`: starts one break-and-fix challenge for every
 * participant whose build works (five at a time), acting as each with the learner's own code.
 * Each Consumer instance then carries the challenge's tags, which `workshop status` shows.
 */
import { startChallenge } from "../../challenge/run.js";
import { LabError } from "../../errors.js";
import { actAs } from "../../workshop/facilitator.js";
import { mapPool } from "../../workshop/pool.js";
import { QuietHost } from "../../workshop/quiet-host.js";
import { readRoom } from "../../workshop/room-read.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { openFacilitator } from "./open.js";

export interface WorkshopChallengeOptions extends GlobalOptions {
  all?: boolean;
}

export async function workshopChallenge(id: string, opts: WorkshopChallengeOptions, e: Environment): Promise<void> {
  if (!opts.all) throw new LabError("workshop.challenge.needAll");
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const room = await readRoom(f.clients, () => f.clock.now());
  const results = await mapPool(room.participants, 5, async (p) => {
    try {
      await startChallenge(actAs(f, p.prefix, new QuietHost(f.lang)), id);
      return { prefix: p.prefix, ok: true as const };
    } catch (err) {
      if (!(err instanceof LabError)) throw err;
      if (err.key === "challenge.unknown") throw err;
      return { prefix: p.prefix, ok: false as const, key: err.key, why: t(err.key, err.vars) };
    }
  });
  const lines = results.map((r) => (r.ok ? t("workshop.challenge.started", { prefix: r.prefix, id }) : t("workshop.challenge.skipped", { prefix: r.prefix, why: r.why })));
  // A person reads one line per participant; `--json` gets each participant as named fields.
  io.notify({
    type: "table",
    rows: results.map((r, i) => [r.ok ? "✔" : "·", lines[i] ?? ""]),
    data: { name: "challenge-started", items: results.map((r) => ({ prefix: r.prefix, challenge: id, started: r.ok, ...(r.ok ? {} : { reason: r.key, text: r.why }) })) },
  });
  io.notify({ type: "notice", level: "info", message: t("workshop.challenge.summary", { id, started: results.filter((r) => r.ok).length, n: results.length }) });
}
