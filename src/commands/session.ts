/** What a command needs before it talks to the cloud; asks only what flags and progress omit, never without a TTY. */
import { userInfo } from "node:os";
import { LabError } from "../errors.js";
import { isLang, langFromEnv, langStatedByEnv, type Lang } from "../i18n/lang.js";
import { translator, type Translate } from "../i18n/messages.js";
import { credentialSourceHint, profileRegion, regionFromEnv } from "../aws/credentials.js";
import { awsSpeed, type AwsClients } from "../aws/clients.js";
import type { Sandbox } from "../sandbox/middleware.js";
import { defaultPrefix, namesFor, prefixProblem } from "../participant.js";
import type { LessonContext } from "../lesson/context.js";
import type { CloudView } from "../lesson/cloud-view.js";
import { stateDir, sandboxFile } from "../paths.js";
import { DEFAULT_SPEED, parseSpeed, SPEED_ENV } from "../sandbox/clock.js";
import { freshState, type LessonState } from "../state/schema.js";
import { StateFile } from "../state/state-file.js";
import type { IoHost } from "../ui/io-host.js";
import type { GlobalOptions } from "./options.js";
import { platformOf, type Environment } from "./environment.js";
import { checkPrefix, checkProfileEnv, checkRegion, isRegionName, validateInputs } from "./validate.js";
import { lockParticipant, lockStarted, type Access } from "./participant-lock.js";
import { endpointFromEnv } from "./endpoint-from-env.js";
import { timeoutSeconds } from "../aws/network-guard.js";
import { chooseShell } from "../shell/choose.js";
import { servedFile } from "../sandbox/served-file.js";
import { shown } from "../ui/shown.js";
import { onServedSandbox } from "../sandbox/shell-env.js";
import { checkInRoom, checkSeat, movesOutOfRoom } from "./room-seat.js";
import { isAwsEndpoint, isLoopbackUrl } from "../aws/endpoint-kind.js";

export type { Environment } from "./environment.js";

export function chooseLang(opts: GlobalOptions, env: NodeJS.ProcessEnv): Lang {
  if (opts.lang !== undefined) {
    if (!isLang(opts.lang)) throw new LabError("usage.badLang", { lang: opts.lang });
    return opts.lang;
  }
  return langFromEnv(env);
}

export async function makeHost(opts: GlobalOptions, e: Environment, lang: Lang, t: Translate): Promise<IoHost> {
  const shell = chooseShell(opts.shell, platformOf(e), e.env);
  return Object.assign(await hostFor(opts, e, lang, t), { shell });
}

async function hostFor(opts: GlobalOptions, e: Environment, lang: Lang, t: Translate): Promise<IoHost> {
  // (stdin last: reading it makes it, which a `--yes` or `--json` run never needs)
  const interactive = !opts.yes && !opts.json && Boolean(e.stdout.isTTY) && Boolean(e.stdin.isTTY);
  if (e.makeHost) return e.makeHost(lang, t, interactive);
  if (opts.json) {
    const { JsonHost } = await import("../ui/json-host.js");
    return new JsonHost(lang, e.stdout, Date.now, e.stderr);
  }
  const [{ TerminalHost }, { loadPhrases }] = await Promise.all([import("../ui/terminal-host.js"), import("../ui/line-breaks.js")]);
  const phrases = await loadPhrases(lang);
  return new TerminalHost({
    lang,
    t,
    interactive,
    output: e.stdout,
    ...(e.stderr ? { errors: e.stderr } : {}),
    ...(e.stderrMerged ? { errorsMerged: e.stderrMerged } : {}),
    get input() {
      return e.stdin; // (read by the first prompt, if any)
    },
    phrases,
  });
}

/** The region when none is given: AWS's tools' own, else the one nearest the learner's language. */
export function regionFor(lang: Lang, env: NodeJS.ProcessEnv): string {
  return regionFromEnv(env) ?? (lang === "ja" ? "ap-northeast-1" : "us-east-1");
}

/** Where the region came from (doctor says it); `found`: where the sandbox account has the participant's lab. */
type RegionSource = "flag" | "saved" | "asked" | "env" | "profile" | "default" | "found";

/** As the AWS CLI chooses, then ours: AWS_REGION / AWS_DEFAULT_REGION, the AWS profile's own region (`profile`: on AWS only), the language's. */
async function unnamedRegion(lang: Lang, env: NodeJS.ProcessEnv, profile: string | undefined | false): Promise<{ region: string; from: RegionSource }> {
  const fromEnv = regionFromEnv(env);
  if (fromEnv) return { region: fromEnv, from: "env" };
  const fromProfile = profile === false ? undefined : await profileRegion(env, profile);
  return fromProfile ? { region: fromProfile, from: "profile" } : { region: regionFor(lang, env), from: "default" };
}

