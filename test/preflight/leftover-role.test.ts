/**
 * A role with the lab's name and this learner's tag, but no stack of theirs in any Region: its stack was deleted with the
 * role kept, or it was made by hand. The preflight used to call it "already yours", and the deploy then failed on its
 * name. It now stops before anything is created, calls it left over, and gives the `aws iam` commands that delete it in
 * the order IAM insists on (instance profile, policies, role) — commands that, run against the account, let the lab build.
 */
import * as iam from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { start } from "../../src/commands/start.js";
import { step } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { PARTICIPANT_TAG } from "../../src/participant.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

const ROLE = "alice-ec2-role";
const PROFILE = "alice-ec2-instance-profile";
const SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" }] });

const DELETE_ALL = [
  `aws iam remove-role-from-instance-profile --instance-profile-name ${PROFILE} --role-name ${ROLE}`,
  `aws iam delete-instance-profile --instance-profile-name ${PROFILE}`,
  `aws iam detach-role-policy --role-name ${ROLE} --policy-arn ${SSM_CORE}`,
  `aws iam delete-role --role-name ${ROLE}`,
].join(" && ");

async function iamOf(h: Harness): Promise<iam.IAMClient> {
  return (await createSandboxClients(h.sandbox, "ap-northeast-1")).iam;
}

/** What the lab's stack gives its role (templates/Consumer.yml), made by hand with the AWS SDK: the learner's tag on it. */
async function roleByHand(h: Harness, o: { profile: boolean; policy: boolean }): Promise<void> {
  const client = await iamOf(h);
  await client.send(new iam.CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: TRUST, Tags: [{ Key: PARTICIPANT_TAG, Value: "alice" }] }));
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
    for (let i = 0; i < args.length; i += 2) input[pascal(args[i]!.slice(2))] = args[i + 1]!;
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
    const h = harness();
    await roleByHand(h, { profile: true, policy: true });
    const { err, made } = await stopped(h);
    expect(made).toEqual([]);
    const en = reportError(err, translator("en"));
    expect(en.key).toBe("doctor.name.leftover");
    expect(en.message).toBe(`AWS::IAM::Role ${ROLE} is left over: no stack of the lab alice holds it, here or in any other Region (its stack was deleted with the role kept, or it was made by hand). The lesson's stack would fail on its name: the role already exists.`);
    expect(en.hint).toContain(`\`${DELETE_ALL}\``);
    expect(en.hint).toContain("Then run `npx privatelink-lab --prefix alice --sandbox` again.");
    expect(en.hint).toContain("--prefix alice-2");
    const ja = reportError(err, translator("ja"));
    expect(ja.message).toContain(`AWS::IAM::Role ${ROLE} が残っています。`);
    expect(ja.hint).toContain(`\`${DELETE_ALL}\``);
    expect(ja.hint).toContain("そのあと `npx privatelink-lab --prefix alice --sandbox` をもう一度実行してください。");
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
    expect(hint).toContain(`\`aws iam delete-role --role-name ${ROLE}\``);
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
