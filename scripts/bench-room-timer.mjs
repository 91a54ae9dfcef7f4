// Loaded into the room server by scripts/bench-room.mjs (`node --import` this file): times every
// request inside the server, from Node's "request" event (its head read) to the answer's last
// byte handed to the socket, with the server's main-thread CPU time meanwhile, through Node's own
// diagnostics channels, and notes every garbage collection (start, pause). Nothing in the
// product changes; the cost is two clock reads, two getrusage calls and a push a request. On
// SIGUSR2 it writes what it saw to $BENCH_ROOM_TIMER_FILE (JSON) for the bench.
import { subscribe } from "node:diagnostics_channel";
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver, performance } from "node:perf_hooks";

const file = process.env.BENCH_ROOM_TIMER_FILE;
if (file) {
  const started = new WeakMap();
  /** [start (ms since the epoch), duration (ms), the server's main-thread CPU meanwhile (ms)] a request. */
  const requests = [];
  /** [start (ms since the epoch), pause (ms), kind (1 scavenge, 2 mark-compact, 4 incremental, 8 weak callbacks)] a GC. */
  const gcs = [];
  const origin = performance.timeOrigin;
  // The main thread's CPU time (ms) so far: what the server itself spent while a request waited.
  const cpu = () => {
    if (!process.threadCpuUsage) return NaN; // Node < 23.9
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  subscribe("http.server.request.start", ({ request }) => started.set(request, [performance.now(), cpu()]));
  subscribe("http.server.response.finish", ({ request }) => {
    const t = started.get(request);
    if (t !== undefined) requests.push([origin + t[0], performance.now() - t[0], cpu() - t[1]]);
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push([origin + e.startTime, e.duration, e.detail?.kind ?? 0]);
  }).observe({ entryTypes: ["gc"] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on("SIGUSR2", () => {
    const eventLoopDelay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    writeFileSync(`${file}.part`, JSON.stringify({ requests, gcs, eventLoopDelay }));
    renameSync(`${file}.part`, file);
  });
}
