/**
 * What `diagnose` says about each link, from the lesson's content (`lessons/<id>/diagnose/<lang>.yml`):
 * the link's name, and for each problem what is wrong, why it breaks the connection, and the fix
 * (console path and AWS CLI). Text is data; this file only loads and fills it.
 */
import { fillIfKnown, fillPlaceholders, lessonText } from "../content/lesson-content.js";
import { parseYaml } from "../content/yaml-data.js";
import type { Lang } from "../i18n/lang.js";
import type { Link } from "../reachability/chain.js";
import type { DiagnosisLink } from "../ui/io-host.js";
import { shellLines } from "../shell/in-text.js";
import type { CmdNotes, Shell } from "../shell/render.js";

export interface ProblemText {
  what: string;
  why: string;
  console?: string;
  cli?: string;
}

export interface DiagnoseText {
  /** The colon inside a value (`i-…: healthy`) in the language's form (Japanese: full width). */
  colon: string;
  title: string;
  /** `short`: the link's name without values (for links that could not be judged); `name`: with them. */
  links: Record<string, { short: string; name: string; problems: Record<string, ProblemText & { name?: string }> }>;
}

export function loadDiagnoseText(lesson: string, lang: Lang): DiagnoseText {
  return parseYaml(lessonText(lesson, "diagnose", `${lang}.yml`)) as DiagnoseText;
}

/** A link's values as its sentences say them: the targets' health (`i-…: healthy`, walked in one form) with the language's colon. */
export function sayValues(text: DiagnoseText, vars: Record<string, string>): Record<string, string> {
  return vars.health === undefined ? vars : { ...vars, health: vars.health.replaceAll(": ", text.colon) };
}

/** A link in words, with the learner's values filled in. */
export function explainLink(text: DiagnoseText, link: Link, vars: Record<string, string | undefined>, shell: Shell = "bash", notes?: CmdNotes): DiagnosisLink {
  const all = { ...vars, ...sayValues(text, link.vars) };
  // A value the walk could not see (an endpoint that is gone has no state) is never printed as
  // `<state>`: the name falls back to the link's short name, a fix that needs it is left out.
  const fill = (s: string | undefined) => (s === undefined ? undefined : fillIfKnown(s, all)?.trimEnd());
  const entry = text.links[link.id];
  const p = link.problem ? entry?.problems[link.problem] : undefined;
  return {
    id: link.id,
    status: link.status,
    ...linkData(link),
    ...(link.problem ? { problem: link.problem } : {}),
    // A failed link says what is there (`listener on TCP 8080, expected 80`), not what should be.
    name: (link.status === "skip" ? entry?.short : (fill(p?.name) ?? fill(entry?.name) ?? entry?.short)) ?? link.id,
    ...(p ? { what: fill(p.what) ?? fillPlaceholders(p.what, all), why: fill(p.why) ?? fillPlaceholders(p.why, all) } : {}),
    ...(p?.console && fill(p.console) ? { console: fill(p.console)! } : {}),
    ...(p?.cli && fill(p.cli) ? fixCommands(p.cli, all, shell, notes) : {}),
  };
}

/** The fix's commands in the learner's shell, and as data. */
function fixCommands(cli: string, vars: Record<string, string | undefined>, shell: Shell, notes?: CmdNotes): Pick<DiagnosisLink, "cli" | "commands" | "shell"> {
  const { text, commands } = shellLines(cli, shell, vars, notes);
  return { cli: text, ...(commands.length > 0 ? { commands, shell } : {}) };
}

/** Values joined with ", " by the walk (src/reachability/chain.ts). */
const LISTS = new Set(["sgIds", "targets", "addresses", "azs", "serviceAzs", "nodeIps", "principals"]);
const RESOURCE = /(Id|Ids|Arn|Name)$|^targets$/;

/** The link's values as data for `--json`: resources by role, port and state, the rest as details. */
function linkData(link: Link): Pick<DiagnosisLink, "ok" | "resources" | "port" | "state" | "details"> {
  const resources: DiagnosisLink["resources"] = {};
  const details: NonNullable<DiagnosisLink["details"]> = {};
  for (const [key, v] of Object.entries(link.vars)) {
    if (v === "" || key === "state" || key === "port") continue;
    const list = v === "-" ? [] : v.split(", ");
    if (RESOURCE.test(key)) resources[key] = LISTS.has(key) ? list : v;
    else if (key === "ports") details.ports = list.map(Number);
    else if (key === "health") details.health = list.map((h) => /^(\S+): (\S+)(?: \((.*)\))?$/.exec(h)).filter((m) => m !== null).map(([, id, state, reason]) => ({ id: id!, state: state!, ...(reason ? { reason } : {}) }));
    else details[key] = LISTS.has(key) ? list : v;
  }
  const port = Number(link.vars.port);
  return {
    ok: link.status === "pass",
    resources,
    ...(link.vars.port ? { port } : {}),
    ...(link.vars.state ? { state: link.vars.state } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}
