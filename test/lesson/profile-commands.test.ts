/**
 * A learner on AWS with a named profile (`--profile work`, or AWS_PROFILE in the shell) is told commands to run later:
 * continue, delete, the next step. Pasted into a new terminal, where AWS_PROFILE is not set, or after the progress file is
 * lost, a command without `--profile` would use the default credentials: possibly another account. Each printed command
 * names the profile, quoted for the learner's shell like every other value.
 */
import { describe, expect, it } from "vitest";
import { createAwsClients, createSandboxClients } from "../../src/aws/clients.js";
import { reportCostOnExit } from "../../src/commands/leaving.js";
import { lessonContext, openSession } from "../../src/commands/session.js";
import { doctor } from "../../src/commands/doctor.js";
import { diagnose } from "../../src/commands/diagnose.js";
import { start } from "../../src/commands/start.js";
import { workshopPlan } from "../../src/commands/workshop/plan.js";
import { setQuota } from "../../src/sandbox/model/quotas.js";
import { step as stepCommand } from "../../src/commands/step.js";
import { translator } from "../../src/i18n/messages.js";
import { interruptNotice } from "../../src/interrupt-notice.js";
import { labCommand, learnerCommand } from "../../src/shell/lab-command.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";

const CONTINUE = "`npx privatelink-lab --prefix alice --profile work`";
const DESTROY = "`npx privatelink-lab destroy --prefix alice --profile work`";

const ctrlC = () => {
  throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
};

/** On AWS (the sandbox answering as AWS) with `--profile work`. */
function onAwsWithProfile(host: RecordingHost) {
  return harness({ host, opts: { sandbox: false, profile: "work", lang: host.lang, yes: false } });
}

describe.each(["en", "ja"] as const)("a lesson run with --profile work (%s)", (lang) => {
  const t = translator(lang);

  it("0 Stop here: the pause names the command with --profile work", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang, true, [{ match: t("engine.runAsk"), value: "stop" }]));
    const said = reportError(await start(h.opts, h.env).catch((e: unknown) => e), t);
    expect(said.key).toBe("engine.paused");
    expect(said.message).toContain(CONTINUE);
  });

  it("Ctrl-C: the notice's continue and delete commands both name the profile", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang, true, [{ match: t("engine.runAsk"), value: ctrlC }]));
    await expect(start(h.opts, h.env)).rejects.toMatchObject({ name: "ExitPromptError" });
    const notice = t(...interruptNotice());
    expect(notice).toContain(CONTINUE);
    expect(notice).toContain(DESTROY);
    // Where you are: `status` for the same lesson too.
    expect(notice).toContain("`npx privatelink-lab status --prefix alice --profile work`");
    expect(notice).not.toMatch(/`npx privatelink-lab status`/);
  });

  it("leaving with resources up, and the next step, name it too (read from the progress file, no flag given again)", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang));
    for (const id of ["preflight", "deploy"]) await stepCommand(id, { ...h.opts, yes: true }, h.env);
    const { profile: _, ...again } = h.opts;
    const ctx = await lessonContext(again, h.env, await openSession(again, h.env), false);
    await reportCostOnExit(ctx);
    expect(h.host.ofType("notice").at(-1)!.message).toContain(DESTROY);
    expect(learnerCommand("step endpoint", ctx)).toBe("npx privatelink-lab step endpoint --prefix alice --profile work");
  });
});

describe.each(["en", "ja"] as const)("doctor with --profile work (%s)", (lang) => {
  it("a failed check says to run doctor again with the profile and prefix; all passed, to start the lesson with them", async () => {
    const t = translator(lang);
    const h = onAwsWithProfile(new RecordingHost(lang));
    await doctor(h.opts, h.env);
    expect(h.host.ofType("notice").at(-1)!.message).toContain(CONTINUE);
    h.sandbox.store.transact((w) => setQuota(w, "L-F678F1CE", 1));
    const said = reportError(await doctor(h.opts, h.env).catch((e: unknown) => e), t);
    expect(said.key).toBe("doctor.failed");
    expect(said.hint).toContain("`npx privatelink-lab doctor --prefix alice --profile work`");
  });
});

