/**
 * DescribeImages: the Amazon Linux 2023 AMIs that AWS's public SSM parameters name in this region
 * (what the stacks launch), owned by `amazon`. The account has no AMIs of its own.
 */
import type { Image } from "@aws-sdk/client-ec2";
import { type Ec2, handlers } from "../../handler.js";
import { PUBLIC_AMI_PARAMETERS, publicParameter } from "../../public-parameters.js";
import { applyFilters, pickNamed, sameNamed } from "./filters.js";

const AMAZON = "137112412989";
const RELEASE = "2023.9.20261120.0";
const FIELDS = sameNamed<Image>("image-id", "name", "architecture", "owner-id", "state", "image-type", "platform-details", "root-device-type", "virtualization-type");

/** What every Amazon Linux 2023 AMI shows alike. */
const AL2023 = {
  OwnerId: AMAZON, ImageOwnerAlias: "amazon", Public: true, State: "available", ImageType: "machine", PlatformDetails: "Linux/UNIX", UsageOperation: "RunInstances",
  RootDeviceType: "ebs", RootDeviceName: "/dev/xvda", VirtualizationType: "hvm", Hypervisor: "xen", EnaSupport: true, SriovNetSupport: "simple", BootMode: "uefi-preferred", ImdsSupport: "v2.0",
} as const satisfies Image;

function images(region: string): Image[] {
  return PUBLIC_AMI_PARAMETERS.map((name) => {
    const p = publicParameter(region, name)!;
    const tail = name.split("/").pop()!.replace(/^al2023-ami-/, "");
    const Name = `al2023-ami-${tail.replace(/^(minimal-)?/, `$1${RELEASE}-`)}`;
    const Architecture = tail.endsWith("arm64") ? "arm64" : "x86_64";
    const root = { DeleteOnTermination: true, SnapshotId: `snap-${p.Value.slice(4)}`, VolumeSize: 8, VolumeType: "gp3", Encrypted: false } as const;
    return {
      ...AL2023, ImageId: p.Value, Name, Description: `Amazon Linux 2023 AMI ${RELEASE} ${Architecture} HVM`, ImageLocation: `amazon/${Name}`, Architecture,
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: root }], CreationDate: p.LastModifiedDate.toISOString(),
    };
  });
}

export const imageHandlers = handlers<Ec2>({
  DescribeImagesCommand: (ctx, input) => {
    const named = pickNamed(images(ctx.region), input.ImageIds, (i) => i.ImageId, (missing) =>
      ctx.fail("InvalidAMIID.NotFound", `The image id${missing.length > 1 ? "s" : ""} '[${missing.join(", ")}]' ${missing.length > 1 ? "do" : "does"} not exist`),
    );
    const owners = input.Owners ?? [];
    const picked = owners.length === 0 || owners.includes("amazon") || owners.includes(AMAZON) ? named : [];
    return { Images: applyFilters(ctx, picked, input.Filters, { ...FIELDS, "owner-alias": (i) => i.ImageOwnerAlias, "is-public": (i) => i.Public }) };
  },
});
