/**
 * The handout, as Markdown slides (`---` between, as Marp, reveal.js and Slidev expect): instructions naming nobody,
 * one sheet per participant with only their own commands, then the facilitator's table of everyone's command.
 */
import { translator, type Translate } from "../i18n/messages.js";
import { loadCommand, unsetCommand } from "../sandbox/shell-env.js";
import { labCommand } from "../shell/lab-command.js";

export interface HandoutOptions {
  prefixes: string[];
  region: string;
  /** The room runs in the built-in sandbox (no AWS account). */
  sandbox: boolean;
  /** The AWS profile learners should use, if the facilitator gave them one. */
  profile?: string;
}

/** Rows of the list of everyone on one slide. */
const PER_SLIDE = 12;

export function learnerCommand(prefix: string, o: HandoutOptions, extra = ""): string {
  return labCommand({ command: extra, prefix, region: o.region, backend: o.sandbox ? "sandbox" : "aws", ...(o.profile ? { profile: o.profile } : {}) });
}

/** Half of the first slide, in one language: install Node, `middle`, the language, who to ask, and `last` (cleaning up). */
function instructions(t: Translate, middle: string[], last: string): string[] {
  const items = [t("workshop.handout.node"), ...middle, t("workshop.handout.lang"), t("workshop.handout.stuck"), last];
  return [`## ${t("workshop.handout.title")}`, "", ...items.map((item, i) => `${i + 1}. ${item}`)];
}

/** A message in English, then in Japanese. */
function both(key: string, vars?: Record<string, string>): string {
  return `${translator("en")(key, vars)} / ${translator("ja")(key, vars)}`;
}

/** The deck: the instructions in both languages, the sheets, then the list of everyone, a dozen to a slide. */
function deck(steps: (t: Translate) => string[], sheets: string[], list: { title: string; items: string[]; head: string[] }): string {
  const slides = [[`# ${both("workshop.handout.heading")}`, "", ...steps(translator("en")), "", ...steps(translator("ja"))].join("\n"), ...sheets];
  const pages = Array.from({ length: Math.ceil(list.items.length / PER_SLIDE) }, (_, i) =>
    list.items.slice(i * PER_SLIDE, (i + 1) * PER_SLIDE));
  pages.forEach((page, i) => slides.push([`## ${list.title}${pages.length > 1 ? ` (${i + 1}/${pages.length})` : ""}`, "", ...list.head, ...page].join("\n")));
  return slides.join("\n\n---\n\n") + "\n";
}

/** One participant's sheet: only their prefix and their own commands, in both languages. */
function sheet(prefix: string, o: HandoutOptions): string {
  const half = (t: Translate): string[] => [
    `- ${t("workshop.handout.start")} \`${learnerCommand(prefix, o)}\``,
    `- ${t("workshop.handout.cleanup")} \`${learnerCommand(prefix, o, "destroy")}\``,
  ];
  return [`## ${both("workshop.handout.sheet", { prefix })}`, "", ...half(translator("en")), "", ...half(translator("ja"))].join("\n");
}

export function handoutMarkdown(o: HandoutOptions): string {
  const steps = (t: Translate) => instructions(t, [t("workshop.handout.run"), t(o.sandbox ? "workshop.handout.sandbox" : "workshop.handout.aws", { region: o.region })], t("workshop.handout.cleanup-own"));
  return deck(
    steps,
    o.prefixes.map((p) => sheet(p, o)),
    {
      title: both("workshop.handout.commands"),
      head: [`| ${both("workshop.handout.participant")} | ${both("workshop.handout.command")} |`, "|---|---|"],
      items: o.prefixes.map((p) => `| ${p} | \`${learnerCommand(p, o)}\` |`),
    },
  );
}

/** A served room's sheet: the participant and the address their join line carries (their code is in it). */
export interface RoomSheet {
  prefix: string;
  joinUrl: string;
}

/** One line per shell that joins the room (bash/zsh, fish, PowerShell; cmd.exe's prints the lines to paste). */
export function joinLines(joinUrl: string): { bash: string; fish: string; powershell: string; cmd: string } {
  const join = `join ${joinUrl}`;
  return { bash: loadCommand("bash", join), fish: loadCommand("fish", join), powershell: loadCommand("powershell", join), cmd: loadCommand("cmd", join) };
}

/** A served room's handout; its list of who is in the room has prefixes only: a projected slide shows no join code. */
export function roomHandoutMarkdown(o: { room: string; region: string; sheets: RoomSheet[] }): string {
  const leave = (t: Translate) => `${t("room.handout.cleanup")} ${t("room.handout.leave", { unset: unsetCommand("bash") })}`;
  const steps = (t: Translate) => instructions(t, [t("room.handout.paste"), t("room.handout.then"), t("room.handout.shared", { region: o.region })], leave(t));
  const sheet = (s: RoomSheet): string => {
    const lines = joinLines(s.joinUrl);
    return [
      `## ${both("workshop.handout.sheet", { prefix: s.prefix })}`,
      "",
      `${both("room.handout.join")}:`,
      "",
      "```sh",
      lines.bash,
      "```",
      "",
      `fish: \`${lines.fish}\``,
      "",
      `PowerShell: \`${lines.powershell}\``,
      "",
      `${both("room.handout.cmd")}: \`${lines.cmd}\` — ${both("room.handout.cmdPaste")}`,
      "",
      `${both("room.handout.next")}: \`npx privatelink-lab\``,
    ].join("\n");
  };
  return deck(steps, o.sheets.map(sheet), { title: both("room.handout.who", { room: o.room }), head: [], items: o.sheets.map((s) => `- ${s.prefix}`) });
}
