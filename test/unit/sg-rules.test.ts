import { describe, expect, it } from "vitest";
import { admits } from "../../src/lesson/http-rule.js";
import { cidrContains } from "../../src/reachability/security-groups.js";

describe("security group rules", () => {
  it("matches CIDRs", () => {
    expect(cidrContains("10.0.0.0/24", "10.0.0.17")).toBe(true);
    expect(cidrContains("10.0.0.0/24", "10.0.1.17")).toBe(false);
    expect(cidrContains("0.0.0.0/0", "192.168.1.1")).toBe(true);
    expect(cidrContains("10.0.0.17/32", "10.0.0.17")).toBe(true);
  });

  it("admits TCP 80 from the instance by IP or by its group, not other ports", () => {
    const from = { ip: "10.0.0.17", sgIds: ["sg-consumer"] };
    expect(admits([{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.0.0.17/32" }] }], 80, from)).toBe(true);
    expect(admits([{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: "sg-consumer" }] }], 80, from)).toBe(true);
    expect(admits([{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }], 80, from)).toBe(false);
    expect(admits([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/16" }] }], 80, from)).toBe(true);
    expect(admits([{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "10.0.1.0/24" }] }], 80, from)).toBe(false);
  });
});
