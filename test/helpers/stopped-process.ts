/** A process stopped midway: from its n-th mutating call on, every call to the sandbox fails (nothing after it runs). */
import type { Harness } from "./lesson-harness.js";

export const isRead = (c: string): boolean => /^(Describe|Get|List)/.test(c);

export class Stopped extends Error {
  override name = "Stopped";
}

/** From the n-th mutating call on (before it, or after it was answered), every call fails; the returned function ends that. */
export function stopAt(h: Harness, n: number, when: "before" | "after"): () => void {
  const sandbox = h.sandbox;
  const original = sandbox.call.bind(sandbox);
  let seen = 0;
  let stopped = false;
  sandbox.call = (service, command, input, region) => {
    if (stopped) throw new Stopped();
    if (!isRead(command) && ++seen === n) {
      stopped = true;
      if (when === "before") throw new Stopped();
      original(service, command, input, region);
      throw new Stopped();
    }
    return original(service, command, input, region);
  };
  return () => {
    sandbox.call = original;
  };
}
