/**
 * The facilitator's live page in a real browser (Debian's Chromium, headless, driven by
 * playwright-core): three participants work through the lesson at different speeds on one shared
 * sandbox account (the SQLite store), and the page, open in English and in Japanese, shows each
 * one's step by name as they go, a stuck signal once something breaks, and "reconnecting" while
 * its server is away. Takes 1280×720 screenshots in both languages; the English one is the README's
 * docs/room-page.png (rewritten with UPDATE_SCREENSHOT=1).
 *
 * Needs /usr/bin/chromium (.ci/run installs it); PRIVATELINK_LAB_NO_BROWSER=1 skips this file.
 */
import { DeleteVpcEndpointsCommand, RejectVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFacilitator } from "../../src/commands/workshop/open.js";
import { loadStep } from "../../src/content/lesson-content.js";
import type { Lang } from "../../src/i18n/lang.js";
import { ourEndpoint, ourService, readCloud } from "../../src/lesson/cloud-view.js";
import type { LessonContext } from "../../src/lesson/context.js";
import { STEPS } from "../../src/lesson/steps/index.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import type { WorldStore } from "../../src/sandbox/store.js";
import type { World } from "../../src/sandbox/world.js";
import { actAs, type Facilitator } from "../../src/workshop/facilitator.js";
import { QuietHost } from "../../src/workshop/quiet-host.js";
import { roomReader } from "../../src/workshop/room-data.js";
import { roomPage, type RoomPageHandler } from "../../src/workshop/room-page/index.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const CHROMIUM = "/usr/bin/chromium";
const SKIP = process.env.PRIVATELINK_LAB_NO_BROWSER === "1";
const TOKEN = "room-token-for-the-browser-test";
const README_SHOT = join("docs", "room-page.png");

/** The room's SQLite account, telling the page after each command that wrote to it. */
class AnnouncingStore implements WorldStore {
  readonly listeners = new Set<() => void>();
  constructor(readonly inner: SqliteStore) {}
  transact<T>(fn: (world: World) => T, readOnly?: boolean): T {
    const out = this.inner.transact(fn, readOnly);
    if (!readOnly) for (const l of this.listeners) l();
    return out;
  }
  snapshot(): World {
    return this.inner.snapshot();
  }
}

let h: Harness;
let f: Facilitator;
let store: AnnouncingStore;
let browser: BrowserContext;
let server: Server;
let page: RoomPageHandler;
let url: string;
const learners = new Map<string, LessonContext>();
const tabs = new Map<Lang, Page>();

async function performSteps(ctx: LessonContext, from: string, through: string): Promise<void> {
  const ids = STEPS.map((s) => s.id);
  for (const step of STEPS.slice(ids.indexOf(from), ids.indexOf(through) + 1)) await step.perform(ctx, await readCloud(ctx.clients, ctx.names));
}

/** Each participant's next stretch of the lesson, all at once. */
async function work(plan: Record<string, [string, string] | undefined>): Promise<void> {
  await Promise.all(Object.entries(plan).map(([prefix, span]) => (span ? performSteps(learners.get(prefix)!, span[0], span[1]) : undefined)));
}

function listen(port = 0): Promise<void> {
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
}

const card = (p: Page, prefix: string) => p.locator(`article[data-prefix="${prefix}"]`);
const title = (step: string, lang: Lang) => loadStep("privatelink", step, lang).title;

/** Waits until the participant's card, in each language's tab, shows `step` by its title. */
async function seesStep(prefix: string, step: string): Promise<void> {
  for (const [lang, tab] of tabs) {
    await expect.poll(() => card(tab, prefix).getAttribute("data-step"), { timeout: 20_000, message: `${prefix} in ${lang}` }).toBe(step);
    await expect.poll(() => card(tab, prefix).locator(".step").textContent()).toContain(title(step, lang));
  }
}

