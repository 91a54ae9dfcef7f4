/** A workshop's plan before the day: do N learners fit the region's quotas, which increases to request, what N learners cost for H hours. */
import type { AwsClients } from "../aws/clients.js";
import { readCapacity } from "../preflight/quota-read.js";
import type { Translate } from "../i18n/messages.js";
import { costPerHour, FULL_LESSON } from "../lesson/pricing.js";
import { awsCommand, awsCommands, type CommandPlace } from "../shell/lab-command.js";
import { increaseWords, type CapacityPlan, type QuotaUsage } from "../preflight/quota-plan.js";

export interface WorkshopPlan {
  learners: number;
  /** Seats beyond the learners: the facilitator's own demo run. */
  spare: number;
  hours: number;
  capacity: CapacityPlan & { usage: QuotaUsage };
  cost: {
    region: string;
    approximated: boolean;
    perLearnerHourUsd: number;
    /** Endpoint hours are billed per started hour. */
    billedHours: number;
    totalUsd: number;
  };
}

export async function planWorkshop(clients: AwsClients, region: string, learners: number, spare: number, hours: number): Promise<WorkshopPlan> {
  const capacity = await readCapacity(clients, learners + spare);
  const perLearner = costPerHour(region, FULL_LESSON);
  const billedHours = Math.ceil(hours);
  return {
    learners,
    spare,
    hours,
    capacity,
    cost: {
      region,
      approximated: perLearner.approximated,
      perLearnerHourUsd: perLearner.perHourUsd,
      billedHours,
      totalUsd: Math.round(perLearner.perHourUsd * (learners + spare) * billedHours * 100) / 100,
    },
  };
}

/** One row per quota: name and code, limit (and where it came from), in use, needed, verdict. */
export function quotaRows(plan: WorkshopPlan, t: Translate): string[][] {
  const header = ["quota", "limit", "used", "needed", "verdict"].map((c) => t(`workshop.plan.col.${c}`));
  const rows = plan.capacity.lines.map((l) => [
    `${l.spec.name} (${l.spec.code})`,
    `${l.limit.value}${l.limit.source === "applied" ? "" : ` (${t(`workshop.plan.source.${l.limit.source}`)})`}`,
    l.spec.scope === "vpc" ? "-" : String(l.used),
    l.spec.scope === "vpc" ? t("workshop.plan.perVpc", { n: l.needed }) : String(l.needed),
    l.ok ? `✔ ${t("workshop.plan.ok")}` : `✖ ${t("workshop.plan.short", { desired: l.used + l.needed })}`,
  ]);
  return [header, ...rows];
}

/** Each increase to request, with its command aimed at the room's account (its endpoint and profile, as every printed command). */
export function increaseLines(plan: WorkshopPlan, place: CommandPlace): { code: string; name: string; current: number; desired: number; command: string; argv: string[] }[] {
  return plan.capacity.increases.map((i) => {
    const c = awsCommand(increaseWords(i), place);
    return { code: i.code, name: i.name, current: i.current, desired: i.desired, command: awsCommands([increaseWords(i)], place), argv: [c.program, ...c.args.map((a) => a.value)] };
  });
}
