/** inquirer's own words in the learner's language: the key help under a list ("↑↓ navigate"), a default ("(Y/n)"). */
import chalk from "chalk";
import type { Translate } from "../i18n/messages.js";
import type { Phrases } from "./line-breaks.js";
import { wrap } from "./wrap.js";

/** What a yes/no question shows as its default, e.g. "(Y/n)" or "（Enter＝はい・n＝いいえ）". */
export function defaultAnswerText(t: Translate, defaultYes: boolean): string {
  return t(defaultYes ? "prompt.defaultYes" : "prompt.defaultNo");
}

export function promptTheme(t: Translate) {
  const action = (name: string) => {
    const key = `prompt.key.${name}`;
    const text = t(key);
    return text === key ? name : text;
  };
  return {
    style: {
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, name]) => `${chalk.bold(key)} ${chalk.dim(action(name))}`).join(chalk.dim(" • ")),
      // confirm passes "Y/n" or "y/N"; input passes its default value.
      defaultAnswer: (text: string) => chalk.dim(text === "Y/n" || text === "y/N" ? defaultAnswerText(t, text === "Y/n") : `(${text})`),
    },
  };
}

/**
 * The marks before a question whose answer is judged right after it (the quiz): inquirer's usual mark for an answered
 * question is a green ✔, which would stand beside a wrong answer; this one says only "answered".
 */
export function judgedPrefix(): { idle: string; done: string } {
  return { idle: chalk.blue("?"), done: chalk.dim("›") };
}

/** A question wrapped like the text above it, leaving `room` columns for the prompt's marks (inquirer would cut Japanese mid-word). */
export function questionText(message: string, width: number, phrases: Phrases | undefined, room = 2): string {
  return wrap(message, width - room, { phrases, rest: "  " });
}

/** A list's choice after its cursor ("❯ "): wrapped between phrases, under its first word (inquirer cuts anywhere). */
export function choiceLabel(name: string, width: number, phrases: Phrases | undefined): string {
  return wrap(name, width, { first: "  ", rest: "  ", phrases }).slice(2);
}
