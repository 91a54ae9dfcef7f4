/**
 * Four holes of issue 21, each as a learner (or an attacker on the same machine) would meet it:
 * a planted `last-participant` symlink, a password in --endpoint-url, a bidi override in an
 * argument, a fault named `SendCommand` (as documented) that must fire, and an AccessDenied
 * whose message names no action.
 */
import { lstatSync, mkdirSync, unlinkSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SendCommandCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { translateAwsError } from "../../src/aws/error-translation.js";
import { checkEndpointUrl } from "../../src/commands/validate.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { FaultPlan, FaultsProblem } from "../../src/sandbox/faults.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { STATE_SCHEMA_VERSION, type LessonState } from "../../src/state/schema.js";
import { StateFile } from "../../src/state/state-file.js";
import { reportError } from "../../src/ui/error-report.js";

const sample = (prefix: string): LessonState => ({
  schema: STATE_SCHEMA_VERSION, lesson: "privatelink", prefix, backend: "sandbox", region: "ap-northeast-1", lang: "en", mode: "guided",
  createdAt: "2026-11-29T00:00:00.000Z", updatedAt: "2026-11-29T00:00:00.000Z", ids: {}, marks: {}, challenges: { solved: {}, gaveUp: {} },
});

describe("state files and symbolic links", () => {
  it("a symlinked last-participant is replaced, never written through: the file it points to is unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-link-"));
    const victim = join(mkdtempSync(join(tmpdir(), "pll-victim-")), "bashrc");
    writeFileSync(victim, "export SAFE=1\n");
    mkdirSync(dir, { recursive: true });
    symlinkSync(victim, join(dir, "last-participant"));
    const f = new StateFile(dir);
    // Read through the link: refused, so it names nobody.
    expect(f.lastPrefix()).toBeUndefined();
    f.save(sample("alice"));
    expect(readFileSync(victim, "utf8")).toBe("export SAFE=1\n");
    expect(lstatSync(join(dir, "last-participant")).isSymbolicLink()).toBe(false);
    expect(f.lastPrefix()).toBe("alice");
  });

  it("a symlinked progress file is refused (a local-file error), its target unread and unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-link-"));
    const f = new StateFile(dir);
    f.save(sample("bob"));
    const elsewhere = join(mkdtempSync(join(tmpdir(), "pll-victim-")), "bob.json");
    writeFileSync(elsewhere, JSON.stringify(sample("bob")));
    const path = f.pathFor("bob");
    // Replace the real file with a link to another.
    unlinkSync(path);
    symlinkSync(elsewhere, path);
    expect(readlinkSync(path)).toBe(elsewhere);
    expect(() => new StateFile(dir).load("bob")).toThrow(expect.objectContaining({ key: "guard.local.failed", vars: expect.objectContaining({ code: "ELOOP" }) }));
  });
});

describe("what is echoed back", () => {
  const t = translator("en");
  it("masks the password of --endpoint-url in the message (en and ja)", () => {
    let err: unknown;
    try {
      checkEndpointUrl("http://user:s3cret-pass@localhost:4566", "--endpoint-url");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabError);
    for (const lang of ["en", "ja"] as const) {
      const r = reportError(err, translator(lang));
      expect(r.message + (r.hint ?? "")).not.toContain("s3cret-pass");
      expect(r.message).toContain("http://user:***@localhost:4566");
    }
  });

  it("escapes a bidi override and control characters in user input", () => {
    const r = reportError(new LabError("challengeState.usage.unknown", { id: "evil\u202Egnp.exe\u001b[2J", ids: "a, b" }), t);
    expect(r.message).not.toMatch(/[\u202e\u001b]/);
    expect(r.message).toContain("evil\\u202egnp.exe\\x1b[2J");
    expect(r.exitCode).toBe(2);
  });

  it("an AccessDenied that names no action reads as a sentence, with AWS's own words", () => {
    const denied = Object.assign(new Error("You are not allowed."), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    for (const lang of ["en", "ja"] as const) {
      const r = reportError(translateAwsError(denied), translator(lang));
      expect(r.message).not.toContain("(?)");
      expect(r.message).not.toContain("（?）");
      expect(r.message).toContain("You are not allowed.");
    }
  });
});

describe("fault names as documented", () => {
  it.each(["SendCommand", "SendCommandCommand"])("a %s fault fires on SSM's SendCommand", async (name) => {
    const sandbox = new Sandbox({ store: new MemoryStore(), clock: new ManualClock(), speed: 0 });
    sandbox.faults.add({ command: name, code: "InvalidInstanceId", times: 1 });
    const { ssm } = await createSandboxClients(sandbox, "ap-northeast-1");
    await expect(ssm.send(new SendCommandCommand({ DocumentName: "AWS-RunShellScript", InstanceIds: ["i-0"], Parameters: { commands: ["true"] } }))).rejects.toMatchObject({
      message: expect.stringContaining("Injected fault"),
    });
  });

  it("an unknown command name is refused", () => {
    const known = new Set(["SendCommand", "CreateVpcEndpoint"]);
    expect(() => FaultPlan.fromJson('[{"command":"SendCommand","code":"X"},{"command":"CreateVpcEndpointCommand","code":"X"}]', known)).not.toThrow();
    expect(() => FaultPlan.fromJson('[{"command":"Send","code":"X"}]', known)).toThrow(FaultsProblem);
    expect(() => FaultPlan.fromJson('[{"command":"Bogus","code":"X"}]', known)).toThrow(FaultsProblem);
  });
});
