import { describe, expect, it } from "vitest";
import { evaluateConditions } from "../../src/sandbox/cfn/conditions.js";
import { creationOrder, dependencies } from "../../src/sandbox/cfn/graph.js";
import { evaluate, NO_VALUE, type Scope } from "../../src/sandbox/cfn/intrinsics.js";
import { resolveParameters } from "../../src/sandbox/cfn/parameters.js";
import { readTemplate } from "../../src/sandbox/cfn/template.js";
import { parseTemplateText } from "../../src/sandbox/cfn/yaml.js";
import { KNOWN_TYPES } from "../../src/sandbox/cfn/resources/index.js";
import { AL2023_X86_PARAMETER, fakeAmiId } from "../../src/sandbox/public-parameters.js";

function scope(over: Partial<Scope> = {}): Scope {
  const physical: Record<string, string> = { Vpc: "vpc-0aaa", Nlb: "arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:loadbalancer/net/x-nlb/abc" };
  return {
    region: "ap-northeast-1",
    refs: { Prefix: "alice", "AWS::Region": "ap-northeast-1", "AWS::AccountId": "000000000000", Zones: ["a", "b"] },
    conditions: { Pinned: true, Unpinned: false },
    isResource: (id) => id in physical,
    resourceRef: (id) => physical[id] ?? "",
    resourceAttr: (id, attr) => `${id}.${attr}`,
    ...over,
  };
}

describe("YAML short tags", () => {
  it("turn into the long forms of the intrinsic functions", () => {
    const data = parseTemplateText(
      [
        "A: !Ref X",
        "B: !GetAtt Nlb.DNSName",
        "C: !GetAtt [Nlb, DNSName]",
        "D: !Select [0, !GetAZs '']",
        "E: !Sub '${Prefix}-vpc'",
        "F: !If [Pinned, !Ref Zone, !Ref 'AWS::NoValue']",
        "G: !Base64 |",
        "  #!/bin/bash",
        "H: !Equals [!Ref P, '']",
        "I: !Not [!Condition Pinned]",
        "J: !Join ['-', [a, b]]",
        "K: !Split [',', 'a,b']",
        "Version: 2012-10-17",
      ].join("\n"),
    );
    expect(data).toEqual({
      A: { Ref: "X" },
      B: { "Fn::GetAtt": ["Nlb", "DNSName"] },
      C: { "Fn::GetAtt": ["Nlb", "DNSName"] },
      D: { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
      E: { "Fn::Sub": "${Prefix}-vpc" },
      F: { "Fn::If": ["Pinned", { Ref: "Zone" }, { Ref: "AWS::NoValue" }] },
      G: { "Fn::Base64": "#!/bin/bash\n" },
      H: { "Fn::Equals": [{ Ref: "P" }, ""] },
      I: { "Fn::Not": [{ Condition: "Pinned" }] },
      J: { "Fn::Join": ["-", ["a", "b"]] },
      K: { "Fn::Split": [",", "a,b"] },
      Version: "2012-10-17",
    });
  });

  it("accepts JSON templates too", () => {
    expect(parseTemplateText('{"Resources": {"V": {"Type": "AWS::EC2::VPC"}}}')).toEqual({ Resources: { V: { Type: "AWS::EC2::VPC" } } });
  });
});

describe("intrinsic functions", () => {
  it("Ref returns parameter values and physical ids", () => {
    expect(evaluate({ Ref: "Prefix" }, scope())).toBe("alice");
    expect(evaluate({ Ref: "Vpc" }, scope())).toBe("vpc-0aaa");
    expect(evaluate({ Ref: "AWS::NoValue" }, scope())).toBe(NO_VALUE);
  });

  it("Fn::Sub fills parameters, pseudo parameters, attributes, a map, and keeps ${!Literal}", () => {
    expect(evaluate({ "Fn::Sub": "com.amazonaws.${AWS::Region}.ssm" }, scope())).toBe("com.amazonaws.ap-northeast-1.ssm");
    expect(evaluate({ "Fn::Sub": "${Prefix}-${Nlb.DNSName}" }, scope())).toBe("alice-Nlb.DNSName");
    expect(evaluate({ "Fn::Sub": ["${X}/${Vpc}", { X: { Ref: "Prefix" } }] }, scope())).toBe("alice/vpc-0aaa");
    expect(evaluate({ "Fn::Sub": "echo ${!HOME}" }, scope())).toBe("echo ${HOME}");
  });

  it("Fn::GetAtt, Fn::Select, Fn::GetAZs, Fn::Base64, Fn::Join, Fn::Split", () => {
    expect(evaluate({ "Fn::GetAtt": ["Nlb", "DNSName"] }, scope())).toBe("Nlb.DNSName");
    expect(evaluate({ "Fn::Select": ["1", { Ref: "Zones" }] }, scope())).toBe("b");
    expect(evaluate({ "Fn::GetAZs": "" }, scope())).toEqual(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]);
    expect(evaluate({ "Fn::Base64": "hi" }, scope())).toBe("aGk=");
    expect(evaluate({ "Fn::Join": ["-", ["a", { Ref: "Prefix" }]] }, scope())).toBe("a-alice");
    expect(evaluate({ "Fn::Split": [",", "x,y"] }, scope())).toEqual(["x", "y"]);
    expect(() => evaluate({ "Fn::Select": [5, ["a"]] }, scope())).toThrow(/Fn::Select cannot select nonexistent value at index 5/);
  });

  it("Fn::If with AWS::NoValue drops the property", () => {
    const props = { AvailabilityZone: { "Fn::If": ["Unpinned", "x", { Ref: "AWS::NoValue" }] }, CidrBlock: "10.0.0.0/24" };
    expect(evaluate(props, scope())).toEqual({ CidrBlock: "10.0.0.0/24" });
    expect(evaluate({ "Fn::If": ["Pinned", "yes", "no"] }, scope())).toBe("yes");
  });
});

