/**
 * DescribeRegions, DescribeAvailabilityZones and DescribeInstanceTypeOfferings, from the sandbox's
 * region table (the regions it offers are the account's enabled ones).
 * Offerings answer per region (default), per zone (`LocationType: availability-zone`) or per zone
 * id, so a learner can see that t3 is not offered in every zone.
 */
import type { AvailabilityZone, InstanceTypeOffering, Region } from "@aws-sdk/client-ec2";
import { type Ec2, handlers } from "../../handler.js";
import { regionInfo, SANDBOX_REGIONS } from "../../regions.js";
import { applyFilters, sameNamed } from "./filters.js";

const ZONE_FIELDS = sameNamed<AvailabilityZone>("zone-name", "zone-id", "zone-type", "region-name", "group-name", "state", "opt-in-status");
const REGION_FIELDS = sameNamed<Region>("endpoint", "region-name", "opt-in-status");
const OFFERING_FIELDS = sameNamed<InstanceTypeOffering>("location", "instance-type");

export const zoneHandlers = handlers<Ec2>({
  DescribeRegionsCommand: (ctx, input) => {
    const regions: Region[] = SANDBOX_REGIONS.map((r) => ({ RegionName: r.RegionName, Endpoint: `ec2.${r.RegionName}.amazonaws.com`, OptInStatus: "opt-in-not-required" }));
    const unknown = (input.RegionNames ?? []).find((n) => !regionInfo(n));
    if (unknown) ctx.fail("InvalidParameterValue", `Invalid region: ${unknown}`);
    const named = regions.filter((r) => !input.RegionNames?.length || input.RegionNames.includes(r.RegionName!));
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
    for (const name of input.ZoneNames ?? []) {
      if (!zones.some((z) => z.ZoneName === name)) ctx.fail("InvalidParameterValue", `Invalid availability zone: [${name}]`);
    }
    for (const id of input.ZoneIds ?? []) {
      if (!zones.some((z) => z.ZoneId === id)) ctx.fail("InvalidParameterValue", `Invalid availability zone: [${id}]`);
    }
    let out = zones.filter(
      (z) =>
        (!input.ZoneNames?.length || input.ZoneNames.includes(z.ZoneName ?? "")) &&
        (!input.ZoneIds?.length || input.ZoneIds.includes(z.ZoneId ?? "")),
    );
    out = applyFilters(ctx, out, input.Filters, ZONE_FIELDS);
    return { AvailabilityZones: out };
  },

  DescribeInstanceTypeOfferingsCommand: (ctx, input) => {
    const zones = regionInfo(ctx.region)?.zones ?? [];
    const type = input.LocationType ?? "region";
    let offerings: InstanceTypeOffering[];
    if (type === "region") {
      const all = [...new Set(zones.flatMap((z) => z.instanceTypes))];
      offerings = all.map((t) => ({ InstanceType: t as InstanceTypeOffering["InstanceType"], LocationType: "region", Location: ctx.region }));
    } else {
      offerings = zones.flatMap((z) =>
        z.instanceTypes.map((t) => ({
          InstanceType: t as InstanceTypeOffering["InstanceType"],
          LocationType: type,
          Location: type === "availability-zone-id" ? z.ZoneId : z.ZoneName,
        })),
      );
    }
    return { InstanceTypeOfferings: applyFilters(ctx, offerings, input.Filters, OFFERING_FIELDS) };
  },
});