export function sandboxSpeed(opts: GlobalOptions, env: NodeJS.ProcessEnv): number {
  const text = opts.sandboxSpeed ?? env[SPEED_ENV];
  if (text === undefined) return DEFAULT_SPEED;
  const speed = parseSpeed(text);
  if (speed === undefined) throw new LabError("usage.badSpeed", { speed: text });
  return speed;
}

/** `inSandbox`: does the sandbox account hold this participant's lab (asked only with no progress file and no credentials)? */
async function chooseBackend(opts: GlobalOptions, e: Environment, io: IoHost, t: Translate, saved: LessonState | undefined, inSandbox: () => Promise<boolean>): Promise<"sandbox" | "aws"> {
  if (opts.sandbox) return "sandbox";
  if (opts.profile || opts.endpointUrl) return "aws";
  if (saved) return saved.backend;
  if (credentialSourceHint(e.env)) return "aws";
  // The progress file damaged or lost: the lab the sandbox holds says where this participant works, as the file would.
  if (await inSandbox()) {
    io.notify({ type: "notice", level: "info", message: t("session.labInSandbox") });
    return "sandbox";
  }
  io.notify({ type: "notice", level: "warn", message: t("session.noCredentials") });
  if (!io.interactive) {
    io.notify({ type: "notice", level: "info", message: t("session.usingSandbox") });
    return "sandbox";
  }
  return (await io.confirm(t("session.offerSandbox"), true)) ? "sandbox" : Promise.reject(new LabError("error.noCredentials", {}, { source: "local" }));
}

export interface Session {
  lang: Lang;
  t: Translate;
  io: IoHost;
  stateFile: StateFile;
}

/** Language, host and progress-file location: enough for every command, even without AWS. */
export async function openSession(opts: GlobalOptions, e: Environment, askFirstRun = false): Promise<Session> {
  await validateInputs(opts, e.env);
  const stateFile = new StateFile(e.stateDir ?? stateDir());
  const lang = chooseLang(opts, e.env);
  const t = translator(lang);
  const io = await makeHost(opts, e, lang, t);
  // The very first start on this machine asks for the language, unless LANG / LC_* names one.
  if (askFirstRun && io.interactive && opts.lang === undefined && !langStatedByEnv(e.env) && stateFile.lastPrefix() === undefined) {
    const picked = await io.select<Lang>("Language / 言語", [
      { value: "ja", name: "日本語" },
      { value: "en", name: "English" },
    ], lang);
    if (picked !== lang) {
      const chosen = translator(picked);
      return { lang: picked, t: chosen, io: await makeHost(opts, e, picked, chosen), stateFile };
    }
  }
  return { lang, t, io, stateFile };
}

/**
 * The last participant, whose progress file is gone, still has a build in the sandbox account (`--sandbox`: the cloud
 * is the truth, found by prefix as the lesson finds it). A read that fails tells nothing: the prefix is not offered.
 */
