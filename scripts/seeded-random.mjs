// A small seeded generator (mulberry32), shared by the scripts and the tests: the same seed gives
// the same numbers in [0, 1) (the same kill moments in a harness, the same ids on both sides of a
// parity test).
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
