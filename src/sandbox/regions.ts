/**
 * The regions the sandbox account offers, their Availability Zones and which instance types each
 * zone offers. As on AWS, not every zone offers every type: t3 is not offered in use1-az3
 * (us-east-1e in this account), so a lesson pinned there fails the way it would on AWS.
 */

export interface ZoneInfo {
  ZoneName: string;
  ZoneId: string;
  /** Instance types offered in this zone. */
  instanceTypes: string[];
}

export interface RegionInfo {
  RegionName: string;
  zones: ZoneInfo[];
  /** Route 53 zones of the region's names: NLB DNS names (CanonicalHostedZoneId) and `*.vpce.amazonaws.com`. */
  hostedZones: { nlb: string; vpce: string };
}

const COMMON_TYPES = ["t3.nano", "t3.micro", "t3.small", "t3.medium", "t2.micro", "t2.nano", "m5.large"];
const NO_T3 = ["t2.micro", "t2.nano", "m5.large"];

function region(RegionName: string, idPrefix: string, letters: string, ids: number[], [nlb, vpce]: [string, string], withoutT3: string[] = []): RegionInfo {
  const zones = [...letters].map((letter, i) => {
    const ZoneName = `${RegionName}${letter}`;
    return {
      ZoneName,
      ZoneId: `${idPrefix}-az${ids[i]}`,
      instanceTypes: withoutT3.includes(ZoneName) ? NO_T3 : COMMON_TYPES,
    };
  });
  return { RegionName, zones, hostedZones: { nlb, vpce } };
}

export const SANDBOX_REGIONS: RegionInfo[] = [
  region("ap-northeast-1", "apne1", "acd", [4, 1, 2], ["Z31USIVHYNEOWT", "Z2E726K9Y6RL4W"]),
  region("ap-northeast-3", "apne3", "abc", [1, 2, 3], ["Z1GWIQ4HH19I5X", "Z376B5OMM2JZL2"]),
  region("us-east-1", "use1", "abcdef", [6, 1, 2, 4, 3, 5], ["Z26RNL4JYFTOTI", "Z7HUB22UULQXV"], ["us-east-1e"]),
  region("us-west-2", "usw2", "abcd", [2, 1, 3, 4], ["Z18D5FSROUN65G", "Z1YSA3EXCYUU9Z"]),
  region("eu-west-1", "euw1", "abc", [1, 2, 3], ["Z2IFOLAFXWLO4F", "Z38GZ743OKFT7T"]),
  region("eu-central-1", "euc1", "abc", [1, 2, 3], ["Z3F0SRJ5LGBH90", "Z273ZU8SZ5RJPC"]),
  region("ap-southeast-1", "apse1", "abc", [1, 2, 3], ["ZKVM4W9LS7TM", "Z18LLCSTV4NVNL"]),
];

export function regionInfo(region: string): RegionInfo | undefined {
  return SANDBOX_REGIONS.find((r) => r.RegionName === region);
}

export function zoneInfo(region: string, zoneName: string): ZoneInfo | undefined {
  return regionInfo(region)?.zones.find((z) => z.ZoneName === zoneName);
}

/** The zone ids (`apne1-az4`) of zone names, as EC2 lists them beside the names. */
export function zoneIds(region: string, zoneNames: string[]): string[] {
  return zoneNames.map((z) => zoneInfo(region, z)?.ZoneId ?? z);
}
