/** What the bundle gives ora in place of string-width (see scripts/build.mjs): the same widths, loaded lazily. */
import { displayWidth } from "./text-width.js";

export default function stringWidth(text: string): number {
  return typeof text === "string" ? displayWidth(text) : 0;
}
