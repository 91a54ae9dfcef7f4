/** Colour as color-choice.ts decides; everything written passes through `plain()` when it is off, so no library leaks an escape code. */
import chalk, { Chalk, type ChalkInstance } from "chalk";
import { stripVTControlCharacters } from "node:util";

export { colorEnabled } from "./color-choice.js";

export function palette(enabled: boolean): ChalkInstance {
  if (!enabled) chalk.level = 0; // also silences libraries that use chalk's default instance
  return new Chalk({ level: enabled ? Math.max(chalk.level, 1) as 1 | 2 | 3 : 0 });
}

export const plain = stripVTControlCharacters;
