/**
 * `privatelink-lab join <url>`: asks the room for this participant's keys, prefix and region, points their progress
 * file at it, and prints the shell's lines on standard output only (`eval "$(…)"`), the rest on standard error. A
 * failure changes nothing, exits non-zero, and gives the shell only a command that fails.
 */
import { fitForLang } from "../ui/edge-text.js";
import { LabError } from "../errors.js";
import { prefixProblem } from "../participant.js";
import { translator } from "../i18n/messages.js";
import { awsCliAdvice, findAwsCli } from "../aws/cli-version.js";
import { loadsByItself, shellLines, type ShellKind } from "../sandbox/shell-env.js";
import { installId, keepInstallId } from "../state/install-id.js";
import { INSTALL_HEADER, type JoinAnswer } from "../workshop/room/serve-room.js";
import type { GlobalOptions } from "./options.js";
import { chooseShell, failingForShell, shellComment } from "./sandbox-env.js";
import { chooseLang, openSession, participantState, type Environment } from "./session.js";

/** The handout's address: http(s)://host[:port]/join/<code>. */
export function joinAddress(text: string): URL {
  const url = URL.parse(text);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !/^\/join\/[A-Za-z0-9_-]{12,64}\/?$/.test(url.pathname)) throw new LabError("room.usage.badUrl", { url: text });
  return url;
}

/** A room's answer, every field in a room's shape: it ends up in lines the shell evaluates (no newline, no quote). */
function isAnswer(v: unknown): v is JoinAnswer {
  const a = v as Partial<JoinAnswer> | null;
  const fits = (x: unknown, pattern: RegExp) => typeof x === "string" && pattern.test(x);
  return Boolean(a) && a!.type === "room-join" &&
    fits(a!.room, /^[a-z0-9][a-z0-9-]{0,31}$/) &&
    fits(a!.url, /^https?:\/\/[A-Za-z0-9.:[\]-]+\/?$/) &&
    fits(a!.region, /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/) &&
    fits(a!.accessKeyId, /^[A-Z0-9]{16,32}$/) &&
    fits(a!.secretAccessKey, /^[A-Za-z0-9+/=_-]{20,64}$/) &&
    (a!.elsewhereAt === undefined || (fits(a!.elsewhereAt, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/) && !Number.isNaN(Date.parse(a!.elsewhereAt!)))) &&
    (a!.role === "facilitator" || (a!.role === "participant" && typeof a!.prefix === "string" && prefixProblem(a!.prefix) === undefined));
}

/** `install`: this computer's id, so the room tells a second terminal (the same) from another computer (state/install-id.ts). */
async function ask(url: URL, install: string): Promise<JoinAnswer> {
  const where = url.origin;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "error", headers: { [INSTALL_HEADER]: install } });
  } catch (err) {
    throw new LabError("room.join.unreachable", { url: where }, { cause: err, source: "network" });
  }
  if (res.status === 404) throw new LabError("room.join.badCode", { url: where });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok || !isAnswer(body)) throw new LabError("room.join.notRoom", { url: where });
  return body;
}

/** `09:05`: the hour and minute on this computer's clock. */
function clockTime(iso: string): string {
  return new Date(iso).toTimeString().slice(0, 5);
}

/** What to do next: run the lesson there, or, in cmd.exe (no eval), paste the printed lines first. */
function joinedKey(room: JoinAnswer, shell: ShellKind): string {
  const who = room.prefix !== undefined ? "room.join.joined" : "room.join.facilitator";
  return loadsByItself(shell) ? who : `${who}Paste`;
}

/** A failed join leaves the shell evaluating it a command that fails (`failingForShell`). */
export function join(address: string, opts: GlobalOptions, e: Environment): Promise<void> {
  return failingForShell(opts, e, () => joinRoom(address, opts, e));
}

async function joinRoom(address: string, opts: GlobalOptions, e: Environment): Promise<void> {
  const lang = chooseLang(opts, e.env);
  const t = translator(lang);
  const shell = chooseShell(opts.shell, e);
  const url = joinAddress(address);
  // (Its notices, if any, go to standard error: standard output is for the shell to evaluate. Its shell is chosen
  // above, from sandbox env's list with fish: the session's own, for the lesson's commands, has none.)
  const s = await openSession({ ...opts, json: true, shell: undefined }, { ...e, stdout: (e.stderr ?? process.stderr) as Environment["stdout"] });
  const install = installId(s.stateFile.dir);
  const room = await ask(url, install.id);
  if (!install.kept) keepInstallId(s.stateFile.dir, install.id);
  if (room.prefix !== undefined) {
    // Their progress file learns the room; joining holds no lock (a lesson running elsewhere keeps the file as it is).
    await participantState({ ...opts, prefix: room.prefix, region: room.region, endpointUrl: room.url }, e, s, false, "read", "create", { name: room.room, url: room.url });
  }
  const lines = shellLines(shell, room);
  if (opts.json) {
    e.stdout.write(JSON.stringify({ time: new Date(e.clock.now()).toISOString(), type: "room-joined", room: room.room, role: room.role, prefix: room.prefix ?? null, url: room.url, region: room.region, shell, lines, elsewhereAt: room.elsewhereAt ?? null }) + "\n");
    return;
  }
  e.stdout.write(`${shellComment(shell, e, lang, "room.join.comment", { room: room.room, url: room.url })}\n${lines.join("\n")}\n`);
  const err = e.stderr ?? process.stderr;
  if (room.elsewhereAt) err.write((await fitForLang(t("room.join.elsewhere", { prefix: room.prefix ?? "", time: clockTime(room.elsewhereAt) }), err, lang)) + "\n");
  err.write((await fitForLang(t(joinedKey(room, shell), { room: room.room, prefix: room.prefix ?? "", region: room.region }), err, lang)) + "\n");
  const finding = await findAwsCli(e.env);
  const advice = finding.found ? awsCliAdvice(t, finding, room.url) : undefined;
  if (advice) err.write((await fitForLang(advice, err, lang)) + "\n");
}
