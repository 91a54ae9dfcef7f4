/**
 * A spinner's line fitted to the terminal by display width: it must stay one line (each frame would leave a copy
 * behind). Its parts are separated by " · ", what matters first: what it waits for, how long it has waited, then the
 * state. Too wide, it takes the first of its narrow forms that fits (the state in AWS's one word; then without the usual
 * time, the state kept), then drops the state, then shortens what it waits for, keeping the time it has waited.
 */
import { displayWidth, truncate } from "./text-width.js";

const PART = " · ";

export function spinnerLine(text: string, width: number, narrow: string | readonly string[] = []): string {
  if (displayWidth(text) <= width) return text;
  const [next, ...narrower] = typeof narrow === "string" ? [narrow] : narrow;
  if (next !== undefined) return spinnerLine(next, width, narrower);
  const parts = text.split(PART);
  while (parts.length > 2 && displayWidth(parts.join(PART)) > width) parts.pop();
  const [first = "", ...rest] = parts;
  const tail = rest.length > 0 ? PART + rest.join(PART) : "";
  const room = width - displayWidth(tail);
  return room >= 8 ? truncate(first, room) + tail : truncate(parts.join(PART), width);
}
