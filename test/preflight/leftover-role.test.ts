/**
 * A role with the lab's name and this learner's tag, but no stack of theirs in any Region: its stack was deleted with the
 * role kept, or it was made by hand. The preflight used to call it "already yours", and the deploy then failed on its
 * name. It now stops before anything is created, calls it left over, and gives the `aws iam` commands that delete it in
 * the order IAM insists on (instance profile, policies, role) — commands that, run against the account, let the lab build.
 */
import * as iam from "@aws-sdk/client-iam";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { start } from "../../src/commands/start.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { PARTICIPANT_TAG } from "../../src/participant.js";
import { SqliteStore } from "../../src/sandbox/account/sqlite-store.js";
import { preferredPort, sandboxCredentials } from "../../src/sandbox/serve/credentials.js";
import { serveSandbox } from "../../src/sandbox/serve/server.js";
import { publishServed, servedFile } from "../../src/sandbox/served-file.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const ROLE = "alice-ec2-role";
const PROFILE = "alice-ec2-instance-profile";
const SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" }] });

/** The commands that delete it all, each aimed at `endpoint` (the sandbox served on this computer). */
const deleteAll = (endpoint: string): string =>
  [
    `aws iam remove-role-from-instance-profile --instance-profile-name ${PROFILE} --role-name ${ROLE}`,
    `aws iam delete-instance-profile --instance-profile-name ${PROFILE}`,
    `aws iam detach-role-policy --role-name ${ROLE} --policy-arn ${SSM_CORE}`,
    `aws iam delete-role --role-name ${ROLE}`,
  ].map((c) => `${c} --endpoint-url ${endpoint}`).join(" && ");

/** A lesson whose sandbox account is a file (as `--sandbox` keeps it), and the address its own port gives. */
function onAccountFile(): { h: Harness; own: string; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), "pll-account-")), "account.db");
  return { h: harness({ store: new SqliteStore(path) }), own: `http://127.0.0.1:${preferredPort(sandboxCredentials(path))}`, path };
}

