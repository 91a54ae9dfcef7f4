/**
 * Interrupted at any point of the cleanup (the lesson's last step) or of `destroy` — killed with
 * SIGKILL right after an AWS delete succeeded, or stopped with Ctrl-C (SIGINT) while a deletion
 * is being waited on — then run again: the rerun creates nothing and ends with everything deleted.
 * And killed right after a create succeeded (before the progress file was written), with the
 * progress file then lost: the rerun makes no second resource.
 */
import { spawn, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, freshLearner, runCli, type CliEnv } from "../helpers/cli-process.js";
import { accountOf } from "../helpers/account-file.js";

const REGION = "us-east-1";
const PREFIX = "kim";
const BEFORE_CLEANUP = ["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review"];

interface Life { life: { deletedAt?: number } }
type Table = Record<string, Life>;
interface RegionWorld { stacks: Table; vpcEndpoints: Table; endpointServices: Table; securityGroups: Table; instances: Table; vpcs: Table }

function world(me: CliEnv): RegionWorld {
  return (accountOf(me.home) as unknown as { regions: Record<string, RegionWorld> }).regions[REGION]!;
}

const KINDS = ["stacks", "vpcEndpoints", "endpointServices", "securityGroups", "instances", "vpcs"] as const;

/** How many of each kind were ever made (deleted ones included): a rerun that creates anything grows it. */
function made(me: CliEnv): Record<(typeof KINDS)[number], number> {
  const w = world(me);
  return Object.fromEntries(KINDS.map((k) => [k, Object.keys(w[k] ?? {}).length])) as Record<(typeof KINDS)[number], number>;
}

function live(me: CliEnv): number {
  const w = world(me);
  const now = Date.now() + 1;
  return KINDS.reduce((n, k) => n + Object.values(w[k] ?? {}).filter((x) => x.life.deletedAt === undefined || x.life.deletedAt > now).length, 0);
}

/** A learner's home with the lesson built and the quiz done: the next thing is the cleanup. */
let built: CliEnv;
/** The same learner just after the tour: the next thing is the endpoint service. */
let toured: CliEnv;

function copyOf(me: CliEnv): CliEnv {
  const home = mkdtempSync(join(tmpdir(), "pll-home-"));
  cpSync(me.home, home, { recursive: true });
  return { home, env: { ...me.env, HOME: home, XDG_STATE_HOME: join(home, "state") } };
}

function withFaults(me: CliEnv, faults: object[]): CliEnv {
  return { ...me, env: { ...me.env, PRIVATELINK_LAB_SANDBOX_FAULTS: JSON.stringify(faults) } };
}

const killedBySignal = (r: SpawnSyncReturns<string>) => r.signal === "SIGKILL";

beforeAll(() => {
  built = freshLearner();
  for (const id of BEFORE_CLEANUP) {
    const r = runCli(built, ["step", id, "--sandbox", "--yes", "--prefix", PREFIX]);
    expect(r.status, `${id}: ${r.stderr}`).toBe(0);
    if (id === "tour") toured = copyOf(built);
  }
}, 180_000);

const DELETES = ["DeleteVpcEndpoints", "DeleteSecurityGroup", "DeleteVpcEndpointServiceConfigurations", "DeleteStack"];
const COMMANDS: [string, string[]][] = [
  ["the lesson's cleanup", ["--sandbox", "--yes", "--prefix", PREFIX]],
  ["destroy", ["destroy", "--sandbox", "--yes", "--prefix", PREFIX]],
];

describe("killed (SIGKILL) right after each delete of the cleanup, then run again", () => {
  for (const [what, args] of COMMANDS) {
    for (const command of DELETES) {
      it(`${what}: after ${command}`, () => {
        const me = copyOf(built);
        const first = runCli(withFaults(me, [{ command, after: "kill" }]), args);
        expect(killedBySignal(first), `${first.status} ${first.stderr}`).toBe(true);
        const before = made(me);
        const again = runCli(me, args);
        expect(again.status, again.stderr).toBe(0);
        expect(made(me)).toEqual(before); // nothing created
        expect(live(me)).toBe(0); // everything deleted
      }, 60_000);
    }
  }
  it("destroy, with the progress file lost after the kill", () => {
    const me = copyOf(built);
    const first = runCli(withFaults(me, [{ command: "DeleteVpcEndpointServiceConfigurations", after: "kill" }]), COMMANDS[1]![1]);
    expect(killedBySignal(first)).toBe(true);
    rmSync(join(me.home, "state", "privatelink-lab", "participants"), { recursive: true, force: true });
    const before = made(me);
    const again = runCli(me, ["--sandbox", "--yes", "--prefix", PREFIX]);
    expect(again.status, again.stderr).toBe(0);
    expect(made(me)).toEqual(before);
    expect(live(me)).toBe(0);
  }, 60_000);
});

