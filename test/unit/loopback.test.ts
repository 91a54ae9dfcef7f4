/** Which `--host` only this computer reaches: `sandbox serve`, `workshop serve` and the handout warn about the others. */
import { describe, expect, it } from "vitest";
import { isLoopback } from "../../src/aws/endpoint-kind.js";

describe("isLoopback", () => {
  it("takes the whole of 127.0.0.0/8, localhost and ::1 as this computer only", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopback(host), host).toBe(true);
  });
  it("takes every other address as one other computers may reach", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "10.0.0.7", "128.0.0.1", "127.0.0.1.example.com", "my-laptop.local"]) expect(isLoopback(host), host).toBe(false);
  });
});