/** Every `aws …` command a hint names: in the sandbox, each must reach only this computer. */
const awsCommandsIn = (hint: string): string[] => [...hint.matchAll(/`(aws [^`]+)`/g)].flatMap((m) => m[1]!.split(" && "));

async function iamOf(h: Harness): Promise<iam.IAMClient> {
  return (await createSandboxClients(h.sandbox, "ap-northeast-1")).iam;
}

/** What the lab's stack gives its role (templates/Consumer.yml), made by hand with the AWS SDK: the learner's tag on it. */
async function roleByHand(h: Harness, o: { profile: boolean; policy: boolean; tag?: string | false }): Promise<void> {
  const client = await iamOf(h);
  const tag = o.tag ?? "alice";
  await client.send(new iam.CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: TRUST, ...(tag ? { Tags: [{ Key: PARTICIPANT_TAG, Value: tag }] } : {}) }));
  if (o.policy) await client.send(new iam.AttachRolePolicyCommand({ RoleName: ROLE, PolicyArn: SSM_CORE }));
  if (o.profile) {
    await client.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: PROFILE }));
    await client.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: PROFILE, RoleName: ROLE }));
  }
}

/** `remove-role-from-instance-profile` → `RemoveRoleFromInstanceProfile`, `role-name` → `RoleName`. */
const pascal = (kebab: string): string => kebab.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");

/** Runs a printed `aws iam …` line as the AWS CLI would: each command through the SDK, stopping at the first failure (`&&`). */
async function runPrinted(h: Harness, line: string): Promise<void> {
  for (const command of line.split(" && ")) {
    const [aws, service, op, ...args] = command.split(" ");
    expect([aws, service]).toEqual(["aws", "iam"]);
    const input: Record<string, string> = {};
    // The address is where the CLI sends it (here: the sandbox of the test), not a parameter of the call.
    for (let i = 0; i < args.length; i += 2) if (args[i] !== "--endpoint-url") input[pascal(args[i]!.slice(2))] = args[i + 1]!;
    const Command = (iam as unknown as Record<string, new (input: object) => iam.DeleteRoleCommand>)[`${pascal(op!)}Command`]!;
    await (await iamOf(h)).send(new Command(input));
  }
}

async function stopped(h: Harness): Promise<{ err: unknown; made: string[] }> {
  const from = h.sandbox.calls.length;
  const err = await start(h.opts, h.env).then(() => undefined, (e: unknown) => e);
  return { err, made: h.sandbox.calls.slice(from).filter((c) => /^(Create|Run)/.test(c.command) && !c.dryRun).map((c) => c.command) };
}

describe("a leftover role: the lab's name and tag, no stack in any Region", () => {
  it("stops before anything is created, says it is left over and gives the commands that delete it (en, ja)", async () => {
    const { h, own } = onAccountFile();
    await roleByHand(h, { profile: true, policy: true });
    const { err, made } = await stopped(h);
    expect(made).toEqual([]);
    const DELETE_ALL = deleteAll(own);
    const en = reportError(err, translator("en"));
    expect(en.key).toBe("doctor.name.leftoverSandbox");
    expect(en.message).toBe(`AWS::IAM::Role ${ROLE} is left over: no stack of the lab alice holds it, here or in any other Region (its stack was deleted with the role kept, or it was made by hand). The lesson's stack would fail on its name: the role already exists.`);
    expect(en.hint).toContain(`\`${DELETE_ALL}\``);
    expect(en.hint).toContain("Then run `npx privatelink-lab --prefix alice --sandbox` again.");
    expect(en.hint).toContain("--prefix alice-2");
    const ja = reportError(err, translator("ja"));
    expect(ja.message).toContain(`AWS::IAM::Role ${ROLE} が残っています。`);
    expect(ja.hint).toContain(`\`${DELETE_ALL}\``);
    expect(ja.hint).toContain("そのあと `npx privatelink-lab --prefix alice --sandbox` をもう一度実行してください。");
  });

  it("in --sandbox, every command carries the sandbox's --endpoint-url on 127.0.0.1: pasted anywhere, none reaches AWS (en, ja)", async () => {
    const { h, own } = onAccountFile();
    await roleByHand(h, { profile: true, policy: true });
    const { err } = await stopped(h);
    for (const lang of ["en", "ja"] as const) {
      const hint = reportError(err, translator(lang)).hint ?? "";
      const commands = awsCommandsIn(hint);
      expect(commands.length).toBe(4);
      for (const c of commands) expect(c).toMatch(new RegExp(`--endpoint-url ${own}$`));
      // Said once, in the learner's language: they go to the sandbox; how a terminal reaches it.
      expect(hint.match(/sandbox env/g)).toHaveLength(1);
      expect(hint).toContain("`npx privatelink-lab sandbox serve`");
    }
    expect(reportError(err, translator("en")).hint).toContain("never to AWS");
    expect(reportError(err, translator("ja")).hint).toContain("AWS ではなく、このコンピューター上のサンドボックス");
  });

  it("in --sandbox, with `sandbox serve` running for the account, the commands name its address", async () => {
    const { h, path } = onAccountFile();
    await roleByHand(h, { profile: false, policy: false });
    const credentials = sandboxCredentials(path);
    const served = await serveSandbox({ sandbox: h.sandbox, port: 0, credentials });
    const unpublish = publishServed(servedFile(h.env.env, h.stateDir), { url: served.url, region: "ap-northeast-1", ...credentials, by: "sandbox serve" });
    try {
      const hint = reportError((await stopped(h)).err, translator("en")).hint ?? "";
      expect(awsCommandsIn(hint)).toEqual([`aws iam delete-role --role-name ${ROLE} --endpoint-url ${served.url}`]);
    } finally {
      unpublish();
      await served.close();
    }
  });

  it("in --sandbox, the commands name the port the lesson gave last (servedUrl) over the account's own one", async () => {
    const { h } = onAccountFile();
    await roleByHand(h, { profile: false, policy: false });
    await stopped(h);
    const file = join(h.stateDir, "participants", "alice.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), servedUrl: "http://127.0.0.1:24999" }));
    const hint = reportError((await stopped(h)).err, translator("en")).hint ?? "";
    expect(awsCommandsIn(hint)).toEqual([`aws iam delete-role --role-name ${ROLE} --endpoint-url http://127.0.0.1:24999`]);
  });

  it("the lesson's checks show the instance profile as going with it, not as yours", async () => {
    const h = harness();
    await roleByHand(h, { profile: true, policy: true });
    await stopped(h);
    const checks = h.host.ofType("checks").flatMap((e) => e.checks);
    expect(checks.find((c) => c.id === "name.instanceProfile")).toMatchObject({ status: "fail", key: "doctor.name.leftoverProfile" });
    expect(checks.some((c) => c.key === "doctor.name.yours")).toBe(false);
  });

  it("the printed commands, run in that order, delete it; the lab then builds", async () => {
    const h = harness();
    await roleByHand(h, { profile: true, policy: true });
    const { err } = await stopped(h);
    const commands = /`(aws iam [^`]+)`/.exec(reportError(err, translator("en")).hint ?? "")![1]!;
    await runPrinted(h, commands);
    for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
    expect(h.host.ofType("step-finished").at(-1)).toMatchObject({ step: "deploy", status: "done" });
  });

  it("names only what the role has: a bare role is deleted with delete-role alone", async () => {
    const h = harness();
    await roleByHand(h, { profile: false, policy: false });
    const hint = reportError((await stopped(h)).err, translator("en")).hint ?? "";
    // An account in memory has no port to name: still only this computer.
    expect(hint).toContain(`\`aws iam delete-role --role-name ${ROLE} --endpoint-url http://127.0.0.1\``);
    expect(hint).not.toContain("detach-role-policy");
  });

  it("on AWS with --profile work, the commands name the profile", async () => {
    const h = harness({ opts: { sandbox: false, profile: "work" } });
    await roleByHand(h, { profile: false, policy: true });
    const hint = reportError((await stopped(h)).err, translator("en")).hint ?? "";
    expect(hint).toContain(`\`aws iam detach-role-policy --role-name ${ROLE} --policy-arn ${SSM_CORE} --profile work && aws iam delete-role --role-name ${ROLE} --profile work\``);
    expect(hint).toContain("`npx privatelink-lab --prefix alice --profile work`");
  });
});

