// A workshop room's server killed under its learners: `workshop serve` (the built CLI) for
// `learners` participants; each joins with their own join line and runs the whole lesson
// (--yes --json) against the room, again whenever a run fails, until it finishes; meanwhile the
// server is SIGKILLed `kills` times at seeded random moments and started again at once (same
// room, same port, same keys). An intruder keeps trying, with one learner's key, to delete the
// next learner's stacks and endpoints. Measured: every learner finished; nothing was made twice
// (the account's census); every intrusion was refused; SQLite's own check of the room's account.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { census, duplicates, integrityOf } from "./world.mjs";
import { BIN, freshHome, runCli } from "./run.mjs";
import { seededRandom } from "../seeded-random.mjs";

const REGION = "us-east-1";

function serve(me, args) {
  const proc = spawn(process.execPath, [BIN, "workshop", "serve", "--json", "--region", REGION, ...args], { env: me.env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve({ proc, event: JSON.parse(out.split("\n")[0]) });
    });
    proc.stderr.resume();
    proc.on("exit", (code) => reject(new Error(`workshop serve ended (${code})`)));
  });
}

/** What the learner's pasted line exports (bash `export K='V'`). */
function exportsOf(stdout) {
  const env = {};
  for (const m of stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];
  return env;
}

export async function roomKills({ learners = 10, kills = 20, seed = 29, speed = "0.002" } = {}) {
  const t0 = Date.now();
  const boss = freshHome({ PRIVATELINK_LAB_SANDBOX_SPEED: speed });
  let { proc: server, event: served } = await serve(boss, ["--count", String(learners)]);
  const handout = await runCli(boss, ["workshop", "handout", "--room", "room", "--json"]);
  const sheets = handout.events.find((e) => e.type === "workshop-handout").participants;
  const people = [];
  for (const s of sheets) {
    const me = freshHome();
    const joined = await new Promise((done) => {
      const c = spawn("bash", ["-c", s.join.bash.replace(/^eval "\$\(npx privatelink-lab (.*)\)"$/, `"${process.execPath}" "${BIN}" $1`)], { env: me.env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      c.stdout.on("data", (d) => (out += d));
      c.stderr.resume();
      c.on("close", (code) => done({ code, out }));
    });
    if (joined.code !== 0) throw new Error(`${s.prefix} could not join (${joined.code})`);
    people.push({ prefix: s.prefix, me, env: exportsOf(joined.out), runs: 0, finished: false });
  }

  let running = true;
  // The learners: the whole lesson, again after a failure, until it finishes (at most one run more than the kills, and 5).
  const lessons = Promise.all(people.map(async (p) => {
    while (!p.finished && p.runs < kills + 6) {
      p.runs++;
      const r = await runCli(p.me, ["--yes", "--json"], { env: p.env });
      p.finished = r.code === 0 && r.events.some((e) => e.type === "lesson-finished");
      p.last = r.code;
      if (process.env.ROOM_KILLS_DEBUG) console.error(`${((Date.now() - t0) / 1000).toFixed(1)} s ${p.prefix} run ${p.runs}: exit ${r.code}${r.hung ? " HUNG" : ""} ${r.stderr.trim().split("\n")[0] ?? ""} ${JSON.stringify(r.events.find((e) => e.type === "error") ?? "")}`);
      if (!p.finished) await sleep(300);
    }
  }));
  // The intruder: learner i's key against learner i+1's stacks and endpoints.
  const intrusions = { tried: 0, allowed: 0 };
  const intruder = (async () => {
    let i = 0;
    while (running) {
      const me = people[i % people.length];
      const victim = people[(i + 1) % people.length];
      i++;
      const creds = { accessKeyId: me.env.AWS_ACCESS_KEY_ID, secretAccessKey: me.env.AWS_SECRET_ACCESS_KEY };
      const common = { region: REGION, endpoint: served.url, credentials: creds, maxAttempts: 1 };
      const ec2 = new EC2Client(common);
      const cfn = new CloudFormationClient(common);
      try {
        // Only what is the victim's and exists now: their live stacks and the endpoints in their Consumer VPC.
        const stacks = ((await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []).filter((st) => st.StackName?.startsWith(`${victim.prefix}-`) && st.StackStatus !== "DELETE_COMPLETE");
        const vpcs = ((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:aws:cloudformation:stack-name", Values: [`${victim.prefix}-consumer`] }] }))).Vpcs ?? []).map((v) => v.VpcId);
        const eps = vpcs.length ? ((await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: vpcs }] }))).VpcEndpoints ?? []).filter((e) => String(e.State).toLowerCase() !== "deleted") : [];
        for (const attempt of [
          ...stacks.map((st) => () => cfn.send(new DeleteStackCommand({ StackName: st.StackName }))),
          ...eps.map((e) => () => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [e.VpcEndpointId] }))),
        ]) {
          const r = await attempt().then(() => "ok", (e) => e.name);
          if (r === "ok") intrusions.allowed++;
          if (r === "ok" || r === "AccessDenied" || r === "UnauthorizedOperation") intrusions.tried++;
        }
      } catch {
        // the server is down this moment
      }
      ec2.destroy();
      cfn.destroy();
      await sleep(200);
    }
  })();

  // The kills: at seeded random moments, the server SIGKILLed and started again at once.
  const next = seededRandom(seed);
  let killed = 0;
  for (let k = 0; k < kills && !people.every((p) => p.finished); k++) {
    await sleep(Math.round(500 + next() * 2500));
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    killed++;
    if (process.env.ROOM_KILLS_DEBUG) console.error(`${((Date.now() - t0) / 1000).toFixed(1)} s kill ${killed}`);
    ({ proc: server, event: served } = await serve(boss, []));
  }
  await lessons;
  running = false;
  await intruder;
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  const account = join(served.dir, "account.db");
  const dups = people.map((p) => ({ prefix: p.prefix, dups: duplicates(census(account, p.prefix, REGION)) })).filter((d) => d.dups.length);
  return {
    seconds: Math.round((Date.now() - t0) / 1000),
    learners,
    killed,
    finished: people.filter((p) => p.finished).length,
    runs: people.reduce((n, p) => n + p.runs, 0),
    duplicates: dups,
    intrusions,
    integrity: integrityOf(account),
    bad: people.filter((p) => !p.finished).map((p) => `${p.prefix} (${p.runs} runs, last exit ${p.last})`),
  };
}

// Run alone: node scripts/reliability/room-kills.mjs [learners] [kills]
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const r = await roomKills({ learners: Number(process.argv[2]) || 10, kills: Number(process.argv[3]) || 20 });
  console.log(JSON.stringify(r, null, 2));
}