describe.each(["en", "ja"] as const)("`step accept` out of order with --profile work (%s)", (lang) => {
  it("names the commands to continue in order, or run one step, with the profile and prefix", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang));
    const said = reportError(await stepCommand("accept", h.opts, h.env).catch((e: unknown) => e), translator(lang));
    expect(said.key).toBe("error.stepRequires");
    expect(said.hint).toContain(CONTINUE);
    expect(said.hint).toContain("`npx privatelink-lab step <id> --prefix alice --profile work`");
  });
});

describe.each(["en", "ja"] as const)("`step deploy` again on a done deploy, with --profile work (%s)", (lang) => {
  it("says where the lesson goes on afterwards with the command that continues it, profile and prefix", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang));
    for (const id of ["preflight", "deploy", "deploy"]) await stepCommand(id, { ...h.opts, yes: true }, h.env);
    const said = h.host.ofType("notice").map((n) => n.message);
    const afterwards = said.filter((m) => m.includes("npx privatelink-lab"));
    expect(afterwards.some((m) => m.includes(CONTINUE))).toBe(true);
    expect(said.join("\n")).not.toMatch(/`npx privatelink-lab`/);
  });
});

describe.each(["en", "ja"] as const)("a step that needs one not built yet, with --profile work (%s)", (lang) => {
  it("`diagnose` before the deploy: the hint's command continues the lesson in order with the profile and prefix", async () => {
    const h = onAwsWithProfile(new RecordingHost(lang));
    await stepCommand("preflight", { ...h.opts, yes: true }, h.env);
    const said = reportError(await diagnose(h.opts, h.env).catch((e: unknown) => e), translator(lang));
    expect(said.key).toBe("error.missingStep");
    expect(said.hint).toContain(CONTINUE);
  });

  it("in the sandbox, the same hint names --sandbox", async () => {
    const h = harness({ host: new RecordingHost(lang), opts: { lang, yes: false } });
    await stepCommand("preflight", { ...h.opts, yes: true }, h.env);
    const said = reportError(await diagnose(h.opts, h.env).catch((e: unknown) => e), translator(lang));
    expect(said.key).toBe("error.missingStep");
    expect(said.hint).toContain("`npx privatelink-lab --prefix alice --sandbox`");
  });
});

describe("a quota fix on AWS with --profile work", () => {
  const INCREASE = "`aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 8 --profile work`";

  it("the increase to request names the profile, in the deploy's failure and in the next preflight: it goes to the lesson's account", async () => {
    const h = onAwsWithProfile(new RecordingHost("en"));
    // The same account through clients that are not the sandbox's: an AWS account, as far as the lesson knows.
    const sandboxClients = h.env.makeClients!;
    h.env.makeClients = async (state) => {
      const { sandbox: _sandbox, ...aws } = await sandboxClients(state);
      return aws;
    };
    const run = (id: string, prefix: string) => stepCommand(id, { ...h.opts, prefix, yes: true }, h.env).then(() => undefined, (e: unknown) => e);
    for (const prefix of ["alpha", "beta"]) expect(await run("preflight", prefix)).toBeUndefined();
    expect(await run("deploy", "alpha")).toBeUndefined();
    const deploy = reportError(await run("deploy", "beta"), translator("en"));
    expect(deploy.key).toBe("error.vcpuShort.aws");
    expect(deploy.hint).toContain(INCREASE);
    const preflight = reportError(await run("preflight", "gamma"), translator("en"));
    expect(`${preflight.message} ${preflight.hint ?? ""}`).toContain(INCREASE);
  });
});

