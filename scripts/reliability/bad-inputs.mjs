// Bad inputs a learner (or a typo) can give: each must end with the documented exit code, a
// message that says what is allowed, no internal error, no "AWS refused", and nothing written.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileSnapshot, freshHome, runCli, sameFiles } from "./run.mjs";

const S = ["--sandbox", "--yes"];
const usage = (name, args, env = {}) => ({ name, args, env, exit: 2, noWrites: true });

export const BAD_INPUTS = [
  ...["", " ", "xx-foo-9", "../../etc", "__proto__", "constructor", "US-EAST-1", "us-east", "us-east-1a", "useast1", "us-east-1; rm -rf /", "ap-northeast-99x", "eu-west-1\n", "ca-central-1", "us-gov-west-1"].map((r) =>
    usage(`--region ${JSON.stringify(r)}`, [...S, "--prefix", "amy", "--region", r]),
  ),
  usage("AWS_REGION=bogus", [...S, "--prefix", "amy"], { AWS_REGION: "bogus" }),
  usage("AWS_REGION=mars-north-1 (status)", ["status", "--sandbox", "--prefix", "amy"], { AWS_REGION: "mars-north-1" }),
  ...["", "x", "ab", "Bad_Prefix", "-abc", "abc-", "a--b", "aws-team", "internal1", "a".repeat(21), "名前", "../etc", "__proto__", "abc def"].map((p) => usage(`--prefix ${JSON.stringify(p)}`, [...S, "--prefix", p])),
  ...["xx", "", "JA", "english"].map((l) => usage(`--lang ${JSON.stringify(l)}`, [...S, "--prefix", "amy", "--lang", l])),
  ...["fast", "", "GUIDED", "handson"].map((m) => usage(`--mode ${JSON.stringify(m)}`, [...S, "--prefix", "amy", "--mode", m])),
  ...["fast", "-1", "11", "", "1e3", "NaN", "0x10"].map((v) => usage(`--sandbox-speed ${JSON.stringify(v)}`, [...S, "--prefix", "amy", "--sandbox-speed", v])),
  usage("PRIVATELINK_LAB_SANDBOX_SPEED=warp", [...S, "--prefix", "amy"], { PRIVATELINK_LAB_SANDBOX_SPEED: "warp" }),
  ...["not a url", "", "ftp://host", "http://", "localhost:4566", "http://user:pw@host"].map((u) => usage(`--endpoint-url ${JSON.stringify(u)}`, ["--yes", "--prefix", "amy", "--endpoint-url", u])),
  usage("AWS_ENDPOINT_URL=nope", ["status", "--prefix", "amy"], { AWS_ENDPOINT_URL: "nope" }),
  ...[
    "{",
    "{}",
    "[1]",
    '[{"command":"CreateVpcEndpoint"}]',
    '[{"command":"Nope","code":"X"}]',
    '[{"command":"CreateVpcEndpoint","code":"Unavailable","times":-1}]',
    '[{"command":"CreateVpcEndpoint","code":"Unavailable","times":0}]',
    '[{"command":"CreateVpcEndpoint","code":"Unavailable","times":1.5}]',
    '[{"command":"CreateVpcEndpoint","code":"Unavailable","times":"2"}]',
    '[{"command":"CreateVpcEndpoint","code":"Unavailable","status":200}]',
  ].map((f) => usage(`FAULTS=${f}`, [...S, "--prefix", "amy"], { PRIVATELINK_LAB_SANDBOX_FAULTS: f })),
  ...["0", "-5", "abc", "1000"].map((v) => usage(`PRIVATELINK_LAB_TIMEOUT=${v}`, ["status", "--prefix", "amy", "--endpoint-url", "http://127.0.0.1:9"], { PRIVATELINK_LAB_TIMEOUT: v })),
  usage("--sandbox --profile", [...S, "--prefix", "amy", "--profile", "me"]),
  usage("--sandbox --endpoint-url", [...S, "--prefix", "amy", "--endpoint-url", "http://localhost:4566"]),
  usage('--profile "bad name"', ["status", "--prefix", "amy", "--profile", "bad name"]),
  usage('--profile ""', ["status", "--prefix", "amy", "--profile", ""]),
  usage("unknown command", ["frob", "--sandbox"]),
  usage("start with an argument", ["start", "extra", "--sandbox"]),
  usage("status with an argument", ["status", "extra", "--sandbox"]),
  usage("unknown workshop command", ["workshop", "frob"]),
  usage("destroy with an argument", ["destroy", "now", "--sandbox"]),
  usage("unknown option", ["--frobnicate"]),
  usage("step without id", ["step", "--sandbox"]),
  usage("unknown step", ["step", "teleport", "--sandbox", "--prefix", "amy"]),
  usage("--prefix without value", ["--prefix"]),
  usage("--region without value", ["--sandbox", "--region"]),
  usage("workshop plan --participants abc", ["workshop", "plan", "--participants", "abc", "--sandbox"]),
  usage("workshop plan --participants -3", ["workshop", "plan", "--participants", "-3", "--sandbox"]),
  usage("workshop handout --count 0", ["workshop", "handout", "--count", "0"]),
  usage("workshop rehearse without --sandbox", ["workshop", "rehearse", "--participants", "3"]),
  usage("workshop cleanup without whom", ["workshop", "cleanup", "--sandbox"]),
];