describe.skipIf(SKIP)("the room page in Chromium", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: the room page's browser test drives it. Install it with \`apt-get install -y chromium\` (.ci/run's install_chromium does), or set PRIVATELINK_LAB_NO_BROWSER=1 to skip this test.`,
      );
    }
    store = new AnnouncingStore(new SqliteStore(join(mkdtempSync(join(tmpdir(), "pll-room-")), "account.db")));
    h = harness({ store });
    // A room of three: the quotas a facilitator's room has (workshop serve states them).
    store.transact((w) => Object.assign(w.quotas, { vpcsPerRegion: 10, runningOnDemandStandardVcpus: 32, networkLoadBalancersPerRegion: 5, gatewayEndpointsPerRegion: 5 }));
    f = await openFacilitator(h.opts, h.env);
    for (const prefix of ["alice", "bob", "carol"]) learners.set(prefix, { ...actAs(f, prefix, new QuietHost("en")), pollMs: 0 });

    page = roomPage({
      readRoom: roomReader(f),
      onChange: (l) => {
        store.listeners.add(l);
        return () => store.listeners.delete(l);
      },
      token: TOKEN,
      lang: "en",
      pollMs: 2000,
    });
    server = createServer((req, res) => {
      if (!page(req, res)) res.writeHead(404).end();
    });
    await listen();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // A new empty profile (playwright-core never downloads a browser: this is Debian's).
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "pll-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 720 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    for (const lang of ["en", "ja"] as const) {
      const tab = await browser.newPage();
      // Nothing leaves 127.0.0.1: a request elsewhere (a CDN, a web font) fails the test.
      const outside: string[] = [];
      tab.on("request", (r) => void (r.url().startsWith(url) || outside.push(r.url())));
      await tab.goto(`${url}/room?lang=${lang}&token=${TOKEN}`);
      expect(tab.url()).toBe(`${url}/room?lang=${lang}`);
      expect(outside).toEqual([]);
      tabs.set(lang, tab);
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    page?.close();
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    store?.inner.close();
  });

  it("shows each participant's step as they progress at their own speed, in English and Japanese", async () => {
    for (const tab of tabs.values()) await expect.poll(() => tab.locator(".empty").count()).toBe(1);
    // Preflight leaves nothing in the cloud; then alice runs ahead, bob deploys, carol has not begun.
    await work({ alice: ["preflight", "endpoint-service"], bob: ["preflight", "deploy"], carol: ["preflight", "preflight"] });
    await seesStep("alice", "interface-endpoint");
    await seesStep("bob", "endpoint-service");
    for (const tab of tabs.values()) expect(await card(tab, "carol").count()).toBe(0);

    h.clock.advance(6 * 60_000);
    await work({ alice: ["interface-endpoint", "curl"], bob: ["endpoint-service", "interface-endpoint"], carol: ["deploy", "deploy"] });
    await seesStep("bob", "allow-http");
    await seesStep("carol", "endpoint-service");
    for (const [lang, tab] of tabs) {
      await expect.poll(() => card(tab, "alice").getAttribute("class")).toContain("finished");
      expect(await card(tab, "alice").locator(".step").textContent()).toContain(lang === "en" ? "built and curled" : "構築と curl 済み");
      expect(await tab.locator(".summary").textContent()).toContain(lang === "en" ? "3 participants · 1 finished · 0 flagged" : "受講者 3 人 · 完了 1 人 · 要確認 0 人");
    }
  }, 120_000);

  it("flags a participant once something of theirs breaks, and moves one back whose endpoint is deleted", async () => {
    const bob = learners.get("bob")!;
    const view = await readCloud(bob.clients, bob.names);
    await bob.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: ourService(view)!.id, VpcEndpointIds: [ourEndpoint(view)!.id] }));
    const alice = learners.get("alice")!;
    const endpoint = ourEndpoint(await readCloud(alice.clients, alice.names))!.id;
    await alice.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint] }));
    h.clock.advance(3 * 60_000);
    await work({ carol: ["endpoint-service", "interface-endpoint"] });
    await seesStep("alice", "interface-endpoint");
    await seesStep("carol", "allow-http");
    for (const [lang, tab] of tabs) {
      await expect.poll(() => card(tab, "bob").getAttribute("class")).toContain("flagged");
      expect(await card(tab, "bob").locator(".signals").textContent()).toMatch(lang === "en" ? /^endpoint vpce-\w+ rejected$/ : /^エンドポイント vpce-\w+ rejected$/);
      // Flagged learners come first.
      expect(await tab.locator("article").first().getAttribute("data-prefix")).toBe("bob");
    }
    // Four minutes on: the next poll shows the time on each step.
    h.clock.advance(4 * 60_000);
    for (const [lang, tab] of tabs) await expect.poll(() => card(tab, "bob").locator(".time").textContent(), { timeout: 10_000 }).toBe(lang === "en" ? "4 min" : "4 分");
    // The README's picture: written to docs/ when asked (UPDATE_SCREENSHOT=1) or missing, so a test
    // run does not leave the checkout changed (the endpoint ids differ from run to run).
    const shots = mkdtempSync(join(tmpdir(), "pll-room-shots-"));
    for (const [lang, tab] of tabs) {
      const png = await tab.screenshot({ path: join(shots, `room-page-${lang}.png`) });
      // A PNG's IHDR: width and height at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]);
    }
    if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(README_SHOT)) copyFileSync(join(shots, "room-page-en.png"), README_SHOT);
  }, 120_000);

  it("fits a phone's screen (390 px wide): every card whole, nothing to scroll sideways, in English and Japanese", async () => {
    for (const tab of tabs.values()) {
      await tab.setViewportSize({ width: 390, height: 800 });
      const wider = await tab.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        cards: [...document.querySelectorAll("article")].filter((a) => a.getBoundingClientRect().right > window.innerWidth).length,
      }));
      await tab.setViewportSize({ width: 1280, height: 720 });
      expect(wider).toEqual({ page: 0, cards: 0 });
    }
  });

  it("says it is reconnecting while the server is away, and catches up once it is back", async () => {
    const port = (server.address() as AddressInfo).port;
    page.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    for (const tab of tabs.values()) await expect.poll(() => tab.locator("#offline").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await tabs.get("en")!.locator("#offline").textContent()).toContain("Reconnecting");
    expect(await tabs.get("ja")!.locator("#offline").textContent()).toContain("再接続中");
    // Disconnected, the header no longer says Live: it says it is reconnecting.
    for (const [lang, tab] of tabs) {
      expect(await tab.locator("#live").isVisible()).toBe(false);
      expect(await tab.locator(".top").innerText()).toContain(lang === "en" ? "○ Reconnecting…" : "○ 再接続中…");
      expect(await tab.locator(".top").innerText()).not.toContain(lang === "en" ? "Live" : "ライブ");
    }
    // Meanwhile carol goes on; the page shows it once the server is back.
    await work({ carol: ["allow-http", "allow-http"] });
    await listen(port);
    for (const tab of tabs.values()) await expect.poll(() => tab.locator("#offline").isVisible(), { timeout: 15_000 }).toBe(false);
    for (const tab of tabs.values()) expect([await tab.locator("#live").isVisible(), await tab.locator("#lost").isVisible()]).toEqual([true, false]);
    await seesStep("carol", "accept");
  }, 60_000);
});
