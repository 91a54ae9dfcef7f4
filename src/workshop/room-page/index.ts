/**
 * The facilitator's live page of a workshop room, as a request handler a server mounts: it
 * answers its own paths under `base` (default `/room`) and returns false for any other request.
 *
 *   GET /room             the page (`?lang=ja|en`; default `lang`)
 *   GET /room/events      server-sent events: a "room" event (the page's changing part) on each change
 *   GET /room/data.json   the room's data, exactly what `workshop status --json` prints
 *   GET /room/page.css, /room/page.js   the page's style and script (no data in them)
 *
 * Behind the facilitator's token: `?token=` once (answered with an HttpOnly cookie and a redirect
 * that drops it from the address bar), then the cookie. No token: 401; a wrong one: 403; compared
 * in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorMessage } from "../../errors.js";
import { isLang, type Lang } from "../../i18n/lang.js";
import { loadPhrases, type Phrases } from "../../ui/line-breaks.js";
import type { RoomData } from "../room-data.js";
import { PAGE_CSS, PAGE_JS } from "./assets.js";
import { deniedHtml, roomFragment, roomPageHtml, type RoomView } from "./render.js";
import { RoomWatch } from "./watch.js";

export interface RoomPageOptions {
  /** One read of the room: `roomReader(f)` (workshop/room-data.ts), the reader `workshop status --json` uses. */
  readRoom: () => Promise<RoomData>;
  /** Tells the page the account changed; returns the unsubscribe. The page reads again, debounced. */
  onChange?: (listener: () => void) => () => void;
  /** The facilitator's token (the page's only key). */
  token: string;
  /** The page's language unless `?lang=` says otherwise. */
  lang?: Lang;
  /** A read this often while a page is open, changed or not (default 5000 ms). */
  pollMs?: number;
  /** How long onChange's calls are gathered into one read (default 200 ms). */
  debounceMs?: number;
  /** Where the page's paths start (default `/room`). */
  base?: string;
}

/** The handler: true when it answered the request, false when the path is not the page's. */
export interface RoomPageHandler {
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** Ends every open event stream and stops watching the room. */
  close(): void;
}

const ROOM_COOKIE = "privatelink-lab-room";
const HEARTBEAT_MS = 20_000;

const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

export function roomPage(opts: RoomPageOptions): RoomPageHandler {
  const base = (opts.base ?? "/room").replace(/\/+$/, "");
  const expected = digest(opts.token);
  const watch = new RoomWatch({ readRoom: opts.readRoom, onChange: opts.onChange, pollMs: opts.pollMs ?? 5000, debounceMs: opts.debounceMs ?? 200 });
  const streams = new Set<ServerResponse>();
  // Japanese breaks between phrases (BudouX), loaded once. Should the load fail (or the room close before it ends), the
  // pages still show Japanese, broken where the browser finds a place: the failure is no rejection left unheard.
  let ja: Phrases | undefined;
  const phrasesLoaded = loadPhrases("ja").then(
    (p) => void (ja = p),
    () => undefined,
  );
  const pageLang = (lang: Lang) => ({ lang, phrases: lang === "ja" ? ja : undefined });
  // One rendering per change and language, however many pages are open.
  const rendered = new WeakMap<RoomView, Map<Lang, string>>();
  const fragment = (view: RoomView, lang: Lang): string => {
    let byLang = rendered.get(view);
    if (!byLang) rendered.set(view, (byLang = new Map()));
    let html = byLang.get(lang);
    if (html === undefined) byLang.set(lang, (html = roomFragment(view, pageLang(lang))));
    return html;
  };

  const tokenRight = (given: string): boolean => timingSafeEqual(digest(given), expected);
  const denied = (res: ServerResponse, reason: "missing" | "wrong"): false => {
    send(res, reason === "missing" ? 401 : 403, "text/html; charset=utf-8", deniedHtml(reason, base, ja));
    return false;
  };

  /** Lets the request through, or answers it (redirect with the cookie, 401, 403) and says no. */
  function admitted(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const given = url.searchParams.get("token");
    if (given !== null) {
      if (!tokenRight(given)) return denied(res, "wrong");
      url.searchParams.delete("token");
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: url.pathname + url.search,
        "Set-Cookie": `${ROOM_COOKIE}=${encodeURIComponent(given)}; Path=${base}; HttpOnly; SameSite=Strict`,
      });
      res.end();
      return false;
    }
    const cookie = cookieOf(req, ROOM_COOKIE);
    if (cookie === undefined) return denied(res, "missing");
    return tokenRight(cookie) || denied(res, "wrong");
  }

  function events(res: ServerResponse, lang: Lang): void {
    res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": "text/event-stream; charset=utf-8", Connection: "keep-alive" });
    let sent: RoomView | undefined;
    const push = (view: RoomView) => {
      if (view === sent) return;
      sent = view;
      res.write(`event: room\ndata: ${JSON.stringify(fragment(view, lang))}\n\n`);
    };
    res.write("retry: 2000\n\n");
    streams.add(res);
    const stop = watch.listen(push);
    const beat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
    beat.unref();
    res.on("close", () => {
      clearInterval(beat);
      streams.delete(res);
      stop();
    });
    // What the page shows now, then every change after it.
    void watch.refresh().then(() => {
      if (!res.writableEnded) push(watch.current);
    });
  }

  async function answer(res: ServerResponse, path: string, url: URL): Promise<void> {
    const asked = url.searchParams.get("lang") ?? "";
    const lang: Lang = isLang(asked) ? asked : (opts.lang ?? "en");
    await phrasesLoaded;
    if (path === "/events") return events(res, lang);
    await watch.refresh();
    const view = watch.current;
    if (path === "") return send(res, 200, "text/html; charset=utf-8", roomPageHtml(view, pageLang(lang), base));
    if (view.data) send(res, 200, "application/json; charset=utf-8", JSON.stringify(view.data) + "\n");
    else send(res, 503, "application/json; charset=utf-8", JSON.stringify({ error: view.error ?? "" }) + "\n");
  }

  const handler = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://room.invalid");
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    const path = url.pathname.slice(base.length).replace(/\/$/, "");
    if (path === "/page.css") send(res, 200, "text/css; charset=utf-8", PAGE_CSS);
    else if (path === "/page.js") send(res, 200, "text/javascript; charset=utf-8", PAGE_JS);
    else if (!["", "/events", "/data.json"].includes(path)) return false;
    else if (req.method !== "GET" && !(req.method === "HEAD" && path !== "/events")) send(res, 405, "text/plain; charset=utf-8", "GET only\n", { Allow: "GET, HEAD" });
    else if (admitted(req, res, url)) {
      answer(res, path, url).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", `${errorMessage(e)}\n`);
        else res.end();
      });
    }
    return true;
  };
  return Object.assign(handler, {
    close: () => {
      watch.stop();
      for (const s of streams) s.end();
      streams.clear();
    },
  });
}
