// mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast and seeded. For anything that must be the same on
// every run — generated test athletes, sandboxes' data, a stable random choice keyed on the data — never for secrets.

/** Uniform numbers in [0, 1) from a 32-bit seed; the same seed, the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a string key (a 31-multiplier hash), so the same key gives the same sequence. */
export function seedOf(key: string): number {
  let a = 0;
  for (let i = 0; i < key.length; i++) a = (Math.imul(a, 31) + key.charCodeAt(i)) >>> 0;
  return a;
}
