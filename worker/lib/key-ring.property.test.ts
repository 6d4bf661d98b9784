import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readUnsubscribeToken,
  mintUnsubscribeToken,
  signPayload,
  encodeClaims,
} from '../features/notifications/unsubscribe/unsubscribe-token';
import { parseKeyRing, RetiredKeyError, ringProblem } from './key-ring';
import { createSecretBox, sealedKeyVersion } from './secret-box';
import { checkToken, signToken, verifyToken } from './signed-token';

// Key rings (ADR 040): whatever an active key made, the ring opens; a removed key's values are refused by
// name; any change to a value is refused. Keys are drawn per run so no fixed key can hide a bug.

const aesKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => btoa(String.fromCharCode(...b)));
const hmacKey = fc.string({ minLength: 32, maxLength: 64, unit: 'grapheme-ascii' }).filter((k) => !k.includes(','));
/** A ring of 1–4 distinct versions and the index (into the sorted versions) of the key a value is made with. */
const ringOf = (key: fc.Arbitrary<string>) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 })
    .chain((versions) => fc.tuple(fc.constant(versions), fc.array(key, { minLength: versions.length, maxLength: versions.length })))
    .map(([versions, keys]) => versions.map((v, i) => ({ version: v, secret: keys[i]! })));
type Entries = { version: number; secret: string }[];
const ringValue = (entries: Entries) => entries.map((e) => `v${e.version}:${e.secret}`).join(',');
/** The ring as it stood when only `upTo` (a version) and older were listed: what an older deploy sealed with. */
const asOf = (entries: Entries, upTo: number) => ringValue(entries.filter((e) => e.version <= upTo));
/** A character changed, never the last: its low bits may be padding that decoding drops. */
const flipChar = (s: string, i: number) => {
  const at = i % (s.length - 1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const next = alphabet[(alphabet.indexOf(s[at]!) + 1) % alphabet.length]!;
  return s.slice(0, at) + next + s.slice(at + 1);
};
/** One bit of one byte of a standard-base64 value changed (a character flip may only touch padding bits). */
const flipByte = (b64: string, i: number) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  bytes[i % bytes.length]! ^= 1;
  return btoa(String.fromCharCode(...bytes));
};
const uuid = fc.uuid({ version: 4 });

describe('key ring format', () => {
  it('reads a bare value as v1 and a ring newest-first whatever its order', () => {
    expect(parseKeyRing('a-plain-secret-of-at-least-32-characters').newest.version).toBe(1);
    const ring = parseKeyRing('v1:one-one-one-one-one-one-one-one-one-one, v3:three-three-three-three-three-three,v2:two');
    expect(ring.versions).toEqual([3, 2, 1]);
    expect(ring.newest.secret).toBe('three-three-three-three-three-three');
    expect(ring.get(2)?.secret).toBe('two');
    expect(() => parseKeyRing('v1:a,v1:b')).toThrow(/listed twice/);
    expect(() => parseKeyRing('v2:abc,junk')).toThrow(/v<number>:<key>/);
    expect(ringProblem('v2:short,v1:long-enough-long-enough-long-enough-x', (k) => k.length >= 32, 'is too short')).toBe(
      'key v2 is too short',
    );
  });
});