/**
 * A role with exactly this learner's lab role name but no participant tag at all, and no stack of theirs anywhere: most
 * likely their own, made by hand while following the article (the console adds no tag). Not "someone else's": the
 * preflight says what it most likely is, and gives both ways on — the commands that delete it, or the command that
 * starts under another prefix.
 */
describe("a role with the learner's lab role name and no tag, no stack of theirs in any Region", () => {
  it.each(["en", "ja"] as const)("(%s) is not called someone else's: the commands that delete it, or the command with another prefix", async (lang) => {
    const { h, own } = onAccountFile();
    await roleByHand(h, { profile: true, policy: true, tag: false });
    const { err, made } = await stopped(h);
    expect(made).toEqual([]);
    const said = reportError(err, translator(lang));
    expect(said.key).toBe("doctor.name.untaggedSandbox");
    expect(said.message).toContain(ROLE);
    expect(said.message).not.toMatch(lang === "en" ? /not yours/ : /あなたのものではありません/);
    expect(said.message).toMatch(lang === "en" ? /you made it by hand/ : /あなたが手で作った/);
    expect(said.hint).toContain(`\`${deleteAll(own)}\``);
    expect(said.hint).toContain("`npx privatelink-lab --prefix alice --sandbox`");
    expect(said.hint).toContain("`npx privatelink-lab --prefix alice-2 --sandbox`");
    const checks = h.host.ofType("checks").flatMap((e) => e.checks);
    expect(checks.find((c) => c.id === "name.instanceProfile")).toMatchObject({ status: "fail", key: "doctor.name.leftoverProfile" });
  });

  it("on AWS with --profile work: its commands (delete, or another prefix) name the profile", async () => {
    const h = harness({ opts: { sandbox: false, profile: "work" } });
    await roleByHand(h, { profile: false, policy: false, tag: false });
    const said = reportError((await stopped(h)).err, translator("en"));
    expect(said.key).toBe("doctor.name.untagged");
    expect(said.hint).toContain(`\`aws iam delete-role --role-name ${ROLE} --profile work\``);
    expect(said.hint).toContain("`npx privatelink-lab --prefix alice-2 --profile work`");
  });

  it("the printed commands, run in that order, delete it; the lab then builds", async () => {
    const h = harness();
    await roleByHand(h, { profile: true, policy: true, tag: false });
    const { err } = await stopped(h);
    await runPrinted(h, /`(aws iam [^`]+)`/.exec(reportError(err, translator("en")).hint ?? "")![1]!);
    for (const id of ["preflight", "deploy"]) await step(id, h.opts, h.env);
    expect(h.host.ofType("step-finished").at(-1)).toMatchObject({ step: "deploy", status: "done" });
  });

  it("tagged for another participant, it is still theirs: taken, choose another prefix", async () => {
    const h = harness();
    await roleByHand(h, { profile: false, policy: false, tag: "bob" });
    const said = reportError((await stopped(h)).err, translator("en"));
    expect(said.key).toBe("doctor.name.taken");
    expect(said.message).toContain("participant tag: bob");
  });
});
