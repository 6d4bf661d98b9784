// The sender library in workerd, fetching with workerd's own fetch over TLS to the push sandbox, as the worker
// will in production: the sandbox's CA is in workerd's trust store (SSL_CERT_FILE, set by the global setup), so
// no URL is rewritten. Subscriptions, scripted answers and the outbox through worker/testing/push-sandbox.ts.
import { buildPushPayload } from '@block65/webcrypto-web-push';
import { describe, expect, it } from 'vitest';
import { createPushSubscription, markPushGone, pushOutbox, pushSubscriptionState, setPushNext } from '../../../worker/testing/push-sandbox';

async function vapidKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const publicKey = btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return { subject: 'mailto:ops@cadence.example', publicKey, privateKey: jwk.d! };
}

describe('push sandbox from workerd', () => {
  it('a push built by @block65/webcrypto-web-push in workerd is fetched over https, answered 201 and decrypted', async () => {
    const subscription = await createPushSubscription();
    expect(subscription.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/push\/[0-9a-f-]{36}$/);

    const payload = await buildPushPayload(
      {
        data: { title: 'Tempo run today', body: '6 × 1 km', link: '/training' },
        options: { ttl: 600, urgency: 'low', topic: 'daily-reminder' },
      },
      { ...subscription, expirationTime: null },
      await vapidKeys(),
    );
    const answer = await fetch(subscription.endpoint, { method: 'POST', headers: payload.headers, body: payload.body });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toContain(`${new URL(subscription.endpoint).origin}/push/message/`);

    expect(await pushOutbox(subscription.endpoint)).toEqual([
      expect.objectContaining({ title: 'Tempo run today', link: '/training', urgency: 'low', topic: 'daily-reminder', ttl: 600 }),
    ]);
  });

  it('scripted 429 with Retry-After, then gone: the answers a sender sees and the requests the sandbox counted', async () => {
    const subscription = await createPushSubscription();
    const vapid = await vapidKeys();
    const send = async () => {
      const payload = await buildPushPayload({ data: 'x', options: { ttl: 60 } }, { ...subscription, expirationTime: null }, vapid);
      return fetch(subscription.endpoint, { method: 'POST', headers: payload.headers, body: payload.body });
    };
    await setPushNext(subscription.endpoint, [{ status: 429, retryAfter: 2 }]);
    const limited = await send();
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    await markPushGone(subscription.endpoint);
    expect((await send()).status).toBe(410);
    expect((await pushSubscriptionState(subscription.endpoint)).requests.map((r) => r.status)).toEqual([429, 410]);
  });
});