describe('TOKEN_ENCRYPTION_KEY ring (secret box)', () => {
  it('opens whatever any active key sealed, and reseals it with the newest', async () => {
    await fc.assert(
      fc.asyncProperty(ringOf(aesKey), fc.nat(), fc.string(), async (entries, pick, plaintext) => {
        const maker = entries[pick % entries.length]!;
        const sealed = await createSecretBox(asOf(entries, maker.version)).seal(plaintext);
        expect(sealedKeyVersion(sealed)).toBe(maker.version);
        const box = createSecretBox(ringValue(entries));
        expect(await box.open(sealed)).toBe(plaintext);
        const resealed = await box.reseal(sealed);
        const newest = Math.max(...entries.map((e) => e.version));
        if (maker.version === newest) expect(resealed).toBeNull();
        else {
          expect(sealedKeyVersion(resealed!)).toBe(newest);
          expect(await box.open(resealed!)).toBe(plaintext);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a removed key's values by name, and any tampering", async () => {
    await fc.assert(
      fc.asyncProperty(ringOf(aesKey), fc.string({ minLength: 1 }), fc.nat(), async (entries, plaintext, at) => {
        fc.pre(entries.length > 1);
        const oldest = Math.min(...entries.map((e) => e.version));
        const sealed = await createSecretBox(asOf(entries, oldest)).seal(plaintext);
        const retired = createSecretBox(ringValue(entries.filter((e) => e.version !== oldest)));
        await expect(retired.open(sealed)).rejects.toBeInstanceOf(RetiredKeyError);
        await expect(retired.open(sealed)).rejects.toThrow(`key v${oldest}, which is not in the ring`);
        // A change in the iv or ciphertext (never the version prefix) fails GCM's tag check.
        const box = createSecretBox(ringValue(entries));
        const [v, iv, ct] = sealed.split('.');
        await expect(box.open(`${v}.${iv}.${flipByte(ct!, at)}`)).rejects.toThrow();
        await expect(box.open(`${v}.${flipByte(iv!, at)}.${ct}`)).rejects.toThrow();
      }),
      { numRuns: 60 },
    );
  });

  it('reads a value sealed before rings existed ("v1." with the bare key) once the key is v1 of a ring', async () => {
    const v1 = btoa('0123456789abcdef0123456789abcdef');
    const v2 = btoa('fedcba9876543210fedcba9876543210');
    const before = await createSecretBox(v1).seal('refresh-token');
    expect(before.startsWith('v1.')).toBe(true);
    expect(await createSecretBox(`v2:${v2},v1:${v1}`).open(before)).toBe('refresh-token');
  });
});

describe('OAUTH_STATE_SECRET ring (signed tokens)', () => {
  it('verifies whatever any active key signed, and names the key', async () => {
    await fc.assert(
      fc.asyncProperty(ringOf(hmacKey), fc.nat(), fc.dictionary(fc.string(), fc.jsonValue()), async (entries, pick, payload) => {
        const maker = entries[pick % entries.length]!;
        const token = await signToken(payload, asOf(entries, maker.version));
        const checked = await checkToken(token, ringValue(entries));
        expect(checked).toEqual({ ok: true, payload: JSON.parse(JSON.stringify(payload)), version: maker.version });
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a removed key's tokens as retired, and tampered ones (payload, mac or key version) as bad signatures", async () => {
    await fc.assert(
      fc.asyncProperty(ringOf(hmacKey), fc.nat(), async (entries, at) => {
        fc.pre(entries.length > 1);
        const oldest = Math.min(...entries.map((e) => e.version));
        const token = await signToken({ n: 'nonce', exp: 1 }, asOf(entries, oldest));
        const without = ringValue(entries.filter((e) => e.version !== oldest));
        expect(await checkToken(token, without)).toEqual({ ok: false, problem: 'retired-key' });
        expect(await verifyToken(token, without)).toBeNull();
        const [v, body, mac] = token.split('.');
        const ring = ringValue(entries);
        for (const bad of [`${v}.${flipChar(body!, at)}.${mac}`, `${v}.${body}.${flipChar(mac!, at)}`]) {
          const checked = await checkToken(bad, ring);
          expect(checked.ok).toBe(false);
        }
        // Claiming another active key's version does not carry the signature over.
        const other = entries.find((e) => e.version !== oldest)!;
        expect(await checkToken(`v${other.version}.${body}.${mac}`, ring)).toEqual({ ok: false, problem: 'signature' });
      }),
      { numRuns: 60 },
    );
  });

  it('reads a pre-ring "<payload>.<mac>" state as signed with v1', async () => {
    const v1 = 'the-old-single-oauth-state-secret-value';
    const legacy = (await signToken({ n: 'x' }, v1)).split('.');
    // Rebuild the pre-ring shape: MAC over the payload alone.
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(v1), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(legacy[1]!)));
    const b64url = btoa(String.fromCharCode(...mac))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const old = `${legacy[1]}.${b64url}`;
    expect(await verifyToken(old, `v2:${'n'.repeat(40)},v1:${v1}`)).toEqual({ n: 'x' });
    expect(await checkToken(old, `v2:${'n'.repeat(40)}`)).toEqual({ ok: false, problem: 'retired-key' });
  });
});

describe('UNSUBSCRIBE_SECRET ring (unsubscribe links)', () => {
  it('reads whatever any active key signed; a removed key is retired; a changed character is refused', async () => {
    await fc.assert(
      fc.asyncProperty(ringOf(hmacKey), fc.nat(), uuid, uuid, fc.nat(), async (entries, pick, userId, deliveryId, at) => {
        fc.pre(entries.every((e) => e.version <= 127));
        const maker = entries[pick % entries.length]!;
        const claims = { userId, deliveryId, categories: ['load' as const] };
        const token = await mintUnsubscribeToken(claims, asOf(entries, maker.version));
        expect(await readUnsubscribeToken(token, ringValue(entries))).toEqual(claims);
        const without = entries.filter((e) => e.version !== maker.version);
        if (without.length) expect(await readUnsubscribeToken(token, ringValue(without))).toEqual({ problem: 'retired-key' });
        // Characters 0–1 hold the format-and-key byte; past them a change is a bad signature.
        const changed = flipChar(token, 2 + (at % (token.length - 3)));
        expect(await readUnsubscribeToken(changed, ringValue(entries))).toHaveProperty('problem');
      }),
      { numRuns: 60 },
    );
  });

  it('still reads an 88-character link mailed before rings (format 1, key v1)', async () => {
    const v1 = 'the-old-single-unsubscribe-secret-value';
    const claims = { userId: crypto.randomUUID(), deliveryId: crypto.randomUUID(), categories: ['plan' as const, 'coach' as const] };
    const legacy = encodeClaims(claims, 1);
    legacy[0] = 1;
    const token = await signPayload(legacy, v1);
    expect(token).toHaveLength(88);
    expect(await readUnsubscribeToken(token, `v2:${'u'.repeat(40)},v1:${v1}`)).toEqual(claims);
    expect(await readUnsubscribeToken(token, `v2:${'u'.repeat(40)}`)).toEqual({ problem: 'retired-key' });
  });
});
