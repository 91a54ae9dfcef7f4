/**
 * A workshop room served: its account behind the served sandbox, with the room's keys, its boundaries (boundaries.ts) and
 * its join page (`GET /join/<code>`: the key pair, prefix and region of the code's holder). Other pages mount through `routes`.
 */
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Sandbox } from "../../sandbox/middleware.js";
import { SqliteStore } from "../../sandbox/account/sqlite-store.js";
import type { Clock } from "../../sandbox/clock.js";
import type { FaultPlan } from "../../sandbox/faults.js";
import { serveSandbox, type ServedSandbox } from "../../sandbox/serve/server.js";
import { checkBoundary } from "./boundaries.js";
import { fitQuotas, quotaList } from "./quotas.js";
import { roomFiles, writeRoom, type RoomKey, type RoomRecord } from "./room-file.js";
import { readJoins, recordJoin } from "./seat-joins.js";
import { INSTALL_ID_PATTERN } from "../../state/install-id.js";

/** What `GET /join/<code>` answers. */
export interface JoinAnswer {
  type: "room-join";
  room: string;
  /** The address as the joiner reached it (what their AWS_ENDPOINT_URL must say). */
  url: string;
  region: string;
  role: "participant" | "facilitator";
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** When another computer (another install) last joined this seat, if one did: the joiner is warned. */
  elsewhereAt?: string;
}

/** The header `join` names its install with (state/install-id.ts). */
export const INSTALL_HEADER = "x-privatelink-lab-install";

/** Told after each answered call that may have changed the account. */
export type RoomChange = { operation: string; participant: string | undefined };

export interface ServedRoom {
  url: string;
  served: ServedSandbox;
  room: RoomRecord;
  sandbox: Sandbox;
  quotas: { name: string; code: string; value: number }[];
  /** The facilitator's token (their join code): what the live page asks for. */
  facilitatorToken: string;
  /** Subscribes to changes; returns the unsubscribe. */
  onChange(listener: (change: RoomChange) => void): () => void;
  close(): Promise<void>;
}

export interface ServeRoomOptions {
  dir: string;
  room: RoomRecord;
  host: string;
  /** The port asked for (default: the room's own, else any free one, then kept). */
  port?: number;
  clock?: Clock;
  speed?: number;
  faults?: FaultPlan;
  /** More pages on the same address (consulted after the join page). */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

function hostOf(req: IncomingMessage, fallback: string): string {
  const h = req.headers.host;
  return typeof h === "string" && /^[A-Za-z0-9.\-[\]:]+$/.test(h) ? `http://${h}` : fallback;
}

function json(res: ServerResponse, status: number, body: object): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)), "cache-control": "no-store" });
  res.end(text);
  return true;
}

export async function serveRoom(o: ServeRoomOptions): Promise<ServedRoom> {
  const { room } = o;
  const timing = { ...(o.clock ? { clock: o.clock } : {}), ...(o.speed !== undefined ? { speed: o.speed } : {}) };
  const store = new SqliteStore(roomFiles(o.dir).account, timing);
  const sandbox = new Sandbox({ store, ...timing, ...(o.faults ? { faults: o.faults } : {}) });
  const quotas = store.transact((w) => {
    fitQuotas(w, room.participants.length);
    return quotaList(w);
  });
  const holders: { key: RoomKey; prefix?: string }[] = [{ key: room.facilitator }, ...room.participants.map((p) => ({ key: p, prefix: p.prefix }))];
  const byKey = new Map(holders.map((h) => [h.key.accessKeyId, h]));
  const byCode = new Map(holders.map((h) => [h.key.code, h]));
  const prefixes = room.participants.map((p) => p.prefix);
  const listeners = new Set<(c: RoomChange) => void>();
  const joins = readJoins(o.dir);
  let url = "";

  /** A seat joined from an install (an older `join` names none): when another one joined it before. */
  const noteJoin = (req: IncomingMessage, seat: string | undefined): { elsewhereAt?: string } => {
    const install = req.headers[INSTALL_HEADER];
    if (seat === undefined || typeof install !== "string" || !INSTALL_ID_PATTERN.test(install)) return {};
    return recordJoin(o.dir, joins, seat, install, new Date());
  };

  const join = (req: IncomingMessage, res: ServerResponse): boolean => {
    const m = /^\/join\/([A-Za-z0-9_-]{1,64})\/?$/.exec((req.url ?? "").split("?")[0]!);
    if (!m) return false;
    if (req.method !== "GET") return json(res, 405, { type: "room-join-error", error: "method" });
    const who = byCode.get(m[1]!);
    if (!who) return json(res, 404, { type: "room-join-error", error: "unknown-code" });
    const answer: JoinAnswer = {
      type: "room-join",
      room: room.name,
      url: hostOf(req, url),
      region: room.region,
      role: who.prefix ? "participant" : "facilitator",
      ...(who.prefix ? { prefix: who.prefix } : {}),
      accessKeyId: who.key.accessKeyId,
      secretAccessKey: who.key.secretAccessKey,
      ...noteJoin(req, who.prefix),
    };
    return json(res, 200, answer);
  };

  const served = await serveSandbox({
    sandbox,
    host: o.host,
    port: o.port ?? room.port,
    credentials: room.facilitator,
    region: room.region,
    keyFor: (id) => byKey.get(id)?.key,
    // Each participant is an IAM user named by their prefix, as the room's refusals name them; the facilitator one of their own.
    callerOf: (id) => (byKey.has(id) ? (byKey.get(id)?.prefix ?? "facilitator") : undefined),
    authorize: (call) => {
      const prefix = byKey.get(call.accessKeyId)?.prefix;
      if (prefix === undefined) return undefined; // the facilitator
      return store.transact((w) => checkBoundary(call, prefix, prefixes, w), true);
    },
    onChanged: (operation, accessKeyId) => {
      const change = { operation, participant: byKey.get(accessKeyId)?.prefix };
      for (const l of listeners) l(change);
    },
    routes: (req, res) => join(req, res) || (o.routes?.(req, res) ?? false),
  });
  url = served.url;
  if (room.port !== served.port) writeRoom(o.dir, { ...room, port: served.port });
  return {
    url,
    served,
    room,
    sandbox,
    quotas,
    facilitatorToken: pageToken(room.facilitator),
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {
      await served.close();
      store.close();
    },
  };
}

/** The live page's token: the same at every start, not the join code (a projected address must not give the key). */
function pageToken(facilitator: RoomKey): string {
  return createHmac("sha256", facilitator.secretAccessKey).update("privatelink-lab room page").digest("base64url").slice(0, 22);
}
