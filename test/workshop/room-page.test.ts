/**
 * The facilitator's live page as a handler on a 127.0.0.1 server: behind the token (401 without,
 * 403 wrong, a cookie after the first visit), every participant's string escaped, a push only when
 * the room changed (on the change signal and on the poll), and every other path left to the server.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { RoomData } from "../../src/workshop/room-data.js";
import { roomPage, type RoomPageHandler, type RoomPageOptions } from "../../src/workshop/room-page/index.js";
import { PAGE_CSS } from "../../src/workshop/room-page/assets.js";
import { roomFragment } from "../../src/workshop/room-page/render.js";

const TOKEN = "s3cret-token-0123456789";
const EVIL = `<img src=x onerror="alert(1)">`;
const LONG_REASON =
  "The following resource(s) failed to create: [EC2Instance]. You have requested more vCPU capacity than your current vCPU limit of 0 allows for the instance bucket that the specified instance type belongs to. " +
  EVIL;

function room(over: Partial<RoomData["participants"][number]> = {}): RoomData {
  return {
    time: "2026-12-06T09:30:00.000Z",
    type: "workshop-status",
    at: "2026-12-06T09:30:00.000Z",
    region: "ap-northeast-1",
    backend: "sandbox",
    totals: { participants: 2, notStarted: 0, finished: 0, flagged: 1, perHourUsd: 0.1, costSoFarUsd: 0.05 },
    participants: [
      { prefix: "team-01", phase: "on-step", step: "interface-endpoint", stepIndex: 4, finished: false, state: "", stateId: "", onStepMinutes: 3, observed: false, signals: [], perHourUsd: 0.1, costSoFarUsd: 0.05, ...over },
      {
        prefix: `team-${EVIL}`,
        phase: "on-step",
        step: "deploy",
        stepIndex: 1,
        finished: false,
        state: "",
        stateId: "",
        signals: [{ kind: "stack-failed", stack: `${EVIL}-consumer`, status: "ROLLBACK_COMPLETE", reason: LONG_REASON }],
        perHourUsd: 0,
        costSoFarUsd: 0,
        challenge: { id: EVIL, state: "broken" },
      },
    ],
  };
}

interface Running {
  url: string;
  page: RoomPageHandler;
  data: { current: RoomData };
  reads: () => number;
  fire: () => void;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(over: Partial<RoomPageOptions> = {}): Promise<Running> {
  const data = { current: room() };
  let reads = 0;
  const listeners = new Set<() => void>();
  const page = roomPage({
    readRoom: async () => {
      reads++;
      return structuredClone(data.current);
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    token: TOKEN,
    lang: "en",
    pollMs: 60_000,
    debounceMs: 20,
    ...over,
  });
  const server = createServer((req, res) => {
    if (page(req, res)) return;
    res.writeHead(404).end("not the page's");
  });
  servers.push(server);
  server.on("close", () => page.close());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, page, data, reads: () => reads, fire: () => listeners.forEach((l) => l()) };
}

const COOKIE = `privatelink-lab-room=${TOKEN}`;

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

/** The page's text as read: Japanese carries a <wbr> between phrases. */
function text(html: string): string {
  return html.replaceAll("<wbr>", "");
}

