// Injected faults (PRIVATELINK_LAB_SANDBOX_FAULTS): throttling, 503s and internal errors on the
// calls the lesson makes. The lesson must finish with nothing made twice; a fault that outlasts
// the retries must stop it with AWS's error (exit 3), and the next run must finish.
import { census, duplicates } from "./world.mjs";
import { freshHome, runCli } from "./run.mjs";

const F = (command, code, times) => ({ command, code, times });
export const FAULTS = [
  [F("CreateStack", "Throttling", 2)],
  [F("DescribeStacks", "Throttling", 3)],
  [F("CreateVpcEndpointServiceConfiguration", "RequestLimitExceeded", 2)],
  [F("CreateVpcEndpoint", "Unavailable", 2)],
  [F("DescribeVpcEndpoints", "RequestLimitExceeded", 3)],
  [F("CreateSecurityGroup", "InternalError", 2)],
  [F("AuthorizeSecurityGroupIngress", "Unavailable", 2)],
  [F("AcceptVpcEndpointConnections", "InternalError", 2)],
  [F("SendCommand", "ThrottlingException", 2)],
  [F("GetCommandInvocation", "InternalServerError", 2)],
  [F("DeleteVpcEndpoints", "RequestLimitExceeded", 2)],
  [F("DeleteStack", "Throttling", 2)],
  [F("CreateVpcEndpoint", "Unavailable", 1), F("AcceptVpcEndpointConnections", "Unavailable", 1), F("DeleteStack", "Throttling", 1)],
];

export async function runFaults(faults, i) {
  const me = freshHome({ PRIVATELINK_LAB_SANDBOX_FAULTS: JSON.stringify(faults) });
  const prefix = `flt${i}-x`;
  const r = await runCli(me, ["--sandbox", "--yes", "--json", "--prefix", prefix]);
  const finished = r.code === 0 && r.events.some((e) => e.type === "lesson-finished");
  const dups = duplicates(census(me.sandboxFile, prefix));
  const left = census(me.sandboxFile, prefix).liveWhat;
  const name = faults.map((f) => `${f.command} ${f.code}×${f.times}`).join(" + ");
  const err = r.events.find((e) => e.type === "error");
  return { name, ok: finished && dups.length === 0 && left.length === 0 && !r.hung, detail: finished ? "finished" : `exit ${r.code} ${err?.message ?? r.stderr.split("\n")[0]}` };
}

/** A fault that outlasts every retry: exit 3 with AWS's reason; the rerun (no fault) finishes. */
export async function outlasting() {
  const me = freshHome();
  const faulty = await runCli(me, ["--sandbox", "--yes", "--json", "--prefix", "lasting-x"], { env: { PRIVATELINK_LAB_SANDBOX_FAULTS: JSON.stringify([F("CreateVpcEndpoint", "Unavailable", 50)]) } });
  const rerun = await runCli(me, ["--sandbox", "--yes", "--json", "--prefix", "lasting-x"]);
  const dups = duplicates(census(me.sandboxFile, "lasting-x"));
  return { name: "CreateVpcEndpoint Unavailable×50 (outlasts retries)", ok: faulty.code === 3 && rerun.code === 0 && dups.length === 0, detail: `first exit ${faulty.code}, rerun ${rerun.code}` };
}
