/** A fast non-cryptographic hash for stable names (no attacker, no crypto module): two seeded 53-bit lanes of cyrb53 (bryc, public domain). */
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

/** `digits` hex digits (at most 28) of `text`'s hash; up to 14 read one lane only, in half the time. */
export function stableHash(text: string, digits = 28): string {
  const hex = (seed: number) => cyrb53(text, seed).toString(16).padStart(14, "0");
  return (digits <= 14 ? hex(0) : hex(0) + hex(0x9e3779b9)).slice(0, digits);
}
