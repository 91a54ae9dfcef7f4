/**
 * The changes `diagnose` tells a learner to make by hand (lessons/privatelink/diagnose/*.yml
 * prints them), and the role check the article has them do, typed with the real AWS CLI against
 * the served sandbox of a built lab: `iam list-roles`, `ec2 stop-instances` / `start-instances`,
 * `elbv2 delete-listener` / `create-listener`, `ec2 modify-vpc-endpoint`, `ec2 modify-instance-attribute --groups`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LearnerPath } from "../../src/challenge/learner-path.js";
import type { ServedSandbox } from "../../src/sandbox/serve/server.js";
import type { LabCopy } from "../helpers/built-lab.js";
import { servedLabShell, type Shell } from "../helpers/served-lab-shell.js";

let lab: LabCopy;
let path: LearnerPath;
let served: ServedSandbox;
let region: string;
let sh: Shell;
let ok: (script: string) => Promise<string>;

beforeAll(async () => {
  ({ lab, path, served, sh, ok } = await servedLabShell());
  region = lab.ctx.state.region;
  return () => served.close();
}, 120_000);


describe("a learner's fixes, with the real AWS CLI", () => {
  it("iam list-roles shows the role the stack made for SSM, and pages with --max-items", async () => {
    const profile = (await ok(`aws ec2 describe-instances --instance-ids ${path.consumerInstanceId} --query 'Reservations[0].Instances[0].IamInstanceProfile.Arn' --output text`)).split("/").at(-1);
    const role = await ok(`aws iam get-instance-profile --instance-profile-name ${profile} --query 'InstanceProfile.Roles[0].RoleName' --output text`);
    expect((await ok(`aws iam list-roles --query 'Roles[].RoleName' --output text`)).split(/\s+/)).toContain(role);
    expect((await ok(`aws iam list-roles --max-items 1 --query 'length(Roles)'`))).toBe("1");
    expect(await ok(`aws iam list-roles --path-prefix /service-role/ --query 'length(Roles)'`)).toBe("0");
  }, 120_000);

  it("stop-instances, then diagnose's start-instances as printed", async () => {
    const id = path.providerInstanceId!;
    expect(await ok(`aws ec2 stop-instances --instance-ids ${id} --query 'StoppingInstances[0].[PreviousState.Name,CurrentState.Name]' --output text`)).toBe("running\tstopping");
    // (the lab's sandbox runs at speed 0: stopped at once)
    expect(await ok(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Instances[0].State.Name' --output text`)).toBe("stopped");
    expect(await ok(`aws ec2 start-instances --instance-ids ${id} --region ${region} --query 'StartingInstances[0].PreviousState.Name' --output text`)).toBe("stopped");
    expect(await ok(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Instances[0].State.Name' --output text`)).toBe("running");
    expect((await sh(`aws ec2 start-instances --instance-ids i-0123456789abcdef0`)).err).toMatch(/\(InvalidInstanceID\.NotFound\)/);
  }, 120_000);

  it("delete-listener, then diagnose's create-listener as printed; a second one on the port is DuplicateListener", async () => {
    const create = `aws elbv2 create-listener --load-balancer-arn ${path.nlbArn} --protocol TCP --port 80 --default-actions Type=forward,TargetGroupArn=${path.targetGroupArn} --region ${region}`;
    expect((await sh(create)).err).toMatch(/\(DuplicateListener\)/);
    await ok(`aws elbv2 delete-listener --listener-arn ${path.listenerArn}`);
    expect(await ok(`aws elbv2 describe-listeners --load-balancer-arn ${path.nlbArn} --query 'length(Listeners)'`)).toBe("0");
    expect(await ok(`${create} --query 'Listeners[0].[Protocol,Port,DefaultActions[0].TargetGroupArn]' --output text`)).toBe(`TCP\t80\t${path.targetGroupArn}`);
  }, 120_000);

  it("modify-vpc-endpoint: a security group added answers Return true; an endpoint id that is none is InvalidVpcEndpointId.NotFound", async () => {
    expect(await ok(`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${path.endpointId} --add-security-group-ids ${path.endpointSgId} --query Return`)).toBe("true");
    const r = await sh(`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0123456789abcdef0 --add-subnet-ids ${path.consumerSubnetId} --region ${region}`);
    expect(r.err).toMatch(/\(InvalidVpcEndpointId\.NotFound\)/);
  }, 120_000);

  it("modify-instance-attribute --groups puts a group of the learner's own beside the instance's; a group of the other VPC is refused", async () => {
    const own = await ok(`aws ec2 create-security-group --group-name by-hand --description "by hand" --vpc-id ${path.consumerVpcId} --query GroupId --output text`);
    const id = path.consumerInstanceId!;
    expect(await ok(`aws ec2 modify-instance-attribute --instance-id ${id} --groups ${path.consumerSgId} ${own}`)).toBe("");
    const shown = `aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Instances[0].[SecurityGroups[].GroupId, NetworkInterfaces[0].Groups[].GroupId]' --output text`;
    expect((await ok(shown)).split("\n")).toEqual([`${path.consumerSgId}\t${own}`, `${path.consumerSgId}\t${own}`]);
    expect((await sh(`aws ec2 modify-instance-attribute --instance-id ${id} --groups ${path.providerSgId}`)).err).toMatch(/\(InvalidGroup\.NotFound\)/);
    expect((await sh(`aws ec2 modify-instance-attribute --instance-id i-0123456789abcdef0 --groups ${own}`)).err).toMatch(/\(InvalidInstanceID\.NotFound\)/);
    expect(await ok(`aws ec2 modify-instance-attribute --instance-id ${id} --groups ${path.consumerSgId}`)).toBe("");
    expect((await ok(shown)).split("\n")).toEqual([path.consumerSgId, path.consumerSgId]);
  }, 120_000);
});
