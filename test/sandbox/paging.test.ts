/**
 * Paging in one place for every read (src/sandbox/paging.ts), each service with its own words:
 * ELBv2's `PageSize` / `Marker` / `NextMarker` here (EC2's and SSM's `MaxResults` / `NextToken`
 * run through the AWS CLI and over HTTP in test/serve/aws-cli-read-only.test.ts), and a token the
 * sandbox never gave is the service's own error.
 */
import { DescribeLoadBalancersCommand, paginateDescribeLoadBalancers } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ListCommandsCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { createSandboxClients } from "../../src/aws/clients.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { allHandlers } from "../../src/sandbox/handlers/index.js";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";

const names = ["a", "b", "c"];
const sandbox = new Sandbox({
  store: new MemoryStore(),
  clock: new ManualClock(),
  speed: 0,
  handlers: { ...allHandlers, elbv2: { DescribeLoadBalancersCommand: () => ({ LoadBalancers: names.map((LoadBalancerName) => ({ LoadBalancerName })) }) } },
});

describe("a read's pages", () => {
  it("ELBv2: PageSize items a page, NextMarker to the next, none after the last", async () => {
    const { elbv2 } = await createSandboxClients(sandbox, "us-east-1");
    const pages: string[][] = [];
    // (ELBv2's paginator has no page-size setting: PageSize goes in the input, which every page repeats.)
    for await (const page of paginateDescribeLoadBalancers({ client: elbv2 }, { PageSize: 2 })) pages.push((page.LoadBalancers ?? []).map((lb) => lb.LoadBalancerName!));
    expect(pages).toEqual([["a", "b"], ["c"]]);
    // Without a page size: everything, and no marker.
    const all = await elbv2.send(new DescribeLoadBalancersCommand({}));
    expect([all.LoadBalancers?.length, all.NextMarker]).toEqual([3, undefined]);
  });

  it("a token it never gave: SSM's InvalidNextToken", async () => {
    const { ssm } = await createSandboxClients(sandbox, "us-east-1");
    await expect(ssm.send(new ListCommandsCommand({ MaxResults: 5, NextToken: "made-up" }))).rejects.toMatchObject({ name: "InvalidNextToken" });
  });
});
