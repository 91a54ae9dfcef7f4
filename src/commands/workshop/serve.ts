/** `workshop serve`: one sandbox account for the room, a key pair each; run again, it re-opens the same room. */
import { networkInterfaces } from "node:os";
import { LabError } from "../../errors.js";
import { setInterruptNotice } from "../../interrupt-notice.js";
import { publishServed, readServed } from "../../sandbox/served-file.js";
import { defaultShell, loadCommand } from "../../sandbox/shell-env.js";
import { askedParticipants, type PeopleOptions } from "../../workshop/participants.js";
import { DEFAULT_ROOM, openRoomRecord, readRoom, roomDir, roomFiles } from "../../workshop/room/room-file.js";
import type { GlobalOptions } from "../options.js";
import { openSession, sandboxSpeed, type Environment, type Session } from "../session.js";
import { ROOM_DEFAULT_REGION } from "./open.js";
import { regionFromEnv } from "../../aws/credentials.js";
import { isLoopback } from "../../aws/endpoint-kind.js";
import { checkRegion, listening, portOption } from "../validate.js";
import { platformOf } from "../environment.js";
import { displayWidth } from "../../ui/text-width.js";
import type { Facilitator } from "../../workshop/facilitator.js";
import type { RoomPageHandler } from "../../workshop/room-page/index.js";
import type { ServedRoom } from "../../workshop/room/serve-room.js";

interface RoomServeOptions extends GlobalOptions, PeopleOptions {
  room?: string;
  port?: string;
  host?: string;
}

/** The address learners use: the one listened on, or for 0.0.0.0 / :: this machine's first outside IPv4 address. */
function advertisedUrl(url: string, host: string, port: number): string {
  if (host !== "0.0.0.0" && host !== "::") return url;
  const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  return outside ? `http://${outside.address}:${port}` : url;
}

/** The room's live page, reading the room in process (the same reader as `workshop status --json`), told of each change. */
async function livePage(served: ServedRoom, s: Session, e: Environment): Promise<RoomPageHandler> {
  const [{ roomPage }, { roomReader }, { createSandboxClients }] = await Promise.all([
    import("../../workshop/room-page/index.js"),
    import("../../workshop/room-data.js"),
    import("../../aws/clients.js"),
  ]);
  const clients = await createSandboxClients(served.sandbox, served.room.region);
  const f: Facilitator = { ...s, clients, region: served.room.region, backend: "sandbox", roster: served.room.participants.map((p) => p.prefix), clock: e.clock, pollMs: 2000 };
  return roomPage({ readRoom: roomReader(f), onChange: (listener) => served.onChange(() => listener()), token: served.facilitatorToken, lang: s.lang });
}

