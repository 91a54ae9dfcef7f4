/**
 * A fast, non-cryptographic hash for names that must come out the same for the same text: cache
 * keys of the YAML shipped parsed, idempotency tokens, the sandbox's stable fake ids. Nothing here
 * needs to resist an attacker, and this needs no crypto module.
 * Two 53-bit lanes of cyrb53 (public domain, bryc), seeded apart: about 2^-100 that two texts collide.
 */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * `digits` lower-case hex digits (at most 28) that depend on every character of `text`. Up to 14
 * digits read one lane (53 bits) only, and so take half the time.
 */
export function stableHash(text: string, digits = 28): string {
  const hex = (seed: number) => cyrb53(text, seed).toString(16).padStart(14, "0");
  return (digits <= 14 ? hex(0) : hex(0) + hex(0x9e3779b9)).slice(0, digits);
}
