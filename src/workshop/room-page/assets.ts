/**
 * The page's style and script, served by the page itself (no CDN, no web font: a room may have no
 * internet). Sized for a projector at 1280×720: large type, dark text on white, the state of a
 * card in its border colour and a word, never in colour alone.
 */
export const PAGE_CSS = `
:root { --ink: #111; --muted: #333; --line: #bbb; --ok: #0a6b2a; --warn: #b00020; --now: #0b57d0; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; padding: 12px 20px 20px; background: #fff; color: var(--ink); line-height: 1.3;
  font-family: system-ui, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", "Hiragino Sans", "Yu Gothic UI", Meiryo, "Noto Sans CJK JP", "IPAPGothic", sans-serif; }
/* Japanese breaks only where the server put a <wbr> (between phrases), or inside a word too long for its line. */
:lang(ja) body, body:lang(ja), p:lang(ja) { font-family: "Hiragino Sans", "Yu Gothic UI", Meiryo, "Noto Sans CJK JP", "IPAPGothic", system-ui, sans-serif; word-break: keep-all; overflow-wrap: break-word; }
.top { display: flex; justify-content: space-between; align-items: center; font-size: 0.9rem; }
.live { color: var(--ok); font-weight: 700; }
/* While the connection is down the page is not live: it says it is reconnecting instead. */
.lost { display: none; color: var(--warn); font-weight: 700; }
body.stale .live { display: none; }
body.stale .lost { display: inline; }
.langs a { margin-left: 14px; color: var(--now); font-weight: 700; }
.langs a[aria-current] { color: var(--ink); text-decoration: none; border-bottom: 3px solid var(--ink); }
.offline { margin: 6px 0; padding: 8px 14px; background: var(--warn); color: #fff; font-size: 1.1rem; font-weight: 700; }
.offline[hidden] { display: none; }
body.stale main { opacity: 0.55; }
.head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px; margin: 2px 0 10px; }
h1 { font-size: 1.5rem; margin: 0; }
.summary { font-size: 1.1rem; font-weight: 700; margin: 0; }
.changed { color: var(--muted); font-size: 0.8rem; margin: 0; }
.problem { background: #fff3c4; color: #5a3d00; border: 2px solid #8a6000; padding: 6px 12px; font-weight: 700; }
.empty { font-size: 1.2rem; }
/* A card is never wider than the screen (a phone's is narrower than one card). */
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(380px, 100%), 1fr)); gap: 12px; font-size: 1rem; }
/* A bigger room: smaller cards, so more of it fits on one screen (flagged learners stay first). */
.grid.many { grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 10px; font-size: 0.8rem; }
.grid.crowd { grid-template-columns: repeat(auto-fill, minmax(min(280px, 100%), 1fr)); gap: 8px; font-size: 0.7rem; }
.card { border: 2px solid var(--line); border-left: 12px solid var(--now); border-radius: 6px; padding: 8px 12px 10px; }
.card.finished { border-left-color: var(--ok); }
.card.ended { border-left-color: var(--line); }
.card.idle { border-left-color: var(--line); border-left-style: dashed; }
.card.ended .step { color: var(--muted); }
.card.flagged { border-color: var(--warn); border-left-color: var(--warn); background: #fff5f5; }
.card header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0 10px; }
.card h2 { font-size: 1.5em; margin: 0; overflow-wrap: break-word; min-width: 0; }
.card.flagged h2 { color: var(--warn); }
.time { font-size: 1.1em; font-weight: 700; white-space: nowrap; }
.bar { display: flex; gap: 3px; margin: 6px 0; }
.bar i { flex: 1; height: 0.5em; background: #ddd; }
.bar i.done { background: var(--ok); }
.bar i.now { background: var(--now); }
.step { font-size: 1.1em; margin: 4px 0; }
.step .num { font-weight: 700; }
.card.finished .step { color: var(--ok); font-weight: 700; }
.signals { margin: 6px 0; padding: 6px 10px; list-style: none; background: var(--warn); color: #fff; font-weight: 700; font-size: 1.05em; overflow-wrap: anywhere; }
.signals li + li { margin-top: 4px; }
.signals .reason { display: block; font-weight: 400; }
.meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 14px; margin: 4px 0 0; font-size: 0.95em; }
.challenge { font-weight: 700; }
.challenge.broken { color: var(--warn); }
.challenge.fixed { color: var(--ok); }
footer { margin-top: 14px; color: var(--muted); font-size: 0.75rem; }
code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.95em; background: #eee; padding: 0 4px; border-radius: 3px; }
body.denied main { max-width: 900px; margin: 60px auto; font-size: 1.3rem; }
`;

/**
 * Keeps the page current: each "room" event from the server replaces the grid (HTML the server
 * escaped). While the connection is down the page says so and greys the grid; EventSource retries
 * on its own, and a connection the server refused (its restart) is opened again here.
 */
export const PAGE_JS = `"use strict";
(function () {
  var body = document.body;
  var room = document.getElementById("room");
  var offline = document.getElementById("offline");
  var source = null;
  function lost(yes) {
    offline.hidden = !yes;
    body.classList.toggle("stale", yes);
  }
  function connect() {
    source = new EventSource(body.getAttribute("data-events"));
    source.onopen = function () { lost(false); };
    source.addEventListener("room", function (e) {
      room.innerHTML = JSON.parse(e.data);
      lost(false);
    });
    source.onerror = function () {
      lost(true);
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 2000);
      }
    };
  }
  connect();
})();
`;
