/** AWS::EC2::Instance: CREATE_COMPLETE when the instance is `running` (~30 s). */
import { launchInstance, terminateInstance } from "../../model/instances.js";
import { isRecord } from "../template.js";
import { propString, propStrings, requireProp, ResourceFailure, type ResourceProvider } from "./types.js";
import type { HandlerContext } from "../../handler.js";

const VOLUME_TYPES = ["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"];

/** The EBS settings CloudFormation passes to RunInstances; AWS rejects an unknown volume type. */
function checkVolumes(ctx: HandlerContext, props: Record<string, unknown>): void {
  const mappings = Array.isArray(props.BlockDeviceMappings) ? props.BlockDeviceMappings : [];
  for (const m of mappings) {
    const ebs = isRecord(m) && isRecord(m.Ebs) ? m.Ebs : undefined;
    if (!ebs) continue;
    const type = ebs.VolumeType === undefined ? "gp2" : String(ebs.VolumeType);
    if (!VOLUME_TYPES.includes(type)) ctx.fail("InvalidParameterValue", `Value (${type}) for parameter volumeType is invalid.`);
    const size = ebs.VolumeSize === undefined ? 8 : Number(ebs.VolumeSize);
    if (!Number.isInteger(size) || size < 1) ctx.fail("InvalidParameterValue", `Value (${String(ebs.VolumeSize)}) for parameter volumeSize is invalid.`);
  }
}

function profileArn(ctx: HandlerContext, nameOrArn: string | undefined): string | undefined {
  if (!nameOrArn) return undefined;
  if (nameOrArn.startsWith("arn:")) return nameOrArn;
  const p = ctx.world.instanceProfiles[nameOrArn];
  if (!p) ctx.fail("InvalidParameterValue", `Value (${nameOrArn}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`);
  return p.Arn;
}

export const instanceProvider: ResourceProvider = {
  attributes: ["AvailabilityZone", "InstanceId", "PrivateDnsName", "PrivateIp", "PublicDnsName", "PublicIp", "VpcId"],
  createSeconds: () => 30,
  deleteSeconds: () => 60,
  create(ctx, { props, life, tags }) {
    checkVolumes(ctx, props);
    if (props.NetworkInterfaces !== undefined) throw new ResourceFailure("The sandbox supports SubnetId and SecurityGroupIds, not NetworkInterfaces.");
    const arn = profileArn(ctx, propString(props, "IamInstanceProfile"));
    const userData = propString(props, "UserData");
    const instance = launchInstance(ctx, {
      ImageId: requireProp(props, "ImageId"),
      InstanceType: propString(props, "InstanceType") ?? "m1.small",
      SubnetId: requireProp(props, "SubnetId"),
      SecurityGroupIds: propStrings(props, "SecurityGroupIds"),
      ...(arn ? { IamInstanceProfileArn: arn } : {}),
      ...(userData ? { UserData: userData } : {}),
      Tags: tags,
      life,
    });
    return {
      physicalId: instance.InstanceId,
      attrs: {
        InstanceId: instance.InstanceId,
        AvailabilityZone: instance.AvailabilityZone,
        PrivateDnsName: instance.PrivateDnsName,
        PrivateIp: instance.PrivateIpAddress,
        PublicDnsName: "",
        PublicIp: "",
        VpcId: instance.VpcId,
      },
    };
  },
  delete: terminateInstance,
};
