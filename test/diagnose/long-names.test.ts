/**
 * `diagnose` gives a long name (the endpoint's DNS name, a service name, an ARN) whole on a line of
 * its own, after a sentence that ends there ("…name:" / "…名前："), never inside a sentence: there,
 * at 80 columns, it broke the sentence in the middle, and in Japanese it was glued to the text. The
 * checklist (one line per link, ✔/✖) names none: such a name cannot fit on one line of it.
 * Every text of lessons/<id>/diagnose/<lang>.yml is rendered as the diagnose view renders it (the
 * checklist, the first broken link's what, why and console fix; a warning's what under its line),
 * at 80 and 120 columns, in both languages. The `cli` commands are copied whole and left out.
 */
import { stripVTControlCharacters as plain } from "node:util";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { explainLink, loadDiagnoseText, type DiagnoseText } from "../../src/diagnose/text.js";
import { translator } from "../../src/i18n/messages.js";
import { LANGS } from "../../src/i18n/lang.js";
import { LINK_IDS, type Link, type LinkStatus } from "../../src/reachability/chain.js";
import type { DiagnosisLink } from "../../src/ui/io-host.js";
import { loadPhrases, type Phrases } from "../../src/ui/line-breaks.js";
import { renderEvent } from "../../src/ui/render-event.js";

// As long as AWS's names in the Tokyo region (the longest the lesson meets).
const LONG: Record<string, string> = {
  dns: "vpce-0a1b2c3d4e5f6a7b8-x1y2z3w4.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com",
  serviceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
  targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/pl-tg/0123456789abcdef",
  nlbArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/pl-nlb/0123456789abcdef",
  listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:listener/net/pl-nlb/0123456789abcdef/fedcba9876543210",
  principals: "arn:aws:iam::123456789012:root",
};
/**
 * The other values as wide as real ones (ids, addresses, states), so the lines wrap where a learner's do; their digits
 * are not the long names', so a line that holds a piece of a long name is told from one that holds an id.
 */
const SHORT: Record<string, string> = {
  instanceId: "i-0c1d2e3f4a5b6c7d8", providerInstanceId: "i-0d2e3f4a5b6c7d8e9", targets: "i-0d2e3f4a5b6c7d8e9", state: "stopped", ping: "ConnectionLost",
  sgId: "sg-0e3f4a5b6c7d8e9f0", sgIds: "sg-0f4a5b6c7d8e9f0a1", consumerSgId: "sg-0f4a5b6c7d8e9f0a1", endpointSgId: "sg-0a5b6c7d8e9f0a1b2",
  eniIp: "10.0.1.23", addresses: "10.0.1.23", consumerIp: "10.0.1.10", nodeIps: "10.1.1.5, 10.1.2.6", providerVpcCidr: "10.1.0.0/16", port: "80", ports: "8080",
  endpointId: "vpce-0b6c7d8e9f0a1b2c3", wrongEndpointId: "vpce-0c7d8e9f0a1b2c3d4", serviceId: "vpce-svc-0d8e9f0a1b2c3d4e5",
  azs: "ap-northeast-1a", serviceAzs: "ap-northeast-1c", consumerAz: "ap-northeast-1a", region: "ap-northeast-1",
  consumerVpcId: "vpc-0e9f0a1b2c3d4e5f6", providerVpcId: "vpc-0f0a1b2c3d4e5f6a7", consumerSubnetId: "subnet-0b2c3d4e5f6a7b8c9",
  nlbName: "pl-lab-provider-nlb", targetGroupName: "pl-lab-provider-tg", providerStack: "pl-lab-provider",
  health: "i-0d2e3f4a5b6c7d8e9: unhealthy (Target.FailedHealthChecks)",
};
const VARS = { ...SHORT, ...LONG };

/** Pieces of the long names (16 characters) that no other value holds: a line with one holds the name, or a piece of it. */
const pieces = Object.values(LONG)
  .flatMap((v) => Array.from({ length: v.length - 15 }, (_, i) => v.slice(i, i + 16)))
  .filter((p) => !Object.values(SHORT).some((s) => s.includes(p)));