/** Serves until `stop` resolves (the process's end, unless a test passes its own). */
export async function workshopServe(opts: RoomServeOptions, e: Environment, stop: Promise<void> = new Promise<void>(() => undefined)): Promise<void> {
  const s = await openSession(opts, e);
  const { t, io } = s;
  const name = opts.room ?? DEFAULT_ROOM;
  const dir = roomDir(e.env, name, e.stateDir);
  const port = portOption(opts.port);
  const host = opts.host ?? "127.0.0.1";
  const region = opts.region ?? regionFromEnv(e.env);
  if (region !== undefined) checkRegion(region, "sandbox", opts.region !== undefined ? "flag" : "env");
  // One server per room: a second (on another --port) would write the same account and key file beside the first.
  const live = readServed(roomFiles(dir).served);
  if (live) throw new LabError("room.serve.alreadyServed", { room: name, url: live.url }, { source: "busy" });
  // The prefixes asked for on this run (none: the room's saved ones, whose numbering a --count continues).
  const saved = readRoom(dir);
  const prefixes = askedParticipants(opts, saved?.participants.map((p) => p.prefix));
  if (!saved && !prefixes) throw new LabError("workshop.usage.noRoomParticipants");
  const { room, made, added } = openRoomRecord(dir, name, { ...(prefixes ? { prefixes } : {}), ...(region ? { region } : {}), defaultRegion: ROOM_DEFAULT_REGION, ...(port !== undefined ? { port } : {}) }, new Date(e.clock.now()));
  const [{ serveRoom }, { FaultPlan, FAULTS_ENV }] = await Promise.all([import("../../workshop/room/serve-room.js"), import("../../sandbox/faults.js")]);
  const faultsText = e.env[FAULTS_ENV];
  // The facilitator's live page (workshop/room-page/), on the same address at /room: made once the room's account is open.
  let page: RoomPageHandler | undefined;
  const faults = faultsText ? { faults: FaultPlan.fromJson(faultsText) } : {};
  const serve = () => serveRoom({ dir, room, host, ...(port !== undefined ? { port } : {}), clock: e.clock, speed: sandboxSpeed(opts, e.env), ...faults, routes: (req, res) => page?.(req, res) ?? false });
  const served = await listening(host, serve, (cause) => new LabError("room.portInUse", { port: port ?? room.port, room: name }, { cause }));
  const url = advertisedUrl(served.url, host, served.served.port);
  page = await livePage(served, s, e);
  const pageUrl = `${url}/room?token=${encodeURIComponent(served.facilitatorToken)}`;
  const unpublish = publishServed(roomFiles(dir).served, { url, region: room.region, accessKeyId: room.facilitator.accessKeyId, secretAccessKey: room.facilitator.secretAccessKey });
  setInterruptNotice("room.serve.stopped");
  // Said first: a room on the loopback address can be joined from this computer only.
  if (!opts.json && isLoopback(host)) io.notify({ type: "notice", level: "warn", message: t("roomFixes.serveLoopback", { url }) });
  const facilitatorJoin = loadCommand(defaultShell(e.env, platformOf(e)), `join ${url}/join/${room.facilitator.code}`);
  const handout = `npx privatelink-lab workshop handout --room ${name} > handout.md`;
  if (opts.json) {
    e.stdout.write(JSON.stringify({
      time: new Date(e.clock.now()).toISOString(),
      type: "room-served",
      room: name,
      dir,
      url,
      region: room.region,
      made,
      participants: room.participants.map((p) => p.prefix),
      added,
      quotas: served.quotas,
      facilitator: { accessKeyId: room.facilitator.accessKeyId, secretAccessKey: room.facilitator.secretAccessKey, token: served.facilitatorToken, join: facilitatorJoin, page: pageUrl },
      handout,
    }) + "\n");
  } else {
    io.notify({ type: "notice", level: "success", message: t(made ? "room.serve.made" : "room.serve.reopened", { room: name, url, region: room.region, count: room.participants.length, dir }) });
    if (added.length > 0 && !made) io.notify({ type: "notice", level: "info", message: t("room.serve.added", { prefixes: added.join(", ") }) });
    io.notify({ type: "notice", level: "info", message: t("room.serve.quotas", { quotas: served.quotas.map((q) => `${q.name} (${q.code}): ${q.value}`).join("; "), count: room.participants.length }) });
    io.notify({ type: "notice", level: "info", message: t("room.serve.handout", { command: handout }) });
    io.notify({ type: "notice", level: "info", message: t("room.serve.page", { url: pageUrl }) });
    io.notify({ type: "notice", level: "info", message: t("room.serve.facilitator", { token: served.facilitatorToken, accessKeyId: room.facilitator.accessKeyId }) });
    // The line itself unwrapped, on a line of its own: it is pasted as it is (indented only when that still fits).
    const indent = displayWidth(`  ${facilitatorJoin}`) <= (e.stdout.columns || 80) ? "  " : "";
    e.stdout.write(`\n${indent}${facilitatorJoin}\n\n`);
    if (!isLoopback(host)) io.notify({ type: "notice", level: "warn", message: t("serve.notLoopback", { host }) });
    io.notify({ type: "notice", level: "info", message: t("room.serve.howToStop", { room: name }) });
  }
  await stop;
  unpublish();
  page.close();
  await served.close();
}
