/**
 * Every text of a lesson that prints commands, as its author wrote it: each step's sections
 * (the `## cli` block, hints, notes, done texts), each challenge's story, hints and explanation,
 * each `diagnose` fix, and the workshop's quota-increase commands.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lessonDir, loadManifest, loadStep } from "../../src/content/lesson-content.js";
import { loadChallenges, loadChallengeText } from "../../src/challenge/definitions.js";
import { loadDiagnoseText } from "../../src/diagnose/text.js";
import type { Lang } from "../../src/i18n/lang.js";
import { PLACEHOLDER_NAMES } from "../../src/lesson/vars.js";

export interface PrintedText {
  where: string;
  /** `markdown`: lesson text with fenced blocks and inline commands; `lines`: a diagnose fix. */
  kind: "markdown" | "lines";
  text: string;
}

export const LESSON = "privatelink";

export function printedTexts(lang: Lang): PrintedText[] {
  const out: PrintedText[] = [];
  const md = (where: string, text: string) => text.trim() && out.push({ where, kind: "markdown", text });
  for (const { id } of loadManifest(LESSON).steps) {
    const c = loadStep(LESSON, id, lang);
    for (const [section, text] of [["concept", c.concept], ["console", c.console], ["cli", c.cli], ["done", c.done]] as const) md(`${id}/${section}`, text);
    c.hints.forEach((h, i) => md(`${id}/hint ${i + 1}`, h));
    for (const [k, t] of Object.entries(c.notes)) md(`${id}/note:${k}`, t);
    for (const [k, t] of Object.entries(c.doneVariants)) md(`${id}/done:${k}`, t);
    // The ways as the cloud makes them (a cleanup half done).
    for (const [section, variants] of [["concept", c.conceptVariants], ["console", c.consoleVariants], ["cli", c.cliVariants]] as const) for (const [k, t] of Object.entries(variants)) md(`${id}/${section}:${k}`, t);
    for (const [k, hints] of Object.entries(c.hintVariants)) hints.forEach((h, i) => md(`${id}/hints:${k} ${i + 1}`, h));
  }
  for (const ch of loadChallenges(LESSON)) {
    const c = loadChallengeText(LESSON, ch.id, lang);
    md(`challenge ${ch.id}/story`, c.story);
    c.hints.forEach((h, i) => md(`challenge ${ch.id}/hint ${i + 1}`, h));
    md(`challenge ${ch.id}/explain`, c.explain);
  }
  const d = loadDiagnoseText(LESSON, lang);
  for (const [link, entry] of Object.entries(d.links)) {
    for (const [problem, p] of Object.entries(entry.problems)) if (p.cli) out.push({ where: `diagnose ${link}/${problem}`, kind: "lines", text: p.cli });
  }
  return out;
}

/** Every {{name}} the diagnose texts use besides the lesson's. */
function diagnoseNames(): string[] {
  const text = readFileSync(join(lessonDir(LESSON), "diagnose", "en.yml"), "utf8");
  return [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))];
}

const REAL: Record<string, string> = {
  region: "ap-northeast-1",
  prefix: "alice",
  accountId: "123456789012",
  az: "ap-northeast-1a",
  consumerStack: "alice-consumer",
  providerStack: "alice-provider",
  consumerVpcId: "vpc-0a1b2c3d4e5f60718",
  providerVpcId: "vpc-0f1e2d3c4b5a69788",
  consumerSubnetId: "subnet-0123456789abcdef0",
  providerSubnetId: "subnet-0fedcba9876543210",
  consumerInstanceId: "i-0123456789abcdef0",
  providerInstanceId: "i-0fedcba9876543210",
  instanceId: "i-0123456789abcdef0",
  consumerInstanceIp: "10.0.0.12",
  consumerIp: "10.0.0.12",
  eniIp: "10.0.0.40",
  consumerSgId: "sg-0123456789abcdef0",
  providerSgId: "sg-0fedcba9876543210",
  sgId: "sg-0aaaabbbbccccdddd",
  endpointSgId: "sg-0eeeeffff00001111",
  nlbArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/alice-nlb/0123456789abcdef",
  nlbName: "alice-nlb",
  targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/alice-tg/0123456789abcdef",
  listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:listener/net/alice-nlb/0123456789abcdef/fedcba9876543210",
  serviceId: "vpce-svc-0123456789abcdef0",
  serviceName: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
  endpointId: "vpce-0123456789abcdef0",
  dnsRegional: "vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com",
  dnsZonal: "vpce-0123456789abcdef0-abcdefgh-ap-northeast-1a.vpce-svc-0123456789abcdef0.ap-northeast-1.vpce.amazonaws.com",
  providerVpcCidr: "10.1.0.0/16",
  port: "80",
  serviceAzs: "ap-northeast-1a",
  state: "stopped",
  costPerHour: "0.096",
  costNowPerHour: "0.096",
};

/** Real-looking values for every placeholder; the templates where the platform keeps them. */
export function sampleVars(templates: { consumer: string; provider: string }): Record<string, string> {
  const vars: Record<string, string> = { ...REAL, consumerTemplate: templates.consumer, providerTemplate: templates.provider };
  // The challenges' own values (src/challenge/run.ts fills them from the learner's path).
  const challengeNames = ["endpointSgId", "endpointId", "providerSgId", "consumerSgId", "listenerArn", "providerVpcCidr", "consumerVpcCidr"];
  for (const name of [...PLACEHOLDER_NAMES, ...diagnoseNames(), ...challengeNames]) vars[name] ??= `value-of-${name}`;
  return vars;
}

export const POSIX_TEMPLATES = { consumer: "/home/taro/.npm/_npx/1a2b3c/node_modules/privatelink-lab/templates/Consumer.yml", provider: "/home/taro/.npm/_npx/1a2b3c/node_modules/privatelink-lab/templates/Provider.yml" };
/** A Windows user whose name has a space, as many do: the path must stay one argument. */
export const WIN32_TEMPLATES = {
  consumer: "C:\\Users\\Taro Yamada\\AppData\\Local\\npm-cache\\_npx\\1a2b3c\\node_modules\\privatelink-lab\\templates\\Consumer.yml",
  provider: "C:\\Users\\Taro Yamada\\AppData\\Local\\npm-cache\\_npx\\1a2b3c\\node_modules\\privatelink-lab\\templates\\Provider.yml",
};
