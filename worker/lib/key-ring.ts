// A versioned key ring in one secret (ADR 040): "v2:<key>,v1:<key>". The highest version signs and
// encrypts; every listed version is accepted. A value without "v<n>:" is one key, read as v1, so a
// secret set before rings existed keeps working unchanged.

export interface RingKey {
  version: number;
  secret: string;
}

export interface KeyRing {
  /** The key new values are sealed or signed with: the highest version listed. */
  newest: RingKey;
  /** Every listed version, newest first. */
  versions: number[];
  /** The key of a version, or undefined once it has been removed from the ring. */
  get(version: number): RingKey | undefined;
}

/** A value sealed or signed with a key no longer in the ring: refused by name, never mistaken for tampering. */
export class RetiredKeyError extends Error {
  override name = 'RetiredKeyError';
  constructor(
    readonly secretName: string,
    readonly version: number,
  ) {
    super(`${secretName}: this value was made with key v${version}, which is not in the ring (removed, or not deployed here yet)`);
  }
}

const ENTRY = /^v([1-9]\d{0,5}):(.+)$/s;
const RING = /^v[1-9]\d{0,5}:/;

/** Throws on a malformed ring (a duplicate version, an empty key); the env schema calls it at start-up. */
export function parseKeyRing(value: string): KeyRing {
  const entries: RingKey[] = [];
  if (!RING.test(value)) entries.push({ version: 1, secret: value });
  else {
    for (const part of value.split(',')) {
      const m = ENTRY.exec(part.trim());
      if (!m) throw new Error('each ring entry must read v<number>:<key>, entries separated by commas');
      const version = Number(m[1]);
      if (entries.some((e) => e.version === version)) throw new Error(`key v${version} is listed twice`);
      entries.push({ version, secret: m[2]! });
    }
  }
  entries.sort((a, b) => b.version - a.version);
  const byVersion = new Map(entries.map((e) => [e.version, e]));
  return { newest: entries[0]!, versions: entries.map((e) => e.version), get: (v) => byVersion.get(v) };
}

const cache = new Map<string, KeyRing>();
/** Parsed once per isolate and value: call sites keep passing the env string. */
export function keyRing(value: string): KeyRing {
  let ring = cache.get(value);
  if (!ring) {
    ring = parseKeyRing(value);
    cache.set(value, ring);
  }
  return ring;
}

/** A zod-friendly check: every key of the ring passes `keyOk`; the message names what failed. */
export function ringProblem(value: string, keyOk: (secret: string) => boolean, keyRule: string): string | null {
  let ring: KeyRing;
  try {
    ring = parseKeyRing(value);
  } catch (err) {
    return (err as Error).message;
  }
  const bad = ring.versions.filter((v) => !keyOk(ring.get(v)!.secret));
  return bad.length ? `key ${bad.map((v) => `v${v}`).join(', ')} ${keyRule}` : null;
}