async function buildInSandbox(prefix: string, opts: GlobalOptions, e: Environment, s: Session): Promise<boolean> {
  if (!opts.sandbox) return false;
  try {
    const state = freshState(prefix, opts.region ?? regionFor(s.lang, e.env), "sandbox");
    const [{ readCloud }, { isEmpty }] = await Promise.all([import("../lesson/cloud-view.js"), import("../lesson/teardown.js")]);
    if (!isEmpty(await readCloud(await clientsFor(state, opts, e, s.io), namesFor(prefix)))) return true;
    // Built in another language's Region (no Region named): found there, as the participant's state will find it.
    return opts.region === undefined && regionFromEnv(e.env) === undefined && (await sandboxLabRegion(prefix, state.region, opts, e, s.io)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * `--prefix`, else the participant used last here (said and passed over if it names nobody), else a fresh user's. Asked:
 * the last one whose progress file is gone but whose build the sandbox still has is offered, so Enter continues it.
 */
async function choosePrefix(opts: GlobalOptions, e: Environment, s: Session, ask: boolean): Promise<string> {
  const { io, t, stateFile } = s;
  if (opts.prefix !== undefined) return checkPrefix(opts.prefix);
  const last = stateFile.lastParticipant();
  if (last.kind === "ok") return last.prefix;
  const inCloud = ask && last.kind === "nobody" && (await buildInSandbox(last.found, opts, e, s));
  if (last.kind !== "none") {
    const problem = last.kind === "invalid" ? t(`prefix.${last.problem}`) : "";
    const key = inCloud ? "inCloud" : last.kind;
    io.notify({ type: "notice", level: "warn", message: t(`stateFixes.last.${key}`, { path: stateFile.lastPath(), found: shown(last.found.slice(0, 60)), problem }) });
  }
  const fresh = inCloud ? last.found : defaultPrefix(userInfo().username);
  if (!ask) return checkPrefix(fresh);
  const problem = (v: string) => prefixProblem(v.trim());
  return checkPrefix((await io.input(t("session.askPrefix"), fresh, (v) => (problem(v) ? t(`prefix.${problem(v)}`) : true))).trim());
}

/**
 * For a participant with no progress file: `create` one (start, step), `look` without saving (doctor), or, when the
 * cloud has no trace of them either, `refuse` (status, diagnose, destroy, challenge): the file caches the cloud.
 */
type IfNew = "create" | "look" | "refuse";

/**
 * Loads (or asks for and creates) the participant's state; a corrupt file is kept and rebuilt. `joined`: `join` seats
 * the learner in a room; otherwise a room's learner acts only as their own seat, from a terminal in the room.
 */
export async function participantState(opts: GlobalOptions, e: Environment, s: Session, ask: boolean, access: Access = "write", ifNew: IfNew = "create", joined?: NonNullable<LessonState["room"]>): Promise<{ state: LessonState; regionFrom: RegionSource }> {
  const { io, t, stateFile } = s;
  const prefix = await choosePrefix(opts, e, s, ask);
  if (!joined && opts.prefix !== undefined) await checkSeat(prefix, opts, e, stateFile);
  // One process per participant; one with no progress file is not locked until a command makes their lesson.
  const lock = ifNew !== "create" && !stateFile.exists(prefix) ? { mine: false } : lockParticipant(stateFile, prefix, access);
  // A command that only reads (status, doctor) continues nothing: it says it shows the cloud as it is now.
  const tookOver = access === "read" ? "guard.lock.tookOverRead" : "guard.lock.tookOver";
  if (lock.tookOverFrom) io.notify({ type: "notice", level: "warn", message: t(tookOver, { pid: lock.tookOverFrom.pid, started: lockStarted(lock.tookOverFrom) }) });
  const loaded = stateFile.load(prefix);
  if (loaded.kind === "corrupt") io.notify({ type: "notice", level: "warn", message: t("session.corruptState", { backup: loaded.backupPath }) });
  const saved = loaded.kind === "ok" ? loaded.state : undefined;
  if (!joined) checkInRoom(opts, e.env, saved);
  const backend = await chooseBackend(opts, e, io, t, saved, () => buildInSandbox(prefix, { ...opts, sandbox: true }, e, s));
  const savedRegion = saved?.backend === backend ? saved.region : undefined;
  const named = opts.region !== undefined ? { region: opts.region, from: "flag" as const } : savedRegion !== undefined ? { region: savedRegion, from: "saved" as const } : undefined;
  let chosen = named ?? (await unnamedRegion(s.lang, e.env, backend === "aws" && (opts.profile ?? saved?.profile)));
  // The sandbox's region only picks the prices shown: not worth a question.
  if (!named && ask && io.interactive && backend !== "sandbox") {
    chosen = { region: (await io.input(t("session.askRegion"), chosen.region, (v) => (isRegionName(v.trim()) ? true : t("session.badRegion")))).trim(), from: "asked" };
  }
  // The sandbox's Region was never the learner's choice (the language's): with no file to say it, their lab is looked for.
  const found = backend === "sandbox" && chosen.from === "default" ? await sandboxLabRegion(prefix, chosen.region, opts, e, io) : undefined;
  if (found) {
    chosen = { region: found, from: "found" };
    io.notify({ type: "notice", level: "info", message: t("session.labFoundIn", { region: found }) });
  }
  const region = checkRegion(chosen.region, backend, chosen.from === "saved" || chosen.from === "env" || chosen.from === "profile" ? chosen.from : "flag");
  // The Region was in the damaged file: the one the cloud is read in is named, in case the lesson was built in another.
  if (loaded.kind === "corrupt" && chosen.from !== "flag" && chosen.from !== "found") io.notify({ type: "notice", level: "warn", message: t("session.corruptRegion", { region }) });
  // Offered as the header will say it: the real console only where it sees the account (AWS itself, not the sandbox, a room or an emulator).
  const consoleSees = backend === "aws" && isAwsEndpoint(endpointOf(opts, saved, e.env));
  const modeText = opts.mode ?? saved?.mode ?? (ask && io.interactive ? await io.select(t("session.askMode"), [
    { value: "guided", name: t("mode.guided") },
    { value: "hands-on", name: t(consoleSees ? "mode.hands-on" : "mode.hands-on.noConsole") },
  ], "guided") : "guided");
  if (modeText !== "guided" && modeText !== "hands-on") throw new LabError("usage.badMode", { mode: modeText });
  const changedTarget = saved && (saved.backend !== backend || saved.region !== region || (!joined && movesOutOfRoom(opts, saved)));
  const state: LessonState = saved && !changedTarget
    ? { ...saved, lang: s.lang, mode: modeText }
    : freshState(prefix, region, backend, { at: new Date(e.clock.now()).toISOString(), lang: s.lang, mode: modeText });
  if (opts.profile) state.profile = opts.profile;
  // Set up for a served sandbox (`sandbox env`: its keys and address), this terminal signs with its keys: a profile saved
  // by an earlier run would come first (the SDK prefers a named profile) and be refused there.
  else if (state.backend === "aws" && onServedSandbox(e.env, endpointOf(opts, state, e.env))) delete state.profile;
  if (opts.endpointUrl) state.endpointUrl = opts.endpointUrl;
  if (joined) state.room = joined;
  if (lock.mine) stateFile.save(state);
  return { state, regionFrom: chosen.from };
}

/**
 * The other Region of the sandbox account that holds this participant's lab (its stacks), if one does: a lab built in
 * another language's Region, whose progress file is gone. Nothing found, or the account not readable: undefined.
 */
async function sandboxLabRegion(prefix: string, near: string, opts: GlobalOptions, e: Environment, io: IoHost): Promise<string | undefined> {
  try {
    const state = freshState(prefix, near, "sandbox");
    const clients = await clientsFor(state, opts, e, io);
    const { labElsewhere } = await import("../preflight/lab-elsewhere.js");
    const there = await labElsewhere({ clients, region: near, prefix, names: namesFor(prefix), inRegion: clientsInRegion(state, opts, e, io, clients) });
    return there.length === 1 ? there[0]!.region : undefined;
  } catch {
    return undefined;
  }
}

/** Where the AWS clients go: --endpoint-url, else the progress file's, else AWS_ENDPOINT_URL; none: AWS itself. */
export function endpointOf(opts: GlobalOptions, saved: Pick<LessonState, "endpointUrl"> | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return opts.endpointUrl ?? saved?.endpointUrl ?? env.AWS_ENDPOINT_URL;
}

/** `io` says when AWS does not answer and is tried again. */
export async function clientsFor(state: LessonState, opts: GlobalOptions, e: Environment, io: IoHost): Promise<AwsClients> {
  checkRegion(state.region, state.backend);
  if (state.backend === "aws" && !state.profile) checkProfileEnv(e.env);
  if (e.makeClients) return e.makeClients(state);
  const { createAwsClients, createSandboxClients } = await import("../aws/clients.js");
  if (state.backend === "aws") {
    const endpointUrl = endpointOf(opts, state, e.env);
    const t = translator(state.lang);
    return createAwsClients({
      region: state.region,
      timeoutSeconds: timeoutSeconds(e.env),
      onNoAnswer: ({ endpoint, seconds, retries }) => io.aside(`! ${t("screens2.network.retrying", { endpoint, seconds, retries, total: seconds * retries })}`),
      ...(state.profile ? { profile: state.profile } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
      ...(state.room && state.room.url === endpointUrl ? { room: state.room.name } : {}),
    });
  }
  return createSandboxClients(await openSandbox(opts, e), state.region);
}

/** Clients for another Region of the account `clients` reach: the same sandbox (not opened again), else as `clientsFor` makes them. */
function clientsInRegion(state: LessonState, opts: GlobalOptions, e: Environment, io: IoHost, clients: AwsClients): (region: string) => Promise<AwsClients> {
  return async (region) => {
    const there = { ...state, region };
    if (e.makeClients || !clients.sandbox) return clientsFor(there, opts, e, io);
    const { createSandboxClients } = await import("../aws/clients.js");
    checkRegion(region, state.backend);
    return createSandboxClients(clients.sandbox, region);
  };
}

/** The learner's sandbox account in `file`, at the speed and with the faults the flags and environment say. */
export async function openSandbox(opts: GlobalOptions, e: Environment, file = sandboxFile(e.env)): Promise<Sandbox> {
  const [{ Sandbox }, { SqliteStore }, { FaultPlan, FAULTS_ENV }] = await Promise.all([
    import("../sandbox/middleware.js"),
    import("../sandbox/account/sqlite-store.js"),
    import("../sandbox/faults.js"),
  ]);
  const faultsText = e.env[FAULTS_ENV];
  const speed = sandboxSpeed(opts, e.env);
  return new Sandbox({
    store: new SqliteStore(file, { clock: e.clock, speed }),
    clock: e.clock,
    speed,
    ...(faultsText ? { faults: FaultPlan.fromJson(faultsText) } : {}),
  });
}

/** A participant without a progress file has a lesson only if the cloud shows one (`path`: read as `diagnose` reads it). */
async function lessonInCloud(state: LessonState, clients: AwsClients, s: Session, access: Access, path: boolean): Promise<CloudView> {
  const [{ readCloud }, { isEmpty }] = await Promise.all([import("../lesson/cloud-view.js"), import("../lesson/teardown.js")]);
  const names = namesFor(state.prefix);
  const view = path ? await (await import("../diagnose/diagnose.js")).readWithPath({ clients, names, state }) : await readCloud(clients, names);
  if (isEmpty(view) && view.deletedStacks.length === 0) throw s.stateFile.noLesson(state.prefix);
  if (lockParticipant(s.stateFile, state.prefix, access).mine) s.stateFile.save(state);
  return view;
}

/** Poll AWS every 5 s; a sandbox (in process or served) in proportion to its speed (instant: no wait). */
export function pollInterval(clients: AwsClients): number {
  const speed = awsSpeed(clients);
  // AWS, and a served sandbox at AWS's own pace (or not yet heard from), every 5 s.
  if (!clients.sandbox && speed === 1) return 5000;
  return Math.min(1000, Math.round(5000 * speed));
}

/** `found`: the cloud as opening read it to find the lesson (no progress file), nothing done since: the command need not read it again. */
export async function lessonContext(opts: GlobalOptions, e: Environment, s: Session, ask: boolean, access: Access = "write", ifNew: IfNew = "create", path = false): Promise<LessonContext & { found?: CloudView; regionFrom: RegionSource }> {
  const { state, regionFrom } = await participantState(opts, e, s, ask, access, ifNew);
  const clients = await clientsFor(state, opts, e, s.io);
  const fromEnv = await endpointFromEnv(state, e, s.t, s.io.shell);
  if (fromEnv) s.io.notify({ type: "notice", level: "warn", message: fromEnv });
  const found = ifNew === "refuse" && !s.stateFile.exists(state.prefix) ? await lessonInCloud(state, clients, s, access, path) : undefined;
  // A damaged sandbox account was moved aside and a fresh one started: said once, here.
  const backup = clients.sandbox?.store.takeNotice?.();
  if (backup) s.io.notify({ type: "notice", level: "warn", message: s.t("account.recovered", { backup }) });
  return {
    lesson: state.lesson,
    clients,
    state,
    stateFile: s.stateFile,
    io: s.io,
    t: s.t,
    clock: clients.sandbox?.clock ?? e.clock,
    // A served sandbox says its speed on its first answer: the interval follows it.
    get pollMs() {
      return pollInterval(clients);
    },
    names: namesFor(state.prefix),
    inRegion: clientsInRegion(state, opts, e, s.io, clients),
    regionFrom,
    mode: state.mode,
    ...(found ? { found } : {}),
    ...(!opts.yes && !s.io.interactive ? { noConsent: true } : {}),
    ...(e.learnerReachesSandbox ? { learnerActsOutside: true } : {}),
    ...(state.backend === "sandbox" ? { servedFile: servedFile(e.env, e.stateDir) } : {}),
    ...(state.backend === "aws" && (await atServedSandbox(state, opts, e)) ? { servedSandbox: true } : {}),
  };
}

/**
 * The lesson's endpoint is a sandbox this tool serves: the shell holds its keys (`sandbox env`, a room's join line) — or,
 * signing with a named profile, a server on this computer at that address answers as one (its answers carry the speed
 * header; AWS's never do). Never AWS itself.
 */
async function atServedSandbox(state: LessonState, opts: GlobalOptions, e: Environment): Promise<boolean> {
  const endpoint = endpointOf(opts, state, e.env);
  if (!state.profile) return onServedSandbox(e.env, endpoint);
  if (endpoint === undefined || !isLoopbackUrl(endpoint)) return false;
  const { sandboxAnswers } = await import("../sandbox/serve/running.js");
  return sandboxAnswers(endpoint);
}
