// The sender library in workerd, fetching with workerd's own fetch over TLS to the push sandbox, as the worker
// will in production: the sandbox's CA is in workerd's trust store (SSL_CERT_FILE, set by the global setup), so
// no URL is rewritten. The subscription and the outbox go through the sandbox's plain control port.
import { buildPushPayload } from '@block65/webcrypto-web-push';
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const sandboxUrl = new URL((env as unknown as { EMAIL_API_URL: string }).EMAIL_API_URL).origin;

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
    const created = await fetch(`${sandboxUrl}/push/subscriptions`, { method: 'POST' });
    expect(created.status).toBe(201);
    const subscription = (await created.json()) as { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
    expect(subscription.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/push\/[0-9a-f-]{36}$/);

    const payload = await buildPushPayload(
      {
        data: { title: 'Tempo run today', body: '6 × 1 km', link: '/training' },
        options: { ttl: 600, urgency: 'low', topic: 'daily-reminder' },
      },
      subscription,
      await vapidKeys(),
    );
    const answer = await fetch(subscription.endpoint, { method: 'POST', headers: payload.headers, body: payload.body });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toContain(`${new URL(subscription.endpoint).origin}/push/message/`);

    const outbox = (await (
      await fetch(`${sandboxUrl}/push/outbox.json?subscription=${encodeURIComponent(subscription.endpoint)}`)
    ).json()) as {
      messages: { title: string; link: string; urgency: string; topic: string; ttl: number }[];
    };
    expect(outbox.messages).toEqual([
      expect.objectContaining({ title: 'Tempo run today', link: '/training', urgency: 'low', topic: 'daily-reminder', ttl: 600 }),
    ]);
  });
});
