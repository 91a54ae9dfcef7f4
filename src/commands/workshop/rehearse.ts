/** `privatelink-lab workshop rehearse --sandbox`: a whole room at mixed points of the lesson, to try a workshop. */
import { LabError } from "../../errors.js";
import { numbered, checkPrefixes, participantCount } from "../../workshop/participants.js";
import { rehearse } from "../../workshop/rehearse.js";
import { stepColumn } from "../../workshop/status-format.js";
import { readRoom } from "../../workshop/room-read.js";
import type { GlobalOptions } from "../options.js";
import type { Environment } from "../session.js";
import { asParticipants } from "../participant-lock.js";
import { openFacilitator } from "./open.js";
import { readStatus } from "../../workshop/room-data.js";

export async function workshopRehearse(opts: GlobalOptions & { participants?: string; prefixBase?: string }, e: Environment): Promise<void> {
  if (!opts.sandbox) throw new LabError("workshop.usage.sandboxOnly");
  const n = participantCount(opts.participants);
  const prefixes = checkPrefixes(numbered(n, opts.prefixBase ?? "team"));
  const f = await openFacilitator(opts, e);
  const { io, t } = f;
  const room = await readRoom(f.clients, () => f.clock.now());
  const taken = prefixes.filter((p) => room.participants.some((r) => r.prefix === p));
  if (taken.length > 0) throw new LabError("workshop.usage.prefixesTaken", { prefixes: taken.join(", ") });
  const spinner = io.spinner("rehearse", t("workshop.rehearse.building", { done: 0, n }));
  try {
    // No learner's lesson on this machine may be running under one of these names meanwhile.
    await asParticipants(f.stateFile, prefixes, () =>
      rehearse(f, prefixes, room.participants.length, (_r, done) => {
        spinner.update(t("workshop.rehearse.building", { done, n }));
      }),
    );
    spinner.succeed(t("workshop.rehearse.built", { n }));
  } finally {
    spinner.stop();
  }
  // The room in the words `workshop status` will show it: where each learner is, as the cloud tells.
  const status = await readStatus(f);
  const groups = new Map<string, { step: string; finished: boolean; count: number }>();
  const steps = stepColumn(status, t, f.lang, e.stdout.columns || 80);
  for (const p of [...status.participants].filter((p) => prefixes.includes(p.prefix)).sort((a, b) => Number(b.finished) - Number(a.finished) || b.stepIndex - a.stepIndex)) {
    const text = steps.get(p.prefix)!;
    const g = groups.get(text) ?? { step: p.step, finished: p.finished, count: 0 };
    g.count++;
    groups.set(text, g);
  }
  io.notify({
    type: "table",
    rows: [["count", "step"].map((c) => t(`workshop.rehearse.col.${c}`)), ...[...groups].map(([text, g]) => [String(g.count), text])],
    data: { name: "rehearsal", items: [...groups].map(([text, g]) => ({ step: g.step, finished: g.finished, count: g.count, text })) },
  });
  io.notify({ type: "notice", level: "info", message: t("workshop.rehearse.next", { region: f.region }) });
}
