/**
 * The lesson's door to the learner's own AWS CLI and `sandbox serve`, run in-process for the served-sandbox tests:
 * one hands-on run's setup, `sandbox serve` started and stopped, and a port held by something else.
 */
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { Chalk } from "chalk";
import { expect, vi } from "vitest";
import type { GlobalOptions } from "../../src/commands/options.js";
import { sandboxServe } from "../../src/commands/sandbox-serve.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { closeDoor, learnerCanAct, secondTerminalReminder } from "../../src/lesson/learner-door.js";
import type { LessonContext } from "../../src/lesson/context.js";
import type { LabEvent } from "../../src/ui/io-host.js";
import { renderEvent } from "../../src/ui/render-event.js";
import type { Harness } from "./lesson-harness.js";
import { RecordingHost } from "./recording-host.js";

export type Lang = "en" | "ja";
export type Served = Extract<LabEvent, { type: "served" }>;

export const portOf = (url: string) => Number(new URL(url).port);

/** The notices among `events`. */
export const noticesIn = (events: LabEvent[]): string[] => events.flatMap((e) => (e.type === "notice" ? [e.message] : []));

/** A hands-on run's context with the door to the learner's AWS CLI open (as the lesson opens it before the first step). */
export async function openedDoor(h: Harness, opts: GlobalOptions = {}): Promise<LessonContext> {
  const o = { ...h.opts, mode: "hands-on" as const, ...opts };
  const ctx = await lessonContext(o, h.env, await openSession(o, h.env), false);
  expect(await learnerCanAct(ctx)).toBe(true);
  return ctx;
}

/**
 * Opens the lesson's door to the learner's AWS CLI once, as a hands-on run does (`whileOpen` runs then), and closes it:
 * what was said, the reminder under a step, and the notices on closing.
 */
export async function serveOnce(h: Harness, opts: GlobalOptions = {}, whileOpen?: () => Promise<void>): Promise<{ served: Served; notices: string[]; reminder: string; text: string; closing: string[] }> {
  const from = h.host.events.length;
  const ctx = await openedDoor(h, opts);
  const reminder = secondTerminalReminder(ctx);
  // The setup's events (closing the lesson says its own line later: how the second terminal reaches AWS again).
  const events = h.host.events.slice(from);
  await whileOpen?.();
  const before = h.host.events.length;
  await closeDoor(ctx);
  const closing = noticesIn(h.host.events.slice(before));
  const served = events.find((e): e is Served => e.type === "served")!;
  const text = renderEvent(served, { c: new Chalk({ level: 0 }), t: ctx.t, width: 200, markdown: (md) => md }) ?? "";
  return { served, notices: noticesIn(events), reminder, text, closing };
}

/** Something else listening on this port of 127.0.0.1 (it accepts, and never answers) until `free` is called. */
export async function block(port: number): Promise<{ free: () => Promise<void> }> {
  const blocker: Server = createServer();
  // A probe's connection, held open by a silent server: ended with it.
  const held = new Set<Socket>();
  blocker.on("connection", (socket) => {
    held.add(socket);
    socket.on("close", () => held.delete(socket));
  });
  await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
  return {
    free: () =>
      new Promise<void>((resolve) => {
        blocker.close(() => resolve());
        for (const socket of held) socket.destroy();
      }),
  };
}

/**
 * `sandbox serve` for the harness's account (its file in `dir`), as `opts` says (`--json` unless said otherwise): its
 * address, what it said, and how to stop it.
 */
export async function startServe(h: Harness, dir: string, opts: GlobalOptions & { port?: string } = {}): Promise<{ url: string; notices: string[]; stop: () => Promise<void> }> {
  const host = new RecordingHost(opts.lang === "ja" ? "ja" : "en");
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const env = { ...h.env, env: { ...h.env.env, PRIVATELINK_LAB_SANDBOX_FILE: join(dir, "account.db") }, makeHost: () => host };
  const json = opts.json ?? true;
  const serving = sandboxServe({ ...opts, json }, env, stopped);
  // Said once it listens: the address as data (--json), else its closing line, how to stop it.
  const ready = () => (json ? host.ofType("sandbox-served").length > 0 : noticesIn(host.events).some((n) => n.includes("Ctrl-C")));
  await Promise.race([vi.waitFor(() => expect(ready()).toBe(true), { timeout: 10_000 }), serving.then(() => expect.fail("sandbox serve ended before it listened"))]);
  const notices = noticesIn(host.events);
  return {
    url: json ? host.ofType("sandbox-served")[0]!.url : /http:\/\/127\.0\.0\.1:\d+/.exec(notices[0]!)![0],
    notices,
    stop: async () => {
      stop();
      await serving;
    },
  };
}
