import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebPushSender } from './push.http';

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A fresh VAPID pair per test: the JWT cache is per isolate, keyed by the pair. */
async function vapid() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { publicKey: b64url(raw), privateKey: jwk.d!, subject: 'mailto:ops@cadence.example' };
}

/** ECDSA signatures only (the payload encryption signs HMACs through the same API). */
const ecdsaSigns = () => {
  const spy = vi.spyOn(crypto.subtle, 'sign');
  return () => spy.mock.calls.filter(([alg]) => (typeof alg === 'string' ? alg : alg.name) === 'ECDSA').length;
};
const tokenOf = (header: string) => /t=([^,]+)/.exec(header)![1]!;
const claimsOf = (header: string) => JSON.parse(atob(tokenOf(header).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));

afterEach(() => vi.restoreAllMocks());

describe('WebPushSender VAPID header', () => {
  it('is signed once per push-service origin for the isolate, not once per sender (every queue batch builds its own)', async () => {
    const keys = await vapid();
    const signs = ecdsaSigns();
    const now = Date.parse('2027-01-12T10:00:00Z');
    const batches = Array.from({ length: 5 }, () => new WebPushSender(keys, { now: () => now }));
    const headers = await Promise.all(batches.map((s) => s.authorization('https://fcm.googleapis.com')));
    expect(new Set(headers).size).toBe(1);
    expect(signs()).toBe(1);
    expect(claimsOf(headers[0]!)).toMatchObject({ aud: 'https://fcm.googleapis.com', exp: now / 1000 + 12 * 3600 });

    // Another origin gets its own; an hour later the first is reused; after 11 h it is signed again.
    const other = await batches[0]!.authorization('https://updates.push.services.mozilla.com');
    expect(claimsOf(other).aud).toBe('https://updates.push.services.mozilla.com');
    expect(await new WebPushSender(keys, { now: () => now + 3600_000 }).authorization('https://fcm.googleapis.com')).toBe(headers[0]);
    expect(signs()).toBe(2);
    const later = await new WebPushSender(keys, { now: () => now + 11 * 3600_000 + 1 }).authorization('https://fcm.googleapis.com');
    expect(claimsOf(later).exp).toBe(Math.floor((now + 11 * 3600_000 + 1) / 1000) + 12 * 3600);
    expect(signs()).toBe(3);
  });

  it('is never shared across VAPID pairs, and a sender on an earlier clock never gets a JWT signed in its future', async () => {
    const a = await vapid();
    const b = await vapid();
    const now = Date.parse('2027-01-12T10:00:00Z');
    const fromA = await new WebPushSender(a, { now: () => now }).authorization('https://fcm.googleapis.com');
    const fromB = await new WebPushSender(b, { now: () => now }).authorization('https://fcm.googleapis.com');
    expect(fromB).not.toBe(fromA);
    expect(fromB).toContain(`k=${b.publicKey}`);
    const earlier = await new WebPushSender(a, { now: () => now - 60_000 }).authorization('https://fcm.googleapis.com');
    expect(claimsOf(earlier).exp).toBe((now - 60_000) / 1000 + 12 * 3600);
  });

  it('drops the shared JWT when the push service answers 401: the next batch signs afresh', async () => {
    const keys = await vapid();
    const now = Date.parse('2027-01-12T10:00:00Z');
    const subscriber = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    const target = {
      endpoint: 'https://push.example.com/send/abc',
      p256dh: b64url(new Uint8Array((await crypto.subtle.exportKey('raw', subscriber.publicKey)) as ArrayBuffer)),
      auth: b64url(crypto.getRandomValues(new Uint8Array(16))),
    };
    const statuses = [401, 201];
    const fetched = vi.fn(async () => new Response(null, { status: statuses.shift() ?? 201 }));
    vi.stubGlobal('fetch', fetched);
    try {
      const signs = ecdsaSigns();
      const message = { payload: '{"title":"x"}', ttl: 60, urgency: 'high' as const, topic: 'coach-update' };
      expect(await new WebPushSender(keys, { now: () => now }).send(target, message)).toEqual({ outcome: 'rejected', status: 401 });
      expect(await new WebPushSender(keys, { now: () => now }).send(target, message)).toEqual({ outcome: 'sent' });
      expect(await new WebPushSender(keys, { now: () => now }).send(target, message)).toEqual({ outcome: 'sent' });
      // One signature for the rejected JWT, one after it was dropped, then reused.
      expect(signs()).toBe(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