describe("`workshop plan` on AWS with a profile", () => {
  /** The room's account on AWS (the sandbox answering as AWS: its clients are not the sandbox's), named by `profile`. */
  async function plannedOnAws(profile: { flag?: string; env?: string }): Promise<{ commands: string[]; argv: string[][] }> {
    const h = harness({ opts: { sandbox: false, ...(profile.flag ? { profile: profile.flag } : {}), endpointUrl: profile.flag ? undefined : "http://127.0.0.1:9" } });
    const sandboxClients = h.env.makeClients!;
    h.env.makeClients = async (state) => {
      const { sandbox: _sandbox, ...aws } = await sandboxClients(state);
      return { ...aws, ...(profile.env ? { profile: profile.env } : {}) };
    };
    await workshopPlan({ ...h.opts, participants: "20" }, h.env);
    const table = h.host.ofType("table").find((t) => t.data?.name === "increase-commands")!;
    const items = table.data!.items as { command: string; argv: string[] }[];
    return { commands: table.rows.map((r) => r[0]!), argv: items.map((i) => i.argv) };
  }

  it("each quota increase to request names the facilitator's profile (--profile): it goes to the room's account", async () => {
    const { commands, argv } = await plannedOnAws({ flag: "work" });
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^aws service-quotas request-service-quota-increase .* --profile work$/);
    for (const a of argv) expect(a.slice(-2)).toEqual(["--profile", "work"]);
  });

  it("AWS_PROFILE in the shell is named too, with the endpoint the facilitator gave", async () => {
    const { commands } = await plannedOnAws({ env: "work" });
    for (const c of commands) expect(c).toMatch(/ --endpoint-url http:\/\/127\.0\.0\.1:9 --profile work$/);
  });
});

describe("the profile in a printed command", () => {
  const aws = { backend: "aws" as const, prefix: "alice" };

  it("AWS_PROFILE in the shell: named as --profile, so a new terminal without it reaches the same account", async () => {
    const saved = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = "work";
    try {
      const clients = await createAwsClients({ region: "ap-northeast-1", endpointUrl: "http://127.0.0.1:9" });
      expect(learnerCommand("destroy", { state: aws, clients })).toBe("npx privatelink-lab destroy --prefix alice --profile work");
    } finally {
      if (saved === undefined) delete process.env.AWS_PROFILE;
      else process.env.AWS_PROFILE = saved;
    }
  });

  it("the sandbox, and a sandbox this tool serves, name no profile", async () => {
    const clients = { ...(await createSandboxClients(harness().sandbox, "ap-northeast-1")), profile: "work" };
    expect(learnerCommand("", { state: { backend: "sandbox", prefix: "alice" }, clients })).toBe("npx privatelink-lab --prefix alice --sandbox");
    expect(learnerCommand("", { state: { ...aws, endpointUrl: "http://127.0.0.1:4566" }, clients, servedSandbox: true })).toBe("npx privatelink-lab --prefix alice --endpoint-url http://127.0.0.1:4566");
  });

  it("is quoted for the learner's shell like the other values, shell syntax and all (AWS_PROFILE's too: never left out)", () => {
    const place = (profile: string, shell: "bash" | "powershell") => ({ state: { ...aws, profile }, io: { shell } });
    expect(learnerCommand("", place("dev@team", "bash"))).toBe("npx privatelink-lab --prefix alice --profile dev@team");
    expect(learnerCommand("", place("dev@team", "powershell"))).toBe("npx privatelink-lab --prefix alice --profile 'dev@team'");
    expect(learnerCommand("", { state: aws, clients: { profile: "my work; rm -rf ~" } })).toBe("npx privatelink-lab --prefix alice --profile 'my work; rm -rf ~'");
    expect(learnerCommand("", { state: aws, clients: { profile: "my work; rm -rf ~" }, io: { shell: "cmd" } })).toBe('npx privatelink-lab --prefix alice --profile "my work; rm -rf ~"');
    expect(labCommand({ backend: "aws", endpointUrl: "http://127.0.0.1:4566/?a=1&b=2" })).toBe("npx privatelink-lab --endpoint-url 'http://127.0.0.1:4566/?a=1&b=2'");
  });
});
