/**
 * DescribeRegions, DescribeAvailabilityZones and DescribeInstanceTypeOfferings, from the sandbox's
 * region table (the regions it offers are the account's enabled ones).
 * Offerings answer per region (default), per zone (`LocationType: availability-zone`) or per zone
 * id, so a learner can see that t3 is not offered in every zone.
 */
import type { AvailabilityZone, InstanceTypeOffering, Region } from "@aws-sdk/client-ec2";
import { type Ec2, handlers } from "../../handler.js";
import { regionInfo, SANDBOX_REGIONS } from "../../regions.js";
import { applyFilters, pickNamed, sameNamed } from "./filters.js";

const ZONE_FIELDS = sameNamed<AvailabilityZone>("zone-name", "zone-id", "zone-type", "region-name", "group-name", "state", "opt-in-status");
const REGION_FIELDS = sameNamed<Region>("endpoint", "region-name", "opt-in-status");
const OFFERING_FIELDS = sameNamed<InstanceTypeOffering>("location", "instance-type");

export const zoneHandlers = handlers<Ec2>({
  DescribeRegionsCommand: (ctx, input) => {
    const regions: Region[] = SANDBOX_REGIONS.map((r) => ({ RegionName: r.RegionName, Endpoint: `ec2.${r.RegionName}.amazonaws.com`, OptInStatus: "opt-in-not-required" }));
    const invalid = ([name]: string[]) => ctx.fail("InvalidParameterValue", `Invalid region: ${name}`);
    const named = pickNamed(regions, input.RegionNames, (r) => r.RegionName, invalid);
    return { Regions: applyFilters(ctx, named, input.Filters, REGION_FIELDS) };
  },

  DescribeAvailabilityZonesCommand: (ctx, input) => {
    const zones: AvailabilityZone[] = (regionInfo(ctx.region)?.zones ?? []).map((z) => ({
      State: "available",
      OptInStatus: "opt-in-not-required",
      Messages: [],
      RegionName: ctx.region,
      ZoneName: z.ZoneName,
      ZoneId: z.ZoneId,
      GroupName: ctx.region,
      NetworkBorderGroup: ctx.region,
      ZoneType: "availability-zone",
    }));
    const invalid = ([zone]: string[]) => ctx.fail("InvalidParameterValue", `Invalid availability zone: [${zone}]`);
    const named = pickNamed(zones, input.ZoneNames, (z) => z.ZoneName, invalid);
    const withIds = pickNamed(zones, input.ZoneIds, (z) => z.ZoneId, invalid);
    const both = named.filter((z) => withIds.includes(z));
    return { AvailabilityZones: applyFilters(ctx, both, input.Filters, ZONE_FIELDS) };
  },

  DescribeInstanceTypeOfferingsCommand: (ctx, input) => {
    const zones = regionInfo(ctx.region)?.zones ?? [];
    const type = input.LocationType ?? "region";
    const offer = (t: string, Location: string): InstanceTypeOffering => ({
      InstanceType: t as InstanceTypeOffering["InstanceType"],
      LocationType: type,
      Location,
    });
    const where = (z: (typeof zones)[number]) => (type === "availability-zone-id" ? z.ZoneId : z.ZoneName);
    const offerings =
      type === "region"
        ? [...new Set(zones.flatMap((z) => z.instanceTypes))].map((t) => offer(t, ctx.region))
        : zones.flatMap((z) => z.instanceTypes.map((t) => offer(t, where(z))));
    return { InstanceTypeOfferings: applyFilters(ctx, offerings, input.Filters, OFFERING_FIELDS) };
  },
});
