import { DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { SSMClient, GetParameterCommand } from "@aws-sdk/client-ssm";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/middleware.js";
import { MemoryStore } from "../../src/sandbox/store.js";
import { serveSandbox } from "../../src/sandbox/serve/server.js";

it("smoke", async () => {
  const sandbox = new Sandbox({ store: new MemoryStore(), speed: 0 });
  const s = await serveSandbox({ sandbox });
  const cfg = { region: "ap-northeast-1", endpoint: s.url, credentials: s.credentials, maxAttempts: 1 };
  try {
    console.log(await new EC2Client(cfg).send(new DescribeVpcsCommand({})));
    console.log(await new STSClient(cfg).send(new GetCallerIdentityCommand({})));
    console.log(await new SSMClient(cfg).send(new GetParameterCommand({ Name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64" })));
    await expect(new CloudFormationClient(cfg).send(new DescribeStacksCommand({ StackName: "nope" }))).rejects.toMatchObject({ name: "ValidationError" });
  } finally {
    await s.close();
  }
});
