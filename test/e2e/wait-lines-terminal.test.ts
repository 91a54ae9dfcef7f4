/**
 * The waits on a real terminal, 80×24 and 120×40, in Japanese and English: a spinner stays one row, and what the
 * learner must read is whole on the screen.
 * - Run again while the endpoint made last time is still `pending`: the step it waits for is named whole (at 80
 *   columns its title was cut with "…", as the spinner's line began with "Picking up the wait from last time").
 * - Hands-on, the learner's own endpoint verified while still `pending`: the spinner says its state (at 80 columns
 *   the state was dropped, its sentence being too long for the row).
 */
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeSubnetsCommand, DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { cpSync, mkdirSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadStep } from "../../src/content/lesson-content.js";
import { translator } from "../../src/i18n/messages.js";
import { displayWidth } from "../../src/ui/text-width.js";
import { freshLearner, runCli, type CliEnv } from "../helpers/cli-process.js";
import { servedClients } from "../helpers/served-clients.js";
import { TmuxSession } from "../helpers/tmux.js";

const PREFIX = "waitrow";
const LANGS = { en: "en_US.UTF-8", ja: "ja_JP.UTF-8" } as const;
const SIZES = [{ cols: 80, rows: 24 }, { cols: 120, rows: 40 }] as const;
/** Slow enough that the endpoint stays `pending` while the screen is read. */
const REAL_TIME = ["--sandbox", "--sandbox-speed", "1", "--prefix", PREFIX];

type Learner = CliEnv & { stateDir: string };
type Lang = keyof typeof LANGS;

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** A learner in this language whose lab has the endpoint service: the first four steps, done by the tool. */
const built: Partial<Record<Lang, Learner>> = {};
beforeAll(() => {
  for (const lang of Object.keys(LANGS) as Lang[]) {
    const me = freshLearner({ LANG: LANGS[lang] }) as Learner;
    for (const id of ["preflight", "deploy", "tour", "endpoint-service"]) {
      const r = runCli(me, ["step", id, "--sandbox", "--prefix", PREFIX, "--mode", "guided", "-y"]);
      expect(r.status, r.stderr).toBe(0);
    }
    built[lang] = me;
  }
}, 120_000);

/** A new learner with a copy of that lab and progress. */
function copyOf(lang: Lang): Learner {
  const me = freshLearner({ LANG: LANGS[lang] }) as Learner;
  mkdirSync(me.stateDir, { recursive: true });
  cpSync(built[lang]!.stateDir, me.stateDir, { recursive: true });
  return me;
}

function open(me: Learner, args: string[], size: { cols: number; rows: number } = { cols: 80, rows: 24 }): TmuxSession {
  const s = new TmuxSession(me, args, size);
  sessions.push(s);
  return s;
}

/** A spinner's frame (ora's dots) at the start of its row. */
const FRAME = "^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ";

/** The spinner's row: it starts with one of ora's frames. */
function spinnerRow(screen: string): string | undefined {
  return screen
    .split("\n")
    .filter((r) => new RegExp(FRAME).test(r))
    .at(-1);
}

/** The screen with each line the lab wrapped (its rows after the first are indented) joined again. */
function unwrapped(screen: string, lang: Lang): string {
  return screen.replace(/\n {2}(?=\S)/g, lang === "en" ? " " : "");
}

/** The time waited, a part of the spinner's line. */
const seconds = { en: / · \d+s( · |$)/, ja: / · \d+ 秒( · |$)/ };
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Lets the spinner draw again: its first line comes before the first poll has read the state. */
const aFrameLater = () => new Promise((r) => setTimeout(r, 1500));

describe.each(Object.keys(LANGS) as Lang[])("waits on a real terminal (%s)", (lang) => {
  const t = translator(lang);
  const title = loadStep("privatelink", "interface-endpoint", lang).title;

  it.each(SIZES)("run again during the endpoint's wait, $cols columns: the step's title whole, the spinner one row", async (size) => {
    const me = copyOf(lang);
    // (Answered by hand, not with -y: the learner who stops a wait with Ctrl-C is at a terminal.)
    const first = open(me, ["step", "interface-endpoint", ...REAL_TIME, "--mode", "guided"]);
    await first.waitFor(new RegExp(`^\\? ${literally(t("engine.runAsk"))}`, "m"), 30_000);
    first.keys("1");
    await first.waitFor(new RegExp(`${FRAME}${literally(t("wait.endpoint"))}.* · \\d`, "m"), 30_000);
    first.keys("C-c");
    await first.waitFor(/\[exit \d+\]/, 20_000);

    const again = open(me, [...REAL_TIME, "--mode", "guided"], size);
    await again.waitFor(new RegExp(`${FRAME}.* · \\d`, "m"), 30_000);
    await aFrameLater();
    const screen = again.visible();
    const row = spinnerRow(screen)!;
    expect(displayWidth(row), row).toBeLessThanOrEqual(size.cols);
    expect(row, screen).not.toContain("…");
    expect(unwrapped(screen, lang), screen).toContain(title);
    expect(row).toMatch(seconds[lang]);
  }, 90_000);

  it.each(SIZES)("hands-on, the learner's own endpoint still pending, $cols columns: the spinner says its state", async (size) => {
    const me = copyOf(lang);
    const lesson = open(me, ["step", "interface-endpoint", ...REAL_TIME, "--mode", "hands-on"], size);
    await lesson.waitFor(new RegExp(`^\\? ${literally(t("engine.continueAsk"))}`, "m"), 30_000);
    lesson.keys("1");
    await lesson.waitFor(new RegExp(`^\\? ${literally(t("engine.howToDo"))}`, "m"), 30_000);
    await makeEndpointByHand(me);
    lesson.keys("1");
    await lesson.waitFor(new RegExp(`${FRAME}${literally(t("handsOnFixes.settling"))}.* · \\d`, "m"), 30_000);
    await aFrameLater();
    const screen = lesson.visible();
    const row = spinnerRow(screen)!;
    expect(displayWidth(row), row).toBeLessThanOrEqual(size.cols);
    expect(row, screen).toMatch(/pending/);
    expect(row, screen).not.toContain("…");
    expect(row).toMatch(seconds[lang]);
  }, 90_000);
});

/** What the step's AWS CLI commands do, sent to the sandbox the lesson serves, as from the learner's second terminal. */
async function makeEndpointByHand(me: Learner): Promise<void> {
  const env = runCli(me, ["sandbox", "env"]).stdout;
  const value = (name: string) => new RegExp(`export ${name}='([^']*)'`).exec(env)?.[1] ?? "";
  const { ec2 } = servedClients({ url: value("AWS_ENDPOINT_URL"), credentials: { accessKeyId: value("AWS_ACCESS_KEY_ID"), secretAccessKey: value("AWS_SECRET_ACCESS_KEY") } }, value("AWS_REGION"));
  const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: [`${PREFIX}-consumer-vpc`] }] }))).Vpcs![0]!.VpcId!;
  const subnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpc] }] }))).Subnets![0]!.SubnetId!;
  const service = (await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))).ServiceConfigurations![0]!.ServiceName!;
  const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${PREFIX}-endpoint-sg`, Description: "endpoint", VpcId: vpc }));
  await ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpc, ServiceName: service, SubnetIds: [subnet], SecurityGroupIds: [sg.GroupId!], PrivateDnsEnabled: false }));
}
