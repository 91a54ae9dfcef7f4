/**
 * The package as npm ships it: exactly the files `npm pack` lists, copied to a folder with no
 * node_modules anywhere above it, run as an installed learner would run it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshLearner } from "../helpers/cli-process.js";

const root = resolve(import.meta.dirname, "../..");
let pkg: string;

beforeAll(() => {
  pkg = join(mkdtempSync(join(tmpdir(), "pll-pkg-")), "privatelink-lab");
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" })) as { files: { path: string }[] }[];
  for (const { path } of packed[0]!.files) {
    mkdirSync(dirname(join(pkg, path)), { recursive: true });
    cpSync(join(root, path), join(pkg, path));
  }
});

afterAll(() => rmSync(dirname(pkg), { recursive: true, force: true }));

function run(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const bin = (JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { bin: Record<string, string> }).bin["privatelink-lab"]!;
  return spawnSync(process.execPath, [join(pkg, bin), ...args], { env: freshLearner(extra).env, encoding: "utf8", timeout: 60_000 });
}

describe("the packed package", () => {
  it("declares no runtime dependencies: installing it installs one package", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
  });

  it("runs the whole lesson in the sandbox with nothing but its own files, and no SDK warning", () => {
    const r = run(["--sandbox", "--yes", "--json", "--prefix", "pkg"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('"type":"lesson-finished"');
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|no longer support/i);
  });

  it("parses YAML it did not ship (an edited template) with its own YAML script, which a shipped lesson never needs", () => {
    const script = join(pkg, "dist", "lib", "yaml.cjs");
    const template = join(pkg, "templates", "Consumer.yml");
    const kept = readFileSync(script);
    const shipped = readFileSync(template, "utf8");
    try {
      // Without the YAML script, the shipped lesson runs: its YAML was parsed when it was built.
      rmSync(script);
      const plain = run(["--sandbox", "--yes", "--json", "--prefix", "pkgy"]);
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.stdout).toContain('"type":"lesson-finished"');
      // An edited template is parsed at run time, by that script.
      writeFileSync(template, shipped + "\n# a learner's note\n");
      const missing = run(["--sandbox", "--yes", "--json", "--prefix", "pkgz"]);
      expect(missing.status).not.toBe(0);
      writeFileSync(script, kept);
      const edited = run(["--sandbox", "--yes", "--json", "--prefix", "pkgw"]);
      expect(edited.status, edited.stderr).toBe(0);
      expect(edited.stdout).toContain('"type":"lesson-finished"');
    } finally {
      writeFileSync(script, kept);
      writeFileSync(template, shipped);
    }
  });

  it("names src/ files in the stack of an internal error when PRIVATELINK_LAB_DEBUG is set", () => {
    // A sandbox account with a broken entry (a table holds null): a bug path, not AWS's answer.
    const tables = ["vpcs", "subnets", "routeTables", "securityGroups", "networkInterfaces", "instances", "vpcEndpoints", "endpointServices", "loadBalancers", "targetGroups", "listeners", "stacks", "ssmCommands"];
    const region = Object.fromEntries(tables.map((t) => [t, t === "stacks" ? { broken: null } : {}]));
    const file = join(mkdtempSync(join(tmpdir(), "pll-pkg-acct-")), "account.json");
    writeFileSync(file, JSON.stringify({ schema: 1, accountId: "000000000000", seq: 0, quotas: {}, iamRoles: {}, instanceProfiles: {}, regions: { "us-east-1": region } }));
    const r = run(["status", "--sandbox", "--prefix", "pkg"], { PRIVATELINK_LAB_DEBUG: "1", PRIVATELINK_LAB_SANDBOX_FILE: file });
    expect(r.stderr).toContain("Something went wrong inside privatelink-lab");
    expect(r.stderr).toMatch(/src\/sandbox\/[\w/-]+\.ts:\d+/);
  });
});
