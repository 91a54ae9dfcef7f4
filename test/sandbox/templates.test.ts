import { GetParameterCommand, GetParametersCommand } from "@aws-sdk/client-ssm";
import { DescribeStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import { readTemplate } from "../../src/sandbox/cfn/template.js";
import { KNOWN_TYPES } from "../../src/sandbox/cfn/resources/index.js";
import { AL2023_X86_PARAMETER } from "../../src/sandbox/public-parameters.js";
import { tagValue } from "../../src/sandbox/world.js";
import { CONSUMER, deploy, lab, PROVIDER } from "./cfn-helpers.js";

const both = [
  ["Consumer", CONSUMER],
  ["Provider", PROVIDER],
] as const;

describe("the lesson's templates", () => {
  it.each(both)("%s keeps the article's parameters and adds AvailabilityZone, with modern defaults", (_name, body) => {
    const t = readTemplate(body, KNOWN_TYPES);
    expect(Object.keys(t.Parameters)).toEqual(
      expect.arrayContaining(["Prefix", "AvailabilityZone", "VpcCidr", "PrivateSubnetCidr", "EC2InstanceName", "EC2InstanceAMI", "EC2InstanceInstanceType"]),
    );
    expect(t.Parameters.EC2InstanceAMI).toMatchObject({ Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: AL2023_X86_PARAMETER });
    expect(t.Parameters.EC2InstanceInstanceType?.Default).toBe("t3.micro");
    expect(t.Parameters.EC2InstanceVolumeType?.Default).toBe("gp3");
    expect(t.Parameters.AvailabilityZone?.Default).toBe("");
    expect(Object.keys(t.Outputs)).toEqual(expect.arrayContaining(["VpcId", "SubnetId", "InstanceId", "SecurityGroupId"]));
  });

  it("Provider boots its instance after the S3 gateway endpoint and writes a page that names it", () => {
    const t = readTemplate(PROVIDER, KNOWN_TYPES);
    expect(t.Resources.EC2Instance?.DependsOn).toEqual(expect.arrayContaining(["VPCS3Endpoint", "PrivateSubnetTableAssociation"]));
    const script = JSON.stringify(t.Resources.EC2Instance?.Properties.UserData);
    expect(script).toContain("dnf install -y httpd");
    expect(script).toContain("cat > /var/www/html/index.html <<EOF");
    expect(script).toContain("systemctl enable --now httpd");
    expect(Object.keys(t.Outputs)).toEqual(expect.arrayContaining(["NLBArn", "TargetGroupArn", "NLBDnsName"]));
  });

  it("the deployed Provider's httpd answers with its own instance id and AZ", async () => {
    const l = await lab("us-west-2");
    await deploy(l, "plab-provider", PROVIDER, { Prefix: "gina", AvailabilityZone: "us-west-2b" });
    const res = (await l.clients.cfn.send(new DescribeStackResourcesCommand({ StackName: "plab-provider" }))).StackResources ?? [];
    const id = res.find((r) => r.LogicalResourceId === "EC2Instance")!.PhysicalResourceId!;
    const instance = l.sandbox.store.snapshot().regions["us-west-2"]!.instances[id]!;
    expect(instance.AvailabilityZone).toBe("us-west-2b");
    expect(instance.boot.httpdFailure).toBeUndefined();
    expect(instance.boot.httpdStatus).toBe(200);
    expect(instance.boot.httpdBody).toContain(`Instance ${id} in us-west-2b answered through AWS PrivateLink.`);
    // Stack tags and CloudFormation's own tags reach the resources.
    expect(tagValue(instance.Tags, "aws:cloudformation:logical-id")).toBe("EC2Instance");
    expect(tagValue(instance.Tags, "Name")).toBe("gina-provider-ec2"); // the side in the name (templates/CHANGES.md 11)
  });

  it("without the S3 gateway endpoint, dnf cannot install httpd", async () => {
    const l = await lab();
    const noS3 = PROVIDER.replace(/  VPCS3Endpoint:[\s\S]*?VpcId: !Ref Vpc\n/, "").replace("      - VPCS3Endpoint\n", "");
    await deploy(l, "no-s3", noS3, { Prefix: "hank" });
    const rw = l.sandbox.store.snapshot().regions["ap-northeast-1"]!;
    const instance = Object.values(rw.instances)[0]!;
    expect(instance.boot.httpdFailure).toBe("dnf could not reach the package repository (no route to S3)");
  });

  it("the Consumer installs nothing (its VPC cannot reach the package repositories)", async () => {
    const l = await lab();
    await deploy(l, "plab-consumer", CONSUMER, { Prefix: "ivy" });
    const instance = Object.values(l.sandbox.store.snapshot().regions["ap-northeast-1"]!.instances)[0]!;
    expect(instance.boot).toEqual({});
    expect(instance.IamInstanceProfileArn).toBe("arn:aws:iam::000000000000:instance-profile/ivy-ec2-instance-profile");
  });
});

describe("SSM public parameters", () => {
  it("give a well-formed AMI id per region, and ParameterNotFound / InvalidParameters as AWS", async () => {
    const tokyo = await lab("ap-northeast-1");
    const virginia = await lab("us-east-1");
    const a = (await tokyo.clients.ssm.send(new GetParameterCommand({ Name: AL2023_X86_PARAMETER }))).Parameter;
    const b = (await virginia.clients.ssm.send(new GetParameterCommand({ Name: AL2023_X86_PARAMETER }))).Parameter;
    expect(a?.Value).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(a?.Value).not.toBe(b?.Value);
    expect(a?.DataType).toBe("aws:ec2:image");
    await expect(tokyo.clients.ssm.send(new GetParameterCommand({ Name: "/aws/service/nope" }))).rejects.toMatchObject({ name: "ParameterNotFound" });
    const many = await tokyo.clients.ssm.send(new GetParametersCommand({ Names: [AL2023_X86_PARAMETER, "/nope"] }));
    expect(many.Parameters?.map((p) => p.Name)).toEqual([AL2023_X86_PARAMETER]);
    expect(many.InvalidParameters).toEqual(["/nope"]);
  });
});
