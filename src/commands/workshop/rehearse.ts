/**
 * `privatelink-lab workshop rehearse --participants N [--prefix-base team] --sandbox`: a whole
 * room in the sandbox, at mixed points of the lesson, to try `workshop status` and `cleanup`
 * before the day (and for demos). Sandbox only.
 */
import { LabError } from "../../errors.js";
import { numbered, checkPrefixes, parseCount } from "../../workshop/participants.js";
import { rehearse, type Outcome } from "../../workshop/rehearse.js";
import { readRoom } from "../../workshop/room-read.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { asParticipants } from "../participant-lock.js";
import { openFacilitator } from "./open.js";

export interface RehearseOptions extends GlobalOptions {
  participants?: string;
  prefixBase?: string;
}

export async function workshopRehearse(opts: RehearseOptions, e: Environment): Promise<void> {
  if (!opts.sandbox) throw new LabError("workshop.usage.sandboxOnly");
  const n = parseCount(opts.participants, "--participants");
  if (n === undefined) throw new LabError("workshop.usage.noParticipants");
  const prefixes = checkPrefixes(numbered(n, opts.prefixBase ?? "team"));
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const room = await readRoom(f.clients, () => f.clock.now());
  const taken = prefixes.filter((p) => room.participants.some((r) => r.prefix === p));
  if (taken.length > 0) throw new LabError("workshop.usage.prefixesTaken", { prefixes: taken.join(", ") });
  const spinner = io.spinner("rehearse", t("workshop.rehearse.building", { done: 0, n }));
  const counts = new Map<Outcome, number>();
  try {
    // No learner's lesson on this machine may be running under one of these names meanwhile.
    await asParticipants(f.stateFile, prefixes, () =>
      rehearse(f, prefixes, room.participants.length, (r, done) => {
        counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
        spinner.update(t("workshop.rehearse.building", { done, n }));
      }),
    );
    spinner.succeed(t("workshop.rehearse.built", { n }));
  } finally {
    spinner.stop();
  }
  io.notify({
    type: "table",
    rows: [...counts].map(([outcome, count]) => [String(count), t(`workshop.rehearse.outcome.${outcome}`)]),
    data: { name: "rehearsal", items: [...counts].map(([outcome, count]) => ({ outcome, count, text: t(`workshop.rehearse.outcome.${outcome}`) })) },
  });
  io.notify({ type: "notice", level: "info", message: t("workshop.rehearse.next", { region: f.region }) });
}
