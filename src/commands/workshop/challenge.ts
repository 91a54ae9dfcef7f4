/** `privatelink-lab workshop challenge --all <id>`: starts it for each participant whose build works, 5 at a time. */
import { startChallenge } from "../../challenge/run.js";
import { LabError } from "../../errors.js";
import { actAs } from "../../workshop/facilitator.js";
import { mapPool } from "../../workshop/pool.js";
import { QuietHost } from "../../workshop/quiet-host.js";
import { readRoom } from "../../workshop/room-read.js";
import { roomStatus } from "../../workshop/room-status.js";
import { stepText } from "../../workshop/status-format.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { asParticipants } from "../participant-lock.js";
import { openFacilitator } from "./open.js";

export async function workshopChallenge(id: string, opts: GlobalOptions & { all?: boolean }, e: Environment): Promise<void> {
  if (!opts.all) throw new LabError("workshop.challenge.needAll");
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const room = await readRoom(f.clients, () => f.clock.now());
  // A build that does not curl yet is named by the step its learner is on, as `workshop status` says it.
  const steps = new Map(roomStatus(room, f.region, f.backend).participants.map((p) => [p.prefix, stepText(p, t, f.lang)]));
  const results = await mapPool(room.participants, 5, async (p) => {
    try {
      // The participant's lock while acting for them: never under a learner's running lesson.
      await asParticipants(f.stateFile, [p.prefix], () => startChallenge(actAs(f, p.prefix, new QuietHost(f.lang)), id));
      return { prefix: p.prefix, ok: true as const };
    } catch (err) {
      if (!(err instanceof LabError)) throw err;
      if (err.key === "challengeState.usage.unknown") throw err;
      if (err.source === "busy") return { prefix: p.prefix, ok: false as const, busy: t("challengeState.busy", { prefix: p.prefix, pid: err.vars.pid ?? "?" }) };
      const why = err.key.startsWith("challengeReady.") ? t("screens2.challenge.notBuilt", { step: steps.get(p.prefix) ?? "?" }) : t(err.key, err.vars);
      return { prefix: p.prefix, ok: false as const, key: err.key, why };
    }
  });
  const lines = results.map((r) => (r.ok ? t("workshop.challenge.started", { prefix: r.prefix, id }) : (r.busy ?? t("workshop.challenge.skipped", { prefix: r.prefix, why: r.why ?? "" }))));
  // A person reads one line per participant; `--json` gets each participant as named fields.
  io.notify({
    type: "table",
    rows: results.map((r, i) => [r.ok ? "✔" : r.busy ? "!" : "·", lines[i] ?? ""]),
    data: {
      name: "challenge-started",
      items: results.map((r) => ({ prefix: r.prefix, challenge: id, started: r.ok, ...(r.ok ? {} : { reason: r.busy ? "busy" : (r.key ?? ""), text: r.busy ?? r.why ?? "" }) })),
    },
  });
  io.notify({ type: "notice", level: "info", message: t("workshop.challenge.summary", { id, started: results.filter((r) => r.ok).length, n: results.length }) });
}