describe("conditions", () => {
  it("evaluate Equals / Not / And / Or and other conditions", () => {
    const base = { ...scope(), refs: { Az: "" } };
    const out = evaluateConditions(
      {
        Pinned: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "Az" }, ""] }] },
        Unpinned: { "Fn::Not": [{ Condition: "Pinned" }] },
        Both: { "Fn::And": [{ Condition: "Unpinned" }, { "Fn::Or": [{ Condition: "Pinned" }, true] }] },
      },
      base,
    );
    expect(out).toEqual({ Pinned: false, Unpinned: true, Both: true });
  });
});

describe("parameters", () => {
  const defs = {
    Prefix: { Type: "String", Default: "prefix" },
    Ami: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: AL2023_X86_PARAMETER },
    Size: { Type: "Number", Default: 8 },
  };

  it("use defaults, given values and resolve SSM parameter types to the AMI id", () => {
    const r = resolveParameters("us-east-1", defs, [{ ParameterKey: "Prefix", ParameterValue: "alice" }]);
    expect(r.values).toEqual({ Prefix: "alice", Ami: fakeAmiId("us-east-1", AL2023_X86_PARAMETER), Size: "8" });
    expect(r.view.find((p) => p.ParameterKey === "Ami")).toEqual({
      ParameterKey: "Ami",
      ParameterValue: AL2023_X86_PARAMETER,
      ResolvedValue: fakeAmiId("us-east-1", AL2023_X86_PARAMETER),
    });
  });

  it("give a new stack no previous value for UsePreviousValue, and check AWS-specific types", () => {
    expect(() => resolveParameters("us-east-1", defs, [{ ParameterKey: "Prefix", UsePreviousValue: true }])).toThrow("Parameters: [Prefix] must have values");
    expect(() => resolveParameters("us-east-1", { Image: { Type: "AWS::EC2::Image::Id" } }, [{ ParameterKey: "Image", ParameterValue: "linux" }])).toThrow(
      "Parameter validation failed: parameter value linux for parameter name Image does not exist.",
    );
    expect(() => resolveParameters("us-east-1", defs, [{ ParameterKey: "Size", ParameterValue: "big" }])).toThrow("Parameter 'Size' must be a number.");
  });
});

describe("dependency order", () => {
  const body = [
    "Resources:",
    "  Instance:",
    "    Type: AWS::EC2::Instance",
    "    DependsOn: Endpoint",
    "    Properties: { SubnetId: !Ref Subnet, UserData: !Sub '${Vpc.CidrBlock}' }",
    "  Endpoint:",
    "    Type: AWS::EC2::VPCEndpoint",
    "    Properties: { VpcId: !Ref Vpc, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3' }",
    "  Subnet:",
    "    Type: AWS::EC2::Subnet",
    "    Properties: { VpcId: !GetAtt Vpc.VpcId }",
    "  Vpc:",
    "    Type: AWS::EC2::VPC",
  ].join("\n");

  it("comes from Ref, GetAtt, Sub and DependsOn", () => {
    const deps = dependencies(readTemplate(body, KNOWN_TYPES).Resources);
    expect(deps.Instance?.sort()).toEqual(["Endpoint", "Subnet", "Vpc"]);
    expect(creationOrder(deps)).toEqual(["Vpc", "Endpoint", "Subnet", "Instance"]);
  });

  it("rejects a cycle, naming the resources in it", () => {
    expect(() => creationOrder({ A: ["B"], B: ["A"], C: [] })).toThrow("Circular dependency between resources: [A, B]");
  });
});
