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
}

const COMMON_TYPES = ["t3.nano", "t3.micro", "t3.small", "t3.medium", "t2.micro", "t2.nano", "m5.large"];
const NO_T3 = ["t2.micro", "t2.nano", "m5.large"];

function zones(region: string, idPrefix: string, letters: string, ids: number[], withoutT3: string[] = []): ZoneInfo[] {
  return [...letters].map((letter, i) => {
    const ZoneName = `${region}${letter}`;
    return {
      ZoneName,
      ZoneId: `${idPrefix}-az${ids[i]}`,
      instanceTypes: withoutT3.includes(ZoneName) ? NO_T3 : COMMON_TYPES,
    };
  });
}

export const SANDBOX_REGIONS: RegionInfo[] = [
  { RegionName: "ap-northeast-1", zones: zones("ap-northeast-1", "apne1", "acd", [4, 1, 2]) },
  { RegionName: "ap-northeast-3", zones: zones("ap-northeast-3", "apne3", "abc", [1, 2, 3]) },
  { RegionName: "us-east-1", zones: zones("us-east-1", "use1", "abcdef", [6, 1, 2, 4, 3, 5], ["us-east-1e"]) },
  { RegionName: "us-west-2", zones: zones("us-west-2", "usw2", "abcd", [2, 1, 3, 4]) },
  { RegionName: "eu-west-1", zones: zones("eu-west-1", "euw1", "abc", [1, 2, 3]) },
  { RegionName: "eu-central-1", zones: zones("eu-central-1", "euc1", "abc", [1, 2, 3]) },
  { RegionName: "ap-southeast-1", zones: zones("ap-southeast-1", "apse1", "abc", [1, 2, 3]) },
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
