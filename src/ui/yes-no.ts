/**
 * A yes/no question, asked as inquirer's confirm asks it (y or n, then Enter; Enter alone takes the default), with
 * spaces around the answer ignored and no Tab key writing an English "Yes"/"No" into the answer. A full-width ｙ／ｎ
 * (a Japanese input method left on) arrives as y/n, as at every prompt (ui/typed-input.ts).
 */
import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState, type Theme } from "@inquirer/core";

interface YesNoConfig {
  message: string;
  default: boolean;
  /** How the answer is shown once given. */
  transformer: (yes: boolean) => string;
  theme?: { style?: Partial<Theme["style"]> };
}

/** The answer typed: starting with y or n (as inquirer reads it) in any case, else the default. */
function yesNoAnswer(typed: string, byDefault: boolean): boolean {
  const text = typed.trim();
  if (/^y/i.test(text)) return true;
  if (/^n/i.test(text)) return false;
  return byDefault;
}

export const yesNo = createPrompt<boolean, YesNoConfig>((config, done) => {
  const [status, setStatus] = useState<"idle" | "done">("idle");
  const [value, setValue] = useState("");
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    if (!isEnterKey(key)) return setValue(rl.line);
    const answer = yesNoAnswer(value, config.default);
    setValue(config.transformer(answer));
    setStatus("done");
    done(answer);
  });
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(value)}`;
  return `${prefix} ${message} ${theme.style.defaultAnswer(config.default ? "Y/n" : "y/N")} ${value}`;
});
