/** AWS errors a learner can meet, in the learner's language, with what to do next. */
import { describe, expect, it } from "vitest";
import { KNOWN_CODES } from "../../src/aws/error-translation.js";
import { start } from "../../src/commands/start.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";
import { awsError } from "../../src/sandbox/aws-error.js";
import { reportError } from "../../src/ui/error-report.js";
import { harness } from "../helpers/lesson-harness.js";

const ja = translator("ja");
const en = translator("en");

describe("translated AWS errors", () => {
  it.each([...KNOWN_CODES])("%s has a message and a fix in Japanese and English", (code) => {
    const err = awsError("ec2", code, "User: arn:aws:iam::1:user/x is not authorized to perform: ec2:CreateVpcEndpoint");
    for (const t of [ja, en]) {
      const r = reportError(err, t, { profile: "workshop" });
      expect(r.key).toBe(`aws.${code}`);
      expect(r.message).not.toContain("aws.");
      expect(r.exitCode).toBe(3);
      if (!/^(InsufficientCapabilitiesException)$/.test(code)) expect(r.hint, `${code} hint`).toBeTruthy();
    }
    expect(reportError(err, ja).message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("names the missing permission and the profile to log in with", () => {
    const denied = reportError(awsError("cloudformation", "AccessDenied", "User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateStack on resource"), en);
    expect(denied.message).toContain("cloudformation:CreateStack");
    const expired = reportError(awsError("sts", "ExpiredToken", "The security token included in the request is expired"), ja, { profile: "workshop" });
    expect(expired.hint).toContain("aws sso login --profile workshop");
  });

  it("no usable credentials on this computer: exit 4 (AWS never answered), naming the profile to log in with", () => {
    for (const name of ["CredentialsProviderError", "TokenProviderError"]) {
      const err = Object.assign(new Error("Could not load credentials from any providers"), { name });
      for (const t of [ja, en]) {
        const r = reportError(err, t, { profile: "work" });
        expect(r.key).toBe("aws.CredentialsProviderError");
        expect(r.exitCode).toBe(4);
        expect(r.hint).toContain("aws sso login --profile work");
      }
    }
  });

  it("says an unsupported Availability Zone plainly", () => {
    const r = reportError(awsError("ec2", "InvalidParameter", "The VPC endpoint service com.amazonaws.vpce.x does not support the availability zone of the subnet: subnet-1."), en);
    expect(r.key).toBe("aws.UnsupportedAz");
  });
});

describe("the lesson under faults", () => {
  it("stops at CreateStack with AccessDenied, naming the action, and creates nothing", async () => {
    const h = harness();
    h.sandbox.faults.add({ command: "CreateStack", code: "AccessDenied", times: Infinity, message: "User: arn:aws:iam::000000000000:user/learner is not authorized to perform: cloudformation:CreateStack" });
    const err = await start(h.opts, h.env).catch((e: unknown) => e);
    const r = reportError(err, en);
    expect(r.key).toBe("aws.AccessDenied");
    expect(r.message).toContain("cloudformation:CreateStack");
    expect(r.exitCode).toBe(3);
    expect(err).not.toBeInstanceOf(LabError);
  });

  it("absorbs a throttling storm across many calls with no duplicate resources", async () => {
    const h = harness();
    for (const command of ["DescribeStacks", "DescribeStackEvents", "CreateVpcEndpointServiceConfiguration", "DescribeVpcEndpoints", "CreateVpcEndpoint", "AcceptVpcEndpointConnections", "SendCommand", "GetCommandInvocation"]) {
      h.sandbox.faults.add({ command, code: command.startsWith("Describe") || command.startsWith("Get") ? "Throttling" : "RequestLimitExceeded", times: 3 });
    }
    await start(h.opts, h.env);
    const created = h.host.ofType("resource-created");
    expect(created.filter((e) => e.kind === "AWS::EC2::VPCEndpointService").length).toBe(1);
    expect(created.filter((e) => e.step === "interface-endpoint" && e.kind === "AWS::EC2::VPCEndpoint").length).toBe(1);
    expect(h.host.ofType("curl-result")[0]?.exitCode).toBe(0);
    expect(h.host.ofType("lesson-finished")[0]).toMatchObject({ cleanedUp: true });
  });
});
