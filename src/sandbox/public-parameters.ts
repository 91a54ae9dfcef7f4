/**
 * AWS's public SSM parameters the lesson uses: the latest Amazon Linux 2023 AMI ids. On AWS the
 * value differs per region and changes with every AMI release; the sandbox gives each region a
 * fixed, well-formed fake id so the same template works everywhere, as the real parameter does.
 */
import { stableHash } from "../stable-hash.js";

const AL2023_PREFIX = "/aws/service/ami-amazon-linux-latest/";

/** The public parameters the sandbox knows (names as AWS publishes them). */
export const PUBLIC_AMI_PARAMETERS = [
  "al2023-ami-kernel-default-x86_64",
  "al2023-ami-kernel-default-arm64",
  "al2023-ami-minimal-kernel-default-x86_64",
  "al2023-ami-minimal-kernel-default-arm64",
  "al2023-ami-kernel-6.1-x86_64",
  "al2023-ami-kernel-6.1-arm64",
].map((n) => AL2023_PREFIX + n);

export const AL2023_X86_PARAMETER = `${AL2023_PREFIX}al2023-ami-kernel-default-x86_64`;

export interface PublicParameter {
  Name: string;
  Type: "String";
  Value: string;
  Version: number;
  LastModifiedDate: Date;
  ARN: string;
  DataType: "text" | "aws:ec2:image";
}

/** A stable fake AMI id (`ami-` + 17 hex digits) for this parameter in this region. */
export function fakeAmiId(region: string, name: string): string {
  return "ami-0" + stableHash(`${region}|${name}`, 16);
}

/** The parameter as GetParameter returns it in `region`, or undefined when AWS has no such parameter. */
export function publicParameter(region: string, name: string): PublicParameter | undefined {
  const bare = name.startsWith("arn:") ? name.replace(/^arn:aws:ssm:[^:]*::parameter/, "") : name;
  if (!PUBLIC_AMI_PARAMETERS.includes(bare)) return undefined;
  return {
    Name: bare,
    Type: "String",
    Value: fakeAmiId(region, bare),
    Version: 42,
    LastModifiedDate: new Date(Date.UTC(2026, 10, 20, 23, 10, 0)),
    ARN: `arn:aws:ssm:${region}::parameter${bare}`,
    DataType: "aws:ec2:image",
  };
}

