/**
 * `privatelink-lab workshop handout --participants alice,bob | --count N --prefix-base team`:
 * Markdown slides with each learner's command, in English and Japanese. A document to paste, so
 * it goes to stdout as it is (with --json: one JSON line listing the commands).
 */
import { handoutMarkdown, learnerCommand } from "../../workshop/handout.js";
import { participantList } from "../../workshop/participants.js";
import { chooseLang, type Environment } from "../session.js";
import type { GlobalOptions } from "../options.js";
import { roomRegion } from "./open.js";

export interface HandoutOptions extends GlobalOptions {
  participants?: string;
  count?: string;
  prefixBase?: string;
}

export async function workshopHandout(opts: HandoutOptions, e: Environment): Promise<void> {
  const prefixes = participantList(opts);
  const region = roomRegion(opts, e.env, chooseLang(opts, e.env));
  const o = { prefixes, region, sandbox: Boolean(opts.sandbox), ...(opts.profile ? { profile: opts.profile } : {}) };
  if (opts.json) {
    const participants = prefixes.map((prefix) => ({ prefix, command: learnerCommand(prefix, o), destroy: learnerCommand(prefix, o, "destroy") }));
    e.stdout.write(JSON.stringify({ type: "workshop-handout", region, participants }) + "\n");
    return;
  }
  e.stdout.write(handoutMarkdown(o));
}
