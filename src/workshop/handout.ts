/**
 * The handout, as Markdown slides (`---` between slides, as Marp, reveal.js and Slidev expect):
 * one slide of instructions that names nobody, then one sheet per participant (their prefix,
 * their start command, their destroy command: a sheet never names another participant), then the
 * facilitator's table of everyone's command, a dozen rows per slide.
 */
import { translator, type Translate } from "../i18n/messages.js";

export interface HandoutOptions {
  prefixes: string[];
  region: string;
  /** The room runs in the built-in sandbox (no AWS account). */
  sandbox: boolean;
  /** The AWS profile learners should use, if the facilitator gave them one. */
  profile?: string;
  perSlide?: number;
}

export function learnerCommand(prefix: string, o: HandoutOptions, extra = ""): string {
  const parts = ["npx privatelink-lab", extra, `--prefix ${prefix}`, `--region ${o.region}`, o.sandbox ? "--sandbox" : "", o.profile ? `--profile ${o.profile}` : ""];
  return parts.filter(Boolean).join(" ");
}

function instructions(t: Translate, o: HandoutOptions): string[] {
  return [
    `## ${t("workshop.handout.title")}`,
    "",
    `1. ${t("workshop.handout.node")}`,
    `2. ${t("workshop.handout.run")}`,
    `3. ${t(o.sandbox ? "workshop.handout.sandbox" : "workshop.handout.aws", { region: o.region })}`,
    `4. ${t("workshop.handout.lang")}`,
    `5. ${t("workshop.handout.stuck")}`,
    `6. ${t("workshop.handout.cleanup-own")}`,
  ];
}

/** One participant's sheet: only their prefix and their own commands, in both languages. */
function sheet(prefix: string, o: HandoutOptions, en: Translate, ja: Translate): string {
  const half = (t: Translate): string[] => [
    `- ${t("workshop.handout.start")} \`${learnerCommand(prefix, o)}\``,
    `- ${t("workshop.handout.cleanup")} \`${learnerCommand(prefix, o, "destroy")}\``,
  ];
  return [`## ${en("workshop.handout.sheet", { prefix })} / ${ja("workshop.handout.sheet", { prefix })}`, "", ...half(en), "", ...half(ja)].join("\n");
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function handoutMarkdown(o: HandoutOptions): string {
  const en = translator("en");
  const ja = translator("ja");
  const slides: string[] = [
    [`# ${en("workshop.handout.heading")} / ${ja("workshop.handout.heading")}`, "", ...instructions(en, o), "", ...instructions(ja, o)].join("\n"),
    ...o.prefixes.map((p) => sheet(p, o, en, ja)),
  ];
  const pages = chunks(o.prefixes, o.perSlide ?? 12);
  pages.forEach((page, i) => {
    const title = `## ${en("workshop.handout.commands")} / ${ja("workshop.handout.commands")}${pages.length > 1 ? ` (${i + 1}/${pages.length})` : ""}`;
    const head = `| ${en("workshop.handout.participant")} / ${ja("workshop.handout.participant")} | ${en("workshop.handout.command")} / ${ja("workshop.handout.command")} |`;
    const rows = page.map((p) => `| ${p} | \`${learnerCommand(p, o)}\` |`);
    slides.push([title, "", head, "|---|---|", ...rows].join("\n"));
  });
  return slides.join("\n\n---\n\n") + "\n";
}

/** A served room's sheet: the participant and the address their join line carries (their code is in it). */
export interface RoomSheet {
  prefix: string;
  joinUrl: string;
}

/** One line per shell that joins the room (bash/zsh, fish, PowerShell). */
export function joinLines(joinUrl: string): { bash: string; fish: string; powershell: string } {
  return {
    bash: `eval "$(npx privatelink-lab join ${joinUrl})"`,
    fish: `npx privatelink-lab join ${joinUrl} --shell fish | source`,
    powershell: `npx privatelink-lab join ${joinUrl} --shell powershell | Out-String | iex`,
  };
}

/**
 * A served room's handout: the instructions (naming nobody), then one sheet per participant with
 * only their own join line (in three shells), then the facilitator's list of who is in the room
 * (prefixes only: a projected slide must not carry anyone's join code).
 */
export function roomHandoutMarkdown(o: { room: string; region: string; sheets: RoomSheet[]; perSlide?: number }): string {
  const en = translator("en");
  const ja = translator("ja");
  const steps = (t: Translate): string[] => [
    `## ${t("workshop.handout.title")}`,
    "",
    `1. ${t("workshop.handout.node")}`,
    `2. ${t("room.handout.paste")}`,
    `3. ${t("room.handout.then")}`,
    `4. ${t("room.handout.shared", { region: o.region })}`,
    `5. ${t("workshop.handout.lang")}`,
    `6. ${t("workshop.handout.stuck")}`,
    `7. ${t("room.handout.cleanup")}`,
  ];
  const both = (key: string): string => `${en(key)} / ${ja(key)}`;
  const sheet = (s: RoomSheet): string => {
    const lines = joinLines(s.joinUrl);
    return [
      `## ${en("workshop.handout.sheet", { prefix: s.prefix })} / ${ja("workshop.handout.sheet", { prefix: s.prefix })}`,
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
      `${both("room.handout.next")}: \`npx privatelink-lab\``,
    ].join("\n");
  };
  const slides = [[`# ${en("workshop.handout.heading")} / ${ja("workshop.handout.heading")}`, "", ...steps(en), "", ...steps(ja)].join("\n"), ...o.sheets.map(sheet)];
  const pages = chunks(o.sheets.map((s) => s.prefix), o.perSlide ?? 12);
  pages.forEach((page, i) => {
    const title = `## ${en("room.handout.who", { room: o.room })} / ${ja("room.handout.who", { room: o.room })}${pages.length > 1 ? ` (${i + 1}/${pages.length})` : ""}`;
    slides.push([title, "", ...page.map((p) => `- ${p}`)].join("\n"));
  });
  return slides.join("\n\n---\n\n") + "\n";
}