/** An event stream: the "room" events' data as they come. */
function stream(url: string): { events: string[]; next: (n: number, ms?: number) => Promise<void>; close: () => void } {
  const events: string[] = [];
  let buffer = "";
  let waiters: (() => void)[] = [];
  const req = request(url, { headers: { Cookie: COOKIE } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith("event: room\n")) events.push(JSON.parse(block.split("\ndata: ")[1]!) as string);
        waiters.forEach((w) => w());
      }
    });
  });
  req.on("error", () => undefined);
  req.end();
  return {
    events,
    next: (n, ms = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${ms} ms for event ${n}; have ${events.length}`)), ms);
        const check = () => {
          if (events.length >= n) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve();
          }
        };
        waiters.push(check);
        check();
      }),
    close: () => req.destroy(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the room page's token", () => {
  it("401 without a token, 403 with a wrong one, each a short page in both languages", async () => {
    const s = await serve();
    for (const path of ["/room", "/room/events", "/room/data.json"]) {
      const none = await get(s.url + path);
      expect(none.status, path).toBe(401);
      expect(none.body).toContain("facilitator");
      expect(text(none.body)).toContain("講師用");
    }
    const wrong = await get(`${s.url}/room?token=guess`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain("does not open the room");
    expect(text(wrong.body)).toContain("トークンでは部屋を開けません");
    // The command is shown as code, not between literal backticks.
    for (const body of [wrong.body, (await get(`${s.url}/room`)).body]) {
      expect(body).not.toContain("`");
      expect(body).toContain("<code>workshop serve</code>");
    }
    expect((await get(`${s.url}/room`, { Cookie: "privatelink-lab-room=guess" })).status).toBe(403);
    // A token one character short, or with one more: still refused.
    expect((await get(`${s.url}/room?token=${TOKEN.slice(0, -1)}`)).status).toBe(403);
    expect((await get(`${s.url}/room?token=${TOKEN}x`)).status).toBe(403);
    expect(s.reads()).toBe(0);
  });

  it("the token once in the address, then an HttpOnly cookie; the address loses the token", async () => {
    const s = await serve();
    const first = await get(`${s.url}/room?lang=ja&token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe("/room?lang=ja");
    expect(first.headers["set-cookie"]).toMatch(/^privatelink-lab-room=s3cret-token-0123456789; Path=\/room; HttpOnly; SameSite=Strict$/);
    const page = await get(`${s.url}/room?lang=ja`, { Cookie: COOKIE });
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="ja">');
    expect(page.body).toContain("team-01");
    expect(page.body).toContain("ステップ 4/9");
  });
});

describe("the room page's content", () => {
  it("escapes every participant's string, and shows a failure's reason whole", async () => {
    const s = await serve();
    const page = await get(`${s.url}/room`, { Cookie: COOKIE });
    expect(page.body).not.toContain("<img");
    expect(page.body).toContain("team-&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(page.body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; ✖ broken");
    const reason = LONG_REASON.replace("<", "&lt;").replace(">", "&gt;").replaceAll('"', "&quot;");
    expect(page.body).toContain(reason);
    expect(page.body.split('<main id="room">')[1]!.split("</main>")[0]).not.toContain("…");
    const sse = stream(`${s.url}/room/events`);
    await sse.next(1);
    sse.close();
    expect(sse.events[0]).not.toContain("<img");
    expect(sse.events[0]).toContain("team-&lt;img");
  });

  it("the step by its name in the page's language; data.json is the room's data as read", async () => {
    const s = await serve({ lang: "ja" });
    const ja = await get(`${s.url}/room`, { Cookie: COOKIE });
    expect(ja.body).toContain("ステップ 4/9");
    // Japanese may break only between phrases (BudouX): never inside インターフェイス or エンドポイント.
    expect(ja.body).toContain("インターフェイスエンドポイントを<wbr>作る");
    const en = await get(`${s.url}/room?lang=en`, { Cookie: COOKIE });
    expect(en.body).toContain("Step 4/9");
    expect(en.body).toMatch(/interface endpoint/i);
    const json = await get(`${s.url}/room/data.json`, { Cookie: COOKIE });
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(json.body)).toEqual(room());
  });

  it("answers only its own paths: the server gets every other request", async () => {
    const s = await serve();
    for (const path of ["/", "/roomy", "/room/other", "/room/events/x", "/?Action=DescribeVpcs"]) {
      const r = await get(s.url + path, { Cookie: COOKIE });
      expect(r.status, path).toBe(404);
      expect(r.body).toBe("not the page's");
    }
    expect((await get(`${s.url}/room/page.css`)).headers["content-type"]).toMatch(/^text\/css/);
  });
});

describe("the room page's seats", () => {
  it("says a time estimated from the cloud as words do: 'about 1 min', never 'about under 1 min'", () => {
    const time = (lang: "en" | "ja", observed: boolean) =>
      /data-prefix="team-01".*?<span class="time">(.*?)<\/span>/s.exec(roomFragment({ data: room({ onStepMinutes: 0.4, observed }) }, { lang }))![1]!.replace(/<wbr>/g, "");
    expect([time("en", false), time("ja", false)]).toEqual(["about 1 min", "約 1 分"]);
    expect([time("en", true), time("ja", true)]).toEqual(["under 1 min", "1 分未満"]);
  });

  it("shows a seat not started and one whose lab was deleted, and a cost only where it is billed", () => {
    const seats = (backend: "aws" | "sandbox"): RoomData => {
      const r = room({ phase: "not-started", step: null, stepIndex: null });
      const done = { ...r.participants[0]!, prefix: "team-09", phase: "cleaned-up" as const, step: "cleanup", stepIndex: 9, finished: false };
      return { ...r, backend, participants: [...r.participants, done] };
    };
    const sandbox = roomFragment({ data: seats("sandbox") }, { lang: "en" });
    expect(sandbox).toContain('<span class="num">-</span> not started');
    expect(sandbox).toContain('<span class="num">✕</span> lab deleted');
    // A deleted lab is not shown as work under way, nor as progress the cloud cannot prove.
    expect(sandbox).toMatch(/<article class="card ended" data-prefix="team-09"[^>]*><header>.*?<\/header><div class="bar" aria-hidden="true">(<i class=""><\/i>)+<\/div>/);
    // Its border is the ended one (grey), not the blue of a learner at work.
    expect(PAGE_CSS).toMatch(/\.card\.ended \{ border-left-color: var\(--line\); \}/);
    // A seat not started is no learner at work either: grey, dashed (not yet begun), not blue.
    expect(sandbox).toMatch(/<article class="card idle" data-prefix="team-01"/);
    expect(PAGE_CSS).toMatch(/\.card\.idle \{ border-left-color: var\(--line\); border-left-style: dashed; \}/);
    expect(sandbox).toContain("the sandbox: nothing is billed");
    expect(sandbox).not.toContain('class="cost"');
    const ja = roomFragment({ data: seats("sandbox") }, { lang: "ja" });
    expect(ja).toContain("未着手");
    expect(ja).toContain("ラボは削除済み");
    const aws = roomFragment({ data: seats("aws") }, { lang: "en" });
    expect(aws).toContain('class="cost"');
    expect(aws).toContain("/h now");
  });
});

describe("the room page's pushes", () => {
  it("pushes when the room changed (on the change signal), and not when it did not", async () => {
    const s = await serve();
    const sse = stream(`${s.url}/room/events`);
    await sse.next(1);
    expect(sse.events[0]).toContain("Step 4/9");
    s.data.current = room({ step: "allow-http", stepIndex: 5 });
    s.fire();
    await sse.next(2);
    expect(sse.events[1]).toContain("Step 5/9");
    // Read again, nothing changed but the read's time: no push.
    const reads = s.reads();
    s.data.current = { ...room({ step: "allow-http", stepIndex: 5 }), time: "2026-12-06T09:31:00.000Z", at: "2026-12-06T09:31:00.000Z" };
    s.fire();
    s.fire();
    await sleep(300);
    expect(s.reads()).toBe(reads + 1);
    expect(sse.events).toHaveLength(2);
    sse.close();
  });

  it("reads every pollMs when no change is announced, and stops reading once no page is open", async () => {
    const s = await serve({ pollMs: 100 });
    const sse = stream(`${s.url}/room/events`);
    await sse.next(1);
    s.data.current = room({ signals: [{ kind: "endpoint-rejected", id: "vpce-0abc", state: "rejected" }] });
    await sse.next(2, 2000);
    expect(sse.events[1]).toContain("endpoint vpce-0abc rejected");
    sse.close();
    await sleep(200);
    const reads = s.reads();
    await sleep(400);
    expect(s.reads()).toBe(reads);
  });

  it("says when the room could not be read, and keeps the last data", async () => {
    let fail = false;
    const s = await serve({
      readRoom: async () => {
        if (fail) throw new Error("connect ECONNREFUSED");
        return room();
      },
    });
    const sse = stream(`${s.url}/room/events`);
    await sse.next(1);
    fail = true;
    s.fire();
    await sse.next(2);
    expect(sse.events[1]).toContain("The room could not be read (connect ECONNREFUSED)");
    expect(sse.events[1]).toContain("team-01");
    sse.close();
  });
});
