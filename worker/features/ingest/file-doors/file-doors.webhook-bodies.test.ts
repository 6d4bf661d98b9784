// What the live doors' webhooks do with bodies they cannot take: larger than Strava's cap (1 MiB) is a 413
// before anything reads it, and a Polar body that carries a valid signature but is not a notification we know
// is a 400 (the sender is Polar; the body is wrong), while a bad signature stays a 401. Nothing is stored.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../db/schema';
import { MAX_BODY_BYTES } from '../../../http/security.middleware';
import type { ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';

/** Polar-Webhook-Signature as Polar computes it: hex HMAC-SHA256 of the raw body (computed here independently). */
async function polarSignature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const stored = async (h: Harness, provider: 'garmin' | 'polar') =>
  (await h.db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents).where(eq(webhookEvents.provider, provider)))[0]!.n;

describe('live-door webhook bodies', () => {
  it('a body over Strava’s cap is 413 in the error shape, for Garmin and Polar alike', async () => {
    const h = Harness.init();
    // A JSON body one byte over the cap: a plausible ping padded, so only its size is wrong.
    const pad = (n: number) => JSON.stringify({ activityFiles: [], pad: 'x'.repeat(n) });
    const over = pad(MAX_BODY_BYTES + 1 - pad(0).length);
    expect(over.length).toBe(MAX_BODY_BYTES + 1);
    for (const provider of ['garmin', 'polar', 'strava'] as const) {
      const r = await h.json<ErrorBody>(`/webhooks/${provider}`, {
        method: 'POST',
        body: over,
        headers: { 'content-type': 'application/json', 'garmin-client-id': h.env.GARMIN_CLIENT_ID ?? '' },
      });
      expect({ provider, status: r.status }).toEqual({ provider, status: 413 });
      expectErrorShape(r.body, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('a signed Polar body we cannot read is 400; the same body unsigned or mis-signed is 401; neither is stored', async () => {
    const h = Harness.init();
    const secret = h.env.POLAR_WEBHOOK_SECRET;
    expect(secret).toBeTruthy();
    const before = await stored(h, 'polar');
    for (const body of ['{"event": "EXERCISE", "user_id": ', JSON.stringify({ event: 'EXERCISE', user_id: 'not a number' }), '[]']) {
      const signature = await polarSignature(secret!, body);
      const post = (sig: string | null) =>
        h.json<ErrorBody>('/webhooks/polar', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...(sig ? { 'polar-webhook-signature': sig } : {}) },
        });
      const signed = await post(signature);
      expect({ body, status: signed.status }).toEqual({ body, status: 400 });
      expectErrorShape(signed.body, 'BAD_REQUEST');
      const unsigned = await post(null);
      expect({ body, status: unsigned.status }).toEqual({ body, status: 401 });
      expectErrorShape(unsigned.body, 'UNAUTHENTICATED');
      const forged = await post(await polarSignature('another-secret-entirely', body));
      expect({ body, status: forged.status }).toEqual({ body, status: 401 });
    }
    expect(await stored(h, 'polar')).toBe(before);
  });
});
