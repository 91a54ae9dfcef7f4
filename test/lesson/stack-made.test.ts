/**
 * The stacks' own endpoints and groups are never the learner's, whether or not CloudFormation's
 * `aws:cloudformation:*` tags reached them (their propagation varies by resource type): the
 * Provider's S3 gateway endpoint and the Consumer's Session Manager endpoints are named in the
 * stacks' resources, and that relation is enough. Otherwise `status` would bill the learner for
 * them as strays and cleanup would delete them.
 */
import type { SecurityGroup, VpcEndpoint } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { anchorsOf, type StackView } from "../../src/lesson/cloud-view.js";
import { relate } from "../../src/lesson/relations.js";
import { namesFor } from "../../src/participant.js";

const stack = (name: string, resources: Record<string, string>): StackView => ({ name, id: name, status: "CREATE_COMPLETE", outputs: {}, resources });
const consumer = stack("p-consumer", { Vpc: "vpc-c", SsmVpcEndpoint: "vpce-ssm", SsmVpcEndpointSecurityGroup: "sg-ssm" });
const provider = stack("p-provider", { Vpc: "vpc-p", VPCS3Endpoint: "vpce-s3", NLB: "arn:nlb" });
const a = anchorsOf(namesFor("p"), consumer, provider);

const endpoint = (id: string, vpc: string, service: string): VpcEndpoint => ({ VpcEndpointId: id, VpcId: vpc, ServiceName: service, State: "Available", Groups: [] });

describe("the stacks' own resources, untagged", () => {
  it("are not the learner's endpoints or groups; the learner's own still are", () => {
    const endpoints = [
      endpoint("vpce-s3", "vpc-p", "com.amazonaws.us-east-1.s3"),
      { ...endpoint("vpce-ssm", "vpc-c", "com.amazonaws.us-east-1.ssm"), Groups: [{ GroupId: "sg-ssm" }] },
      // The learner picked the stack's group for their endpoint in the console: still the stack's.
      { ...endpoint("vpce-mine", "vpc-c", "com.amazonaws.vpce.us-east-1.vpce-svc-1"), Groups: [{ GroupId: "sg-ssm" }] },
    ];
    const groups: SecurityGroup[] = [{ GroupId: "sg-ssm", GroupName: "p-consumer-SsmVpcEndpointSecurityGroup-1", VpcId: "vpc-c" }];
    const related = relate(a, [], endpoints, groups);
    expect(related.endpoints.map((e) => e.id)).toEqual(["vpce-mine"]);
    expect(related.endpointSgs.filter((g) => g.owned).map((g) => g.id)).toEqual([]);
  });
});
