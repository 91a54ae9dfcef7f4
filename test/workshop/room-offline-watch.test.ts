/**
 * The facilitator's live `workshop status` at a served room (reached with the facilitator's join line) outlives the room
 * stopping: the view says the room is not answering and that it is retrying, keeps the last figures, and shows the room
 * again once it is back. Only a key ends the watch. A one-shot `--once` / `--json` still fails, with the network's exit code.
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { workshopStatus } from "../../src/commands/workshop/status.js";
import { LabError, EXIT } from "../../src/errors.js";
import { serveSandbox, type ServedSandbox } from "../../src/sandbox/serve/server.js";
import type { Environment } from "../../src/commands/session.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const opened: ServedSandbox[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A room served from the harness's sandbox, and the facilitator's environment pointed at it over HTTP (no in-process clients). */
async function servedRoom(h: Harness, port = 0): Promise<ServedSandbox> {
  const served = await serveSandbox({ sandbox: h.sandbox, port });
  opened.push(served);
  vi.stubEnv("AWS_ACCESS_KEY_ID", served.credentials.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", served.credentials.secretAccessKey);
  vi.stubEnv("AWS_PROFILE", undefined);
  return served;
}

function overHttp(h: Harness): Environment {
  const { makeClients: _inProcess, ...env } = h.env;
  return env;
}

/**
 * A facilitator's terminal watching: the frames drawn, and a clock whose next sleep (the watch's wait after a frame)
 * first runs what `afterFrame` gives for that frame's number (1, 2, …), if anything.
 */
function watchScreen(h: Harness, afterFrame: (n: number) => (() => Promise<void>) | undefined) {
  const frames: string[] = [];
  let between: (() => Promise<void>) | undefined;
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 }) as unknown as NodeJS.WriteStream;
  stdout.write = ((text: string) => {
    frames.push(text);
    between = afterFrame(frames.length) ?? between;
    return true;
  }) as NodeJS.WriteStream["write"];
  const clock = Object.create(h.clock) as typeof h.clock;
  clock.sleep = async (ms: number) => {
    const act = between;
    between = undefined;
    await act?.();
    return h.clock.sleep(ms);
  };
  return { frames, stdout, clock };
}

describe("the facilitator's live workshop status when the room stops answering", () => {
  it("says the room is not answering and retries, then shows the room again once it is back; it does not end", { timeout: 60_000 }, async () => {
    const h = harness();
    let served = await servedRoom(h);
    const url = served.url;
    // Between refreshes: stop the room after the first frame, serve it again after the second.
    const { frames, stdout, clock } = watchScreen(h, (n) =>
      n === 1 ? async () => served.close() : n === 2 ? async () => void (served = await servedRoom(h, Number(new URL(url).port))) : undefined,
    );
    const e = { ...overHttp(h), stdout, clock };
    await workshopStatus({ region: "ap-northeast-1", endpointUrl: url, interval: "600", maxRefreshes: 3 }, e);
    expect(frames).toHaveLength(3);
    const silent = `Room not answering (${url}) — retrying every 600s.`;
    expect(frames[0]).not.toContain(silent);
    expect(frames[1]).toContain(silent);
    // The last figures stay in view, said to be from the last refresh.
    expect(frames[1]).toContain("The figures below are from");
    expect(frames[1]).toContain("privatelink-lab workshop · ap-northeast-1");
    expect(frames[2]).not.toContain("Room not answering");
    expect(frames[2]).toContain("privatelink-lab workshop · ap-northeast-1");
  });

  it("when the room is made again (new keys) under the same address, says to paste the new facilitator line; it does not end", { timeout: 60_000 }, async () => {
    const h = harness();
    const served = await servedRoom(h);
    const url = served.url;
    // After the first frame: the room retired and served again at the same address, with keys of its own.
    let remade = false;
    const remake = async () => {
      remade = true;
      await served.close();
      opened.push(await serveSandbox({ sandbox: harness().sandbox, port: Number(new URL(url).port), credentials: { accessKeyId: "PLLABREMADEROOM0001", secretAccessKey: "another-room-secret-not-for-aws" } }));
    };
    const { frames, stdout, clock } = watchScreen(h, (n) => (n === 1 && !remade ? remake : undefined));
    // The facilitator's terminal, after their join line (a room's key: PLLAB…).
    const env = { ...h.env.env, AWS_ACCESS_KEY_ID: served.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: served.credentials.secretAccessKey };
    const e = { ...overHttp(h), env, stdout, clock };
    // It returns (after its refreshes, as a key would end it): the refusal does not end the watch.
    await workshopStatus({ region: "ap-northeast-1", endpointUrl: url, interval: "600", maxRefreshes: 3 }, e);
    expect(frames).toHaveLength(3);
    expect(frames[0]).not.toContain("key");
    for (const drawn of frames.slice(1)) {
      // As read: without colours, the wrapped lines as one.
      const frame = drawn.replace(/\x1b\[[\d;]*[A-Za-z]/g, "").replace(/\s+/g, " ");
      expect(frame).toContain(`The room at ${url} no longer knows this terminal's key`);
      expect(frame).toContain("facilitator join line");
      expect(frame).not.toContain("aws configure");
      // The last figures stay in view, said to be from the last refresh.
      expect(frame).toContain("The figures below are from");
      expect(frame).toContain("privatelink-lab workshop · ap-northeast-1");
    }
    // A watch started in Japanese once the room is made again: no figures yet, the same advice.
    frames.length = 0;
    await workshopStatus({ region: "ap-northeast-1", endpointUrl: url, interval: "600", maxRefreshes: 1, lang: "ja" }, e);
    expect(frames[0]!.replace(/\s+/g, "")).toContain(`${url}の部屋は、このターミナルの鍵を知りません`);
  });

  it("says it in Japanese too", { timeout: 60_000 }, async () => {
    const h = harness();
    const served = await servedRoom(h);
    const url = served.url;
    await served.close();
    const frames: string[] = [];
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 }) as unknown as NodeJS.WriteStream;
    stdout.write = ((text: string) => (frames.push(text), true)) as NodeJS.WriteStream["write"];
    await workshopStatus({ region: "ap-northeast-1", endpointUrl: url, interval: "600", maxRefreshes: 2, lang: "ja" }, { ...overHttp(h), stdout });
    expect(frames).toHaveLength(2);
    for (const frame of frames) expect(frame).toContain(`部屋が応答しません（${url}）— 600 秒ごとに再試行しています。`);
  });

  it("still fails at once, with the network's exit code, for a one-shot --once or --json", { timeout: 60_000 }, async () => {
    const h = harness();
    const served = await servedRoom(h);
    await served.close();
    for (const once of [{ once: true }, { json: true }]) {
      const err = await workshopStatus({ region: "ap-northeast-1", endpointUrl: served.url, ...once }, overHttp(h)).then(() => undefined, (x: unknown) => x);
      expect(err).toBeInstanceOf(LabError);
      expect((err as LabError).exitCode).toBe(EXIT.network);
    }
  });
});