describe("the lesson's cleanup with no terminal to ask in", () => {
  it("deletes nothing without --yes, says so in the learner's language, and deletes all with --yes", () => {
    const me = copyOf(built);
    const before = live(me);
    const piped = runCli({ ...me, env: { ...me.env, LANG: "ja_JP.UTF-8" } }, ["--sandbox", "--prefix", PREFIX]);
    expect(piped.status, piped.stderr).toBe(0);
    expect((piped.stdout + piped.stderr).replace(/\s+/g, "")).toContain("何も削除しません。確認できるターミナルがなく、事前の同意を示す--yesもないためです。");
    expect(live(me)).toBe(before);
    const agreed = runCli(me, ["--sandbox", "--yes", "--prefix", PREFIX]);
    expect(agreed.status, agreed.stderr).toBe(0);
    expect(live(me)).toBe(0);
  }, 60_000);
});

/** Runs the CLI until a JSON event matches, then sends SIGINT; resolves with the exit code and stderr. */
function interruptWhen(me: CliEnv, args: string[], seen: (line: string) => boolean): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args, "--json"], { env: { ...me.env, PRIVATELINK_LAB_SANDBOX_SPEED: "0.05" } });
    let out = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!sent && out.split("\n").some(seen)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => done({ code, stderr }));
  });
}

describe("stopped with Ctrl-C while a deletion is waited on, then run again", () => {
  for (const [what, args] of COMMANDS) {
    it(`${what}: SIGINT while the stacks are being deleted`, async () => {
      const me = copyOf(built);
      const stopped = await interruptWhen(me, args, (l) => l.includes('"type":"progress"') && /stack/i.test(l) && /delet/i.test(l));
      expect(stopped.code).toBe(130);
      // The learner's own, whole command: their prefix and backend, not a bare `destroy`.
      expect(stopped.stderr.replace(/\s+/g, " ")).toContain(`npx privatelink-lab destroy --prefix ${PREFIX} --sandbox\` again to finish`);
      const before = made(me);
      const again = runCli(me, args);
      expect(again.status, again.stderr).toBe(0);
      expect(made(me)).toEqual(before);
      expect(live(me)).toBe(0);
    }, 60_000);
  }
});

describe("killed right after a create succeeded, progress file lost: no second resource", () => {
  for (const command of ["CreateVpcEndpointServiceConfiguration", "CreateSecurityGroup", "CreateVpcEndpoint"]) {
    it(`after ${command}`, () => {
      const me = copyOf(toured);
      const first = runCli(withFaults(me, [{ command, after: "kill" }]), ["--sandbox", "--yes", "--prefix", PREFIX]);
      expect(killedBySignal(first), first.stderr).toBe(true);
      const participants = join(me.home, "state", "privatelink-lab", "participants");
      expect(existsSync(participants)).toBe(true);
      rmSync(participants, { recursive: true, force: true });
      const before = made(me);
      const again = runCli(me, ["--sandbox", "--yes", "--prefix", PREFIX]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain("Hello from the Provider");
      const after = made(me);
      // The stacks' own endpoints and groups were made before; the learner's appear once only.
      expect(after.endpointServices).toBe(1);
      expect(after.vpcEndpoints - before.vpcEndpoints + (command === "CreateVpcEndpoint" ? 1 : 0)).toBeLessThanOrEqual(1);
      expect(after.securityGroups - before.securityGroups + (command === "CreateSecurityGroup" || command === "CreateVpcEndpoint" ? 1 : 0)).toBeLessThanOrEqual(1);
    }, 90_000);
  }
});
