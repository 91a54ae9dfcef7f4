/**
 * A question with its few answers on one line under it ("1 Run it · 2 Show how · 0 Stop here"),
 * answered with a digit or Enter (the default). Used where the text above must stay on screen:
 * it takes two rows where a list takes five.
 */
import { createPrompt, isEnterKey, useKeypress, usePrefix, useState, type KeypressEvent } from "@inquirer/core";
import chalk from "chalk";

interface InlineChoiceConfig {
  message: string;
  /** The answers' labels, already laid out by the caller (one string, may span lines). */
  legend: string;
  /** The digit that picks each answer (the same choice keeps its digit from question to question). */
  keys: number[];
  labels: string[];
  default: number;
  /** How the chosen label is shown once answered. */
  answer?: (label: string) => string;
}

/** The digit a key typed (a full-width "１" arrives as "1": ui/typed-input.ts). */
function typedDigit(key: KeypressEvent & { sequence?: string }): number | undefined {
  const typed = key.sequence ?? key.name ?? "";
  return /^[0-9]$/.test(typed) ? Number(typed) : undefined;
}

export const inlineChoice = createPrompt<number, InlineChoiceConfig>((config, done) => {
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [picked, setPicked] = useState(config.default);
  const prefix = usePrefix({ status });
  useKeypress((key) => {
    if (status !== "idle") return;
    const digit = typedDigit(key);
    const at = digit === undefined ? -1 : config.keys.indexOf(digit);
    const choice = isEnterKey(key) ? config.default : at >= 0 ? at : undefined;
    if (choice === undefined) return;
    setPicked(choice);
    setStatus("done");
    done(choice);
  });
  const message = chalk.bold(config.message);
  if (status === "done") return `${prefix} ${message} ${(config.answer ?? chalk.cyan)(config.labels[picked] ?? "")}`;
  return `${prefix} ${message}\n${config.legend}`;
});
