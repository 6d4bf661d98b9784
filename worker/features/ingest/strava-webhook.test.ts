// POST /webhooks/strava without the sandbox: which events are stored at all. What stored events do is
// in strava.webhooks.integration.test.ts.
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { webhookEvents } from '../../db/schema';
import { parseEnv } from '../../env';
import { Harness, expectErrorShape } from '../../testing/harness';

const OURS = parseEnv(env).STRAVA_SUBSCRIPTION_ID!;
let owner = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const event = (extra: Record<string, unknown> = {}) => ({
  object_type: 'activity',
  object_id: 42,
  aspect_type: 'create',
  owner_id: ++owner,
  event_time: 1_800_000_000,
  updates: {},
  ...extra,
});
const storedFor = (h: Harness, ownerId: number) =>
  h.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(sql`${webhookEvents.payload}->>'owner_id' = ${String(ownerId)}`);

describe('POST /webhooks/strava: subscription and input', () => {
  it('is configured for tests with the sandbox’s subscription id', () => {
    expect(OURS).toBe(120475);
  });

  it('acknowledges an event for another subscription (or none) with 200, counts it in the log, and neither stores nor queues it', async () => {
    const h = Harness.init();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const e of [event({ subscription_id: OURS + 1 }), event({ subscription_id: 1 }), event()]) {
      const r = await h.json('/webhooks/strava', { body: e, headers: { origin: '' } });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ok: true, duplicate: false, ignored: true });
      expect(await storedFor(h, e.owner_id)).toEqual([]);
    }
    const counted = warn.mock.calls.map((c) => JSON.parse(String(c[0]))).filter((l) => l.counter === 'strava.webhook.foreign_subscription');
    expect(counted.map((l) => l.subscriptionId)).toEqual([OURS + 1, 1, 'none']);
  });

  it('stores an event for our subscription once', async () => {
    const h = Harness.init();
    const e = event({ subscription_id: OURS });
    expect((await h.json('/webhooks/strava', { body: e, headers: { origin: '' } })).body).toEqual({ ok: true, duplicate: false });
    expect((await h.json('/webhooks/strava', { body: e, headers: { origin: '' } })).body).toEqual({ ok: true, duplicate: true });
    expect(await storedFor(h, e.owner_id)).toHaveLength(1);
  });

  it('refuses updates Postgres could not store (a NUL in a key or value) with 400, storing nothing', async () => {
    const h = Harness.init();
    for (const updates of [{ title: 'Morning\u0000Run' }, { ['ti\u0000tle']: 'x' }, { title: { nested: true } }]) {
      const e = event({ subscription_id: OURS, updates });
      const r = await h.json('/webhooks/strava', { body: e, headers: { origin: '' } });
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(await storedFor(h, e.owner_id)).toEqual([]);
    }
  });
});