/** Problems with files on this computer (exit 4) and with the network (exit 5). */
export const ENVIRONMENT_CASES = [
  {
    name: "account.db is a directory",
    exit: 4,
    setup: (me) => mkdirSync(me.sandboxFile, { recursive: true }),
    args: ["status", "--sandbox", "--prefix", "amy"],
  },
  {
    name: "account.db-wal is a directory",
    exit: 4,
    setup: (me) => mkdirSync(me.sandboxFile + "-wal", { recursive: true }),
    args: [...S, "--prefix", "amy"],
  },
  {
    name: "progress file is a directory",
    exit: 4,
    setup: (me) => mkdirSync(join(me.stateDir, "participants", "amy.json"), { recursive: true }),
    args: ["status", "--sandbox", "--prefix", "amy"],
  },
  {
    name: "participants folder is a file",
    exit: 4,
    setup: (me) => {
      mkdirSync(me.stateDir, { recursive: true });
      writeFileSync(join(me.stateDir, "participants"), "");
    },
    args: ["status", "--sandbox", "--prefix", "amy"],
  },
  {
    name: "participant lock is a directory",
    exit: 4,
    setup: (me) => mkdirSync(join(me.stateDir, "participants", "amy.lock"), { recursive: true }),
    args: [...S, "--prefix", "amy"],
  },
  {
    name: "sandbox folder read-only",
    exit: 4,
    needsNonRoot: true,
    setup: (me) => {
      mkdirSync(join(me.stateDir, "sandbox"), { recursive: true });
      chmodSync(join(me.stateDir, "sandbox"), 0o555);
    },
    // The lesson, which must change the account at deploy (preflight only reads: it writes nothing).
    args: [...S, "--prefix", "amy"],
  },
  {
    name: "account.db unreadable",
    exit: 4,
    needsNonRoot: true,
    setup: (me) => {
      mkdirSync(join(me.stateDir, "sandbox"), { recursive: true });
      writeFileSync(me.sandboxFile, "{}");
      chmodSync(me.sandboxFile, 0o000);
    },
    args: ["status", "--sandbox", "--prefix", "amy"],
  },
  {
    name: "connection refused",
    exit: 5,
    args: ["status", "--prefix", "amy", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
    env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", PRIVATELINK_LAB_TIMEOUT: "2" },
  },
];

const INTERNAL = /Something went wrong inside|went wrong inside|内部/;
const AWS_BLAME = /AWS refused|AWS が拒否/;

/** Runs one case; `ok` when the exit code is as documented, the message is clear and nothing was written. */
export async function runBadInput(c) {
  const me = freshHome(c.env ?? {});
  if (c.setup) c.setup(me);
  const before = fileSnapshot(me.home);
  const r = await runCli(me, c.args, { timeoutMs: 60_000 });
  const after = fileSnapshot(me.home);
  const message = r.stderr.trim().split("\n")[0] ?? "";
  const checks = {
    exit: r.code === c.exit,
    clear: /^✖ \S/.test(message) && !INTERNAL.test(r.stderr) && !AWS_BLAME.test(r.stderr),
    internal: INTERNAL.test(r.stderr) || r.code === 1,
    nothingWritten: c.noWrites ? sameFiles(before, after) : undefined,
    hung: r.hung,
  };
  return { name: c.name, code: r.code, message, ...checks, ok: checks.exit && checks.clear && !checks.hung && checks.nothingWritten !== false };
}
