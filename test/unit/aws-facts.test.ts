/**
 * Facts that changed after the article, each with the AWS documentation that says so: the lesson
 * texts in both languages must agree with them (say what is true, never the old claim). Part of
 * the content check; a new claim about AWS that ages goes into this list with its source.
 */
import { describe, expect, it } from "vitest";
import type { Lang } from "../../src/i18n/lang.js";
import { allTexts } from "../helpers/lesson-texts.js";

interface Fact {
  claim: string;
  source: string;
  /** Text no lesson may say any more. */
  never: Record<Lang, RegExp[]>;
  /** Text the lesson must say somewhere (where it teaches the point). */
  says: Record<Lang, RegExp[]>;
}

export const FACTS: Fact[] = [
  {
    claim: "PrivateLink works across Regions (since November 2024); the lesson builds both in one Region by choice",
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html",
    never: { en: [/must be in the same Region/i], ja: [/同じリージョンでなければ/] },
    says: { en: [/across Regions/], ja: [/リージョンをまたいだ PrivateLink/] },
  },
  {
    claim: "Interface, GWLB and gateway endpoints are the classic kinds; resource and service-network endpoints exist since December 2024",
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html",
    never: { en: [/(?<!classic )\bthree kinds\b/i, /All three kinds/], ja: [/VPC エンドポイントは 3 種類/, /(?<!昔からある)種類は 3 つです/] },
    says: { en: [/resource (and|endpoints).*service-network endpoints/], ja: [/リソースエンドポイントとサービスネットワークエンドポイント/] },
  },
  {
    claim: "PrivateLink is the technology behind interface, GWLB and resource endpoints: the ssm endpoints use it too",
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html",
    never: { en: [/endpoint \+ endpoint service = PrivateLink/], ja: [/エンドポイント \+ エンドポイントサービス = PrivateLink/] },
    says: { en: [/`ssm` and `ssmmessages` endpoints[^.]*PrivateLink too/], ja: [/これらも PrivateLink を使っています/] },
  },
  {
    claim: "Proxy Protocol v2 is a target group attribute, and the backend must parse its header",
    source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol",
    never: { en: [/Proxy Protocol v2 on the NLB/], ja: [/NLB で Proxy Protocol v2 を(有効|使)/] },
    says: { en: [/Proxy Protocol v2, an attribute of the NLB's target group/], ja: [/ターゲットグループの属性 Proxy Protocol v2/] },
  },
  {
    claim: "Run Command and Session Manager are two tools of Systems Manager",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command.html",
    never: { en: [/Session Manager \(Run Command\)/], ja: [/Session Manager（Run Command）/] },
    says: { en: [/Run Command, a Systems Manager tool/], ja: [/Systems Manager の Run Command/] },
  },
  {
    claim: "Only Consumer.yml creates a named IAM role (CAPABILITY_NAMED_IAM)",
    source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html",
    never: { en: [/The templates create a named IAM role/], ja: [/テンプレートが名前付きの IAM ロールを作る/] },
    says: { en: [/Consumer\.yml creates a named IAM role/], ja: [/Consumer\.yml が名前付きの IAM ロールを作る/] },
  },
  {
    claim: "The ssm endpoints' groups admit 443 from the Consumer instance's security group (templates/Consumer.yml)",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html",
    never: { en: [/admit HTTPS \(443\) from the Consumer VPC/], ja: [/Consumer VPC から HTTPS 443 を許可/] },
    says: { en: [/HTTPS \(443\) from the Consumer instance's security group/], ja: [/セキュリティグループからの HTTPS 443 を許可/] },
  },
  {
    claim: "An interface endpoint bills per hour whatever its connection state (rejected, pendingAcceptance)",
    source: "https://aws.amazon.com/privatelink/pricing/",
    never: { en: [], ja: [] },
    says: { en: [/`rejected`[^.]*billed by the hour/], ja: [/`rejected`[\s\S]{0,80}1 時間ごとに料金/] },
  },
];

/** Every text: the lesson's, the UI's, diagnose's and the challenges' (test/helpers/lesson-texts.ts). */
function everyText(lang: Lang): string[] {
  return allTexts("privatelink", lang).map((t) => t.text);
}

describe.each(["en", "ja"] as const)("the lesson in %s agrees with AWS's documentation", (lang) => {
  const texts = everyText(lang);
  it.each(FACTS.map((f) => [f.claim, f] as const))("%s", (_claim, fact) => {
    expect(fact.source).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    for (const r of fact.never[lang]) expect(texts.filter((t) => r.test(t)), String(r)).toEqual([]);
    for (const r of fact.says[lang]) expect(texts.some((t) => r.test(t)), String(r)).toBe(true);
  });
});
