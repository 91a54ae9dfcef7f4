/** `privatelink-lab workshop handout`: Markdown slides with each learner's command or join line, in both languages. */
import { LabError } from "../../errors.js";
import { handoutMarkdown, joinLines, learnerCommand, roomHandoutMarkdown } from "../../workshop/handout.js";
import { askedParticipants, participantList, type PeopleOptions } from "../../workshop/participants.js";
import { readRoom, roomDir, roomFiles } from "../../workshop/room/room-file.js";
import { readServed } from "../../sandbox/served-file.js";
import { chooseLang, type Environment } from "../session.js";
import { translator } from "../../i18n/messages.js";
import type { GlobalOptions } from "../options.js";
import { isLoopback } from "../../aws/endpoint-kind.js";
import { checkEndpointUrl } from "../validate.js";
import { roomRegion } from "./open.js";

interface HandoutOptions extends GlobalOptions, PeopleOptions {
  room?: string;
  url?: string;
}

/** Where learners reach the room: --url, else where it is served now, else the loopback port it keeps. */
function roomUrl(opts: HandoutOptions, dir: string, port: number, name: string): string {
  if (opts.url !== undefined) {
    checkEndpointUrl(opts.url, "--url");
    return opts.url.replace(/\/+$/, "");
  }
  const served = readServed(roomFiles(dir).served);
  if (served) return served.url;
  if (port > 0) return `http://127.0.0.1:${port}`;
  throw new LabError("room.handout.notServed", { room: name });
}

async function roomHandout(opts: HandoutOptions, e: Environment, name: string): Promise<void> {
  const dir = roomDir(e.env, name, e.stateDir);
  const room = readRoom(dir);
  if (!room) throw new LabError("room.handout.noRoom", { room: name });
  const url = roomUrl(opts, dir, room.port, name);
  // Sheets only this computer can use: said plainly, and written all the same (a facilitator may rehearse alone).
  const at = new URL(url);
  if (isLoopback(at.hostname)) {
    const t = translator(chooseLang(opts, e.env));
    (e.stderr ?? process.stderr).write(t("roomFixes.handoutLoopback", { url, port: at.port || room.port }) + "\n");
  }
  const wanted = askedParticipants(opts, room.participants.map((p) => p.prefix));
  const sheets = room.participants.filter((p) => !wanted || wanted.includes(p.prefix)).map((p) => ({ prefix: p.prefix, joinUrl: `${url}/join/${p.code}` }));
  if (opts.json) {
    e.stdout.write(JSON.stringify({ type: "workshop-handout", room: name, region: room.region, participants: sheets.map((s) => ({ prefix: s.prefix, join: joinLines(s.joinUrl) })) }) + "\n");
    return;
  }
  e.stdout.write(roomHandoutMarkdown({ room: name, region: room.region, sheets }));
}

export async function workshopHandout(opts: HandoutOptions, e: Environment): Promise<void> {
  if (opts.room !== undefined) return roomHandout(opts, e, opts.room);
  const prefixes = participantList(opts);
  const region = roomRegion(opts, e.env);
  const o = { prefixes, region, sandbox: Boolean(opts.sandbox), ...(opts.profile ? { profile: opts.profile } : {}) };
  if (opts.json) {
    const participants = prefixes.map((prefix) => ({ prefix, command: learnerCommand(prefix, o), destroy: learnerCommand(prefix, o, "destroy") }));
    e.stdout.write(JSON.stringify({ type: "workshop-handout", region, participants }) + "\n");
    return;
  }
  e.stdout.write(handoutMarkdown(o));
}
