/**
 * What a curious learner (or the article) types by hand to look around a built lab, with the real
 * AWS CLI against the served sandbox: each command answers in AWS's shape (read here through
 * `--query`, as a learner would), lists page (`--max-results` / `--next-token` by hand,
 * `--page-size` followed by the CLI, the SDK's paginators in process and over HTTP), and
 * `start-session`, which cannot work here, says in plain words to use `send-command`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { paginateDescribeVpcEndpoints, type EC2Client } from "@aws-sdk/client-ec2";
import { paginateListCommands, SendCommandCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { fileURLToPath } from "node:url";
import type { LearnerPath } from "../../src/challenge/learner-path.js";
import type { ServedSandbox } from "../../src/sandbox/serve/server.js";
import type { LabCopy } from "../helpers/built-lab.js";
import { servedLabShell, type Shell } from "../helpers/served-lab-shell.js";
import { servedClients } from "../helpers/served-clients.js";

const TEMPLATE = fileURLToPath(new URL("../../templates/Consumer.yml", import.meta.url));
const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

let lab: LabCopy;
let path: LearnerPath;
let served: ServedSandbox;
let sh: Shell;
let ok: (script: string) => Promise<string>;

beforeAll(async () => {
  ({ lab, path, served, sh, ok } = await servedLabShell());
  return () => served.close();
}, 120_000);


describe("read-only commands by hand, with the real AWS CLI", () => {
  it("describe-regions, describe-instance-status, describe-images of the stacks' AMI, describe-tags", async () => {
    const region = lab.ctx.state.region;
    expect((await ok(`aws ec2 describe-regions --query 'Regions[].RegionName' --output text`)).split(/\s+/)).toContain(region);
    expect(await ok(`aws ec2 describe-regions --region-names ${region} --query 'Regions[0].Endpoint' --output text`)).toBe(`ec2.${region}.amazonaws.com`);

    const consumer = path.consumerInstanceId!;
    expect(await ok(`aws ec2 describe-instance-status --instance-ids ${consumer} --query 'InstanceStatuses[0].[InstanceState.Name,InstanceStatus.Status,SystemStatus.Details[0].Status]' --output text`)).toBe("running\tok\tpassed");
    expect(await ok(`aws ec2 describe-instance-status --include-all-instances --query 'sort(InstanceStatuses[].InstanceId)' --output text`)).toBe([consumer, path.providerInstanceId!].sort().join("\t"));

    // The AMI the templates resolve from the public parameter is the one the instance runs, and EC2 knows it.
    const ami = await ok(`aws ssm get-parameter --name ${AMI_PARAMETER} --query Parameter.Value --output text`);
    expect(await ok(`aws ec2 describe-instances --instance-ids ${consumer} --query 'Reservations[0].Instances[0].ImageId' --output text`)).toBe(ami);
    expect(await ok(`aws ec2 describe-images --image-ids ${ami} --query 'Images[0].[ImageId,ImageOwnerAlias,Architecture,State]' --output text`)).toBe(`${ami}\tamazon\tx86_64\tavailable`);
    const missing = await sh(`aws ec2 describe-images --image-ids ami-00000000000000000`);
    expect(missing.err).toMatch(/InvalidAMIID\.NotFound/);
    expect((await ok(`aws ssm get-parameters-by-path --path /aws/service/ami-amazon-linux-latest --query 'Parameters[].Name' --output text`)).split(/\s+/)).toContain(AMI_PARAMETER);

    const vpc = path.consumerVpcId!;
    expect(await ok(`aws ec2 describe-tags --filters Name=resource-id,Values=${vpc} Name=key,Values=Name --query 'Tags[].[ResourceType,Value]' --output text`)).toBe(`vpc\t${lab.ctx.names.prefix}-consumer-vpc`);
    const instanceTags = await ok(`aws ec2 describe-tags --filters Name=resource-type,Values=instance Name=value,Values='${lab.ctx.names.prefix}*' --query 'Tags[].ResourceId' --output text`);
    expect(new Set(instanceTags.split(/\s+/))).toEqual(new Set([consumer, path.providerInstanceId!]));
  }, 120_000);

  it("describe-prefix-lists names the list the S3 gateway endpoint's route points at; the NLB's and target group's attributes", async () => {
    const region = lab.ctx.state.region;
    const s3List = await ok(`aws ec2 describe-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.${region}.s3 --query 'PrefixLists[0].PrefixListId' --output text`);
    expect(s3List).toMatch(/^pl-[0-9a-f]{8}$/);
    expect((await ok(`aws ec2 describe-route-tables --query 'RouteTables[].Routes[].DestinationPrefixListId' --output text`)).split(/\s+/)).toContain(s3List);

    expect(await ok(`aws elbv2 describe-target-group-attributes --target-group-arn ${path.targetGroupArn} --query "Attributes[?Key=='deregistration_delay.timeout_seconds'].Value" --output text`)).toBe("300");
    expect(await ok(`aws elbv2 describe-load-balancer-attributes --load-balancer-arn ${path.nlbArn} --query "Attributes[?Key=='deletion_protection.enabled'].Value" --output text`)).toBe("false");
  }, 120_000);

  it("validate-template reads the repo's template: its Description, Parameters and the IAM capability it needs", async () => {
    const out = JSON.parse(await ok(`aws cloudformation validate-template --template-body file://${TEMPLATE}`)) as {
      Description: string;
      Parameters: { ParameterKey: string; DefaultValue?: string }[];
      Capabilities: string[];
    };
    expect(out.Description).toBe("Consumer Template.");
    expect(out.Parameters.map((p) => p.ParameterKey)).toEqual(expect.arrayContaining(["Prefix", "AvailabilityZone", "EC2InstanceAMI"]));
    expect(out.Parameters.find((p) => p.ParameterKey === "EC2InstanceAMI")?.DefaultValue).toBe(AMI_PARAMETER);
    expect(out.Capabilities[0]).toMatch(/^CAPABILITY_(NAMED_)?IAM$/);
    const broken = await sh(`aws cloudformation validate-template --template-body 'Resources: {}'`);
    expect(broken.err).toMatch(/ValidationError.*Template format error/);
  }, 120_000);

  it("start-session fails as AWS does, and its message says to use send-command", async () => {
    const r = await sh(`aws ssm start-session --target ${path.consumerInstanceId}`);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/An error occurred \(TargetNotConnected\) when calling the StartSession operation: .*Session Manager/);
    expect(r.err).toContain(`aws ssm send-command --instance-ids ${path.consumerInstanceId}`);
  }, 120_000);
});

describe("lists page, by hand and through the SDK's paginators", () => {
  it("--max-results gives a page and a NextToken; --next-token the rest; --page-size is followed by the CLI", async () => {
    const all = (await ok(`aws ec2 describe-vpc-endpoints --query 'VpcEndpoints[].VpcEndpointId' --output text`)).split("\t");
    expect(all.length).toBeGreaterThanOrEqual(2);
    const [count, token] = (await ok(`aws ec2 describe-vpc-endpoints --max-results 1 --query '[length(VpcEndpoints),NextToken]' --output text`)).split("\t");
    expect(count).toBe("1");
    expect(token).not.toBe("None");
    const second = await ok(`aws ec2 describe-vpc-endpoints --max-results 1 --next-token '${token}' --query 'VpcEndpoints[0].VpcEndpointId' --output text`);
    expect(second).toBe(all[1]);
    expect(await ok(`aws ec2 describe-vpc-endpoints --page-size 1 --query 'length(VpcEndpoints)'`)).toBe(String(all.length));
    expect(await ok(`aws elbv2 describe-target-groups --page-size 1 --query 'length(TargetGroups)'`)).toBe("1");
    expect((await sh(`aws ec2 describe-instances --max-results 5 --next-token nope`)).err).toMatch(/InvalidPaginationToken/);
    // DescribeInstances takes 5 to 1000 a page, and no page size with instance ids, as on AWS.
    expect((await sh(`aws ec2 describe-instances --max-results 1`)).err).toMatch(/\(InvalidParameterValue\).*Parameter must be between 5 and 1000/);
    expect((await sh(`aws ec2 describe-instances --max-results 5 --instance-ids ${path.consumerInstanceId}`)).err).toMatch(/\(InvalidParameterCombination\)/);
    expect(await ok(`aws ec2 describe-instances --page-size 5 --query 'length(Reservations)'`)).toBe("2");
  }, 120_000);

  it("paginateDescribeVpcEndpoints with a page size of 1: one endpoint a page, in process and over HTTP alike", async () => {
    const pagesOf = async (client: EC2Client) => {
      const pages: string[][] = [];
      for await (const page of paginateDescribeVpcEndpoints({ client, pageSize: 1 }, {})) pages.push((page.VpcEndpoints ?? []).map((e) => e.VpcEndpointId!));
      return pages;
    };
    const local = await pagesOf(lab.ctx.clients.ec2);
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(local.every((p) => p.length === 1)).toBe(true);
    expect(await pagesOf(servedClients(served, lab.ctx.state.region).ec2)).toEqual(local);
  }, 120_000);

  it("paginateListCommands (SSM's JSON protocol) pages the same way", async () => {
    const ssm = lab.ctx.clients.ssm;
    for (let i = 0; i < 2; i++) {
      await ssm.send(new SendCommandCommand({ InstanceIds: [path.consumerInstanceId!], DocumentName: "AWS-RunShellScript", Parameters: { commands: ["hostname"] } }));
    }
    const pagesOf = async (client: SSMClient) => {
      const pages: string[][] = [];
      for await (const page of paginateListCommands({ client, pageSize: 1 }, {})) pages.push((page.Commands ?? []).map((c) => c.CommandId!));
      return pages;
    };
    const local = await pagesOf(ssm);
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(local.every((p) => p.length === 1)).toBe(true);
    expect(new Set(local.flat()).size).toBe(local.length);
    expect(await pagesOf(servedClients(served, lab.ctx.state.region).ssm)).toEqual(local);
  }, 120_000);
});
