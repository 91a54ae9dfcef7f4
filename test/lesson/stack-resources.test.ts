/**
 * Every look at the cloud reads both stacks; a settled stack's resources are read once (they
 * cannot change without the stack's status changing), and again as soon as the status moves.
 */
import { DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { beforeAll, describe, expect, it } from "vitest";
import { readCloud } from "../../src/lesson/cloud-view.js";
import { buildLab, copyLab, type BuiltLab } from "../helpers/built-lab.js";

let lab: BuiltLab;
beforeAll(async () => {
  lab = await buildLab();
}, 60_000);

describe("stack resources", () => {
  it("are read once while the stacks are settled, and again once a stack changes", async () => {
    const { h, ctx } = await copyLab(lab);
    const resourceReads = () => h.sandbox.calls.filter((c) => c.command === "DescribeStackResourcesCommand").length;
    const first = await readCloud(ctx.clients, ctx.names);
    const after1 = resourceReads();
    expect(after1).toBe(2);
    const again = await readCloud(ctx.clients, ctx.names);
    expect(resourceReads()).toBe(after1);
    expect(again.consumer?.resources).toEqual(first.consumer?.resources);
    expect(again.consumer?.status).toBe("CREATE_COMPLETE");

    // Deleting the Consumer stack (blocked here by the endpoint's group: DELETE_FAILED) moves its
    // status: its resources are read again, and on every look while it is not settled.
    await ctx.clients.cfn.send(new DeleteStackCommand({ StackName: ctx.names.consumerStack }));
    const deleting = await readCloud(ctx.clients, ctx.names);
    expect(deleting.consumer?.status).toMatch(/^DELETE_/);
    expect(resourceReads()).toBe(after1 + 1);
    await readCloud(ctx.clients, ctx.names);
    expect(resourceReads()).toBe(after1 + 2);
  });
});