/** Every placeholder in the text has a value (a text with an unknown one would be left out, not checked). */
function placeholdersOf(text: DiagnoseText): string[] {
  return [...JSON.stringify(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}

/** A terminal: its language (and Japanese phrases), its width, colour or not. */
interface Screen {
  lang: (typeof LANGS)[number];
  width: number;
  color: boolean;
  phrases: Phrases | undefined;
}

/** The diagnosis view, with `link`'s problem as the first broken link (fail) or a warning under its line (warn), the others passing. */
function rendered(text: DiagnoseText, id: string, problem: string, status: LinkStatus, { lang, width, color, phrases }: Screen): string {
  const chain = LINK_IDS.map((l): Link => (l === id ? { id: l, status, problem, vars: VARS } : { id: l, status: "pass", vars: VARS }));
  const links = chain.map((l) => explainLink(text, l, VARS));
  const broken = links[LINK_IDS.indexOf(id as (typeof LINK_IDS)[number])]!;
  // The commands are the command's business (copied whole): only the prose is looked at.
  const { cli: _cli, commands: _commands, ...prose } = broken;
  const first: DiagnosisLink | undefined = status === "fail" ? prose : undefined;
  const shown = renderEvent({ type: "diagnosis", title: text.title, ok: false, links, ...(first ? { first } : {}) }, { c: new Chalk({ level: color ? 1 : 0 }), t: translator(lang), width, markdown: (md) => md, phrases });
  return plain(shown ?? "");
}

/** Lines where a long name is not whole on a line of its own after a sentence that ends there. */
function misplaced(shown: string): string[] {
  const lines = shown.split("\n");
  const bad: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (!pieces.some((p) => line.includes(p))) continue;
    const alone = Object.values(LONG).includes(line.trim());
    const introduced = /[:：]$/.test(lines[i - 1]?.trimEnd() ?? "");
    if (!alone || !introduced) bad.push(`${lines[i - 1]?.trim()} ⏎ ${line.trim()}`);
  }
  return bad;
}

describe("diagnose gives a long name on a line of its own, never inside a sentence", () => {
  for (const lang of LANGS) {
    const text = loadDiagnoseText("privatelink", lang);
    it(`${lang}: every placeholder of the texts has a value here`, () => {
      expect(placeholdersOf(text).filter((name) => !(name in VARS))).toEqual([]);
    });
    for (const width of [80, 120]) {
      it(`${lang}, ${width} columns: each problem's what, why and fix, as the first broken link and as a warning`, async () => {
        const phrases = lang === "ja" ? await loadPhrases("ja") : undefined;
        // Each misplaced name once, with the first problem whose view shows it (a passing link's line shows in all).
        const bad = new Map<string, string>();
        for (const [id, link] of Object.entries(text.links)) {
          for (const problem of Object.keys(link.problems)) {
            for (const status of ["fail", "warn"] as const) {
              for (const color of [false, true]) for (const b of misplaced(rendered(text, id, problem, status, { lang, width, color, phrases }))) if (!bad.has(b)) bad.set(b, `${id}.${problem} (${status}): ${b}`);
            }
          }
        }
        expect([...bad.values()], [...bad.values()].join("\n")).toEqual([]);
      });
    }
    it(`${lang}: the checklist names no long name (one line per link cannot hold one)`, () => {
      const names = Object.entries(text.links).flatMap(([id, link]) => [
        explainLink(text, { id: id as Link["id"], status: "pass", vars: VARS }, VARS).name,
        ...Object.keys(link.problems).map((problem) => explainLink(text, { id: id as Link["id"], status: "fail", problem, vars: VARS }, VARS).name),
      ]);
      expect(names.filter((n) => pieces.some((p) => n.includes(p)))).toEqual([]);
    });
  }
});
