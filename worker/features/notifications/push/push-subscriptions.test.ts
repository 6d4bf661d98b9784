import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { browserKeys, subscriptionsOf } from './push.testing';

const BASE = '/api/v1/notifications/push-subscriptions';
const endpoint = (n: string) => `https://push.example.com/send/${n}-${crypto.randomUUID()}`;

describe('push subscriptions API', () => {
  it('gives the VAPID key; one live subscription per install: the same install replaces, re-sync retires, delete ends it', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const key = await h.json<{ publicKey: string }>(`${BASE}/vapid-key`, { cookie: a.cookie });
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toBe(h.env.VAPID_PUBLIC_KEY);

    const installId = crypto.randomUUID();
    const first = endpoint('a');
    let keys = await browserKeys();
    const put = (ep: string) =>
      h.json(BASE, { method: 'PUT', cookie: a.cookie, body: { installId, endpoint: ep, keys, label: 'Chrome on Android' } });
    const sub = await put(first);
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ installId, label: 'Chrome on Android', lastSuccessAt: null, retiredAt: null });
    expect(JSON.stringify(sub.body)).not.toContain('push.example.com');

    // The browser subscribed again (keys rotated): the install's old endpoint is gone, not kept beside it.
    keys = await browserKeys();
    const second = endpoint('b');
    expect((await put(second)).status).toBe(200);
    expect((await subscriptionsOf(h, a.user.id)).map((s) => [s.endpoint, s.retiredAt])).toEqual([[second, null]]);
    // The same endpoint again is the same row.
    expect((await put(second)).status).toBe(200);
    expect(await subscriptionsOf(h, a.user.id)).toHaveLength(1);

    // On app open the browser holds what is stored: nothing changes.
    const same = await h.json(`${BASE}/sync`, { cookie: a.cookie, body: { installId, endpoint: second } });
    expect(same.body).toEqual({ subscribed: true, retired: 0 });
    // Permission revoked in the browser: it holds nothing, the stored one is retired and no longer sent to.
    const gone = await h.json(`${BASE}/sync`, { cookie: a.cookie, body: { installId, endpoint: null } });
    expect(gone.body).toEqual({ subscribed: false, retired: 1 });
    const [retired] = await subscriptionsOf(h, a.user.id);
    expect(retired?.retiredAt).not.toBeNull();
    const list = await h.json<{ devices: { retiredAt: string | null }[] }>(BASE, { cookie: a.cookie });
    expect(list.body.devices).toHaveLength(1);
    expect(list.body.devices[0]?.retiredAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain('push.example.com');

    // Subscribing again brings it back; delete ends it; a second delete is a 404.
    expect((await put(second)).status).toBe(200);
    expect((await subscriptionsOf(h, a.user.id))[0]?.retiredAt).toBeNull();
    expect((await h.call(`${BASE}/${installId}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(200);
    expect(await subscriptionsOf(h, a.user.id)).toEqual([]);
    expect((await h.call(`${BASE}/${installId}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(404);
  });

  it('only your own: another account cannot see or delete your device, and an endpoint moves to whoever subscribes it last', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const installId = crypto.randomUUID();
    const ep = endpoint('shared');
    const keys = await browserKeys();
    expect((await h.json(BASE, { method: 'PUT', cookie: a.cookie, body: { installId, endpoint: ep, keys } })).status).toBe(200);
    expect((await h.call(`${BASE}/${installId}`, { method: 'DELETE', cookie: b.cookie })).status).toBe(404);
    expect((await h.json<{ devices: unknown[] }>(BASE, { cookie: b.cookie })).body.devices).toEqual([]);
    expect(await subscriptionsOf(h, a.user.id)).toHaveLength(1);

    // B signs in on the same browser and turns push on: A's notifications stop going to it.
    expect((await h.json(BASE, { method: 'PUT', cookie: b.cookie, body: { installId, endpoint: ep, keys } })).status).toBe(200);
    expect(await subscriptionsOf(h, a.user.id)).toEqual([]);
    expect(await subscriptionsOf(h, b.user.id)).toHaveLength(1);
  });

  it('refuses what is not a subscription', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const keys = await browserKeys();
    const bad = [
      { installId: 'x', endpoint: endpoint('a'), keys },
      { installId: crypto.randomUUID(), endpoint: 'ftp://push.example.com/x', keys },
      { installId: crypto.randomUUID(), endpoint: endpoint('a'), keys: { p256dh: 'short', auth: keys.auth } },
      // NUL never reaches Postgres (a 400, not a 500).
      { installId: crypto.randomUUID(), endpoint: `${endpoint('a')}\u0000`, keys },
      { installId: crypto.randomUUID(), endpoint: endpoint('a'), keys, label: 'Chrome\u0000' },
    ];
    for (const [i, body] of bad.entries())
      expect((await h.call(BASE, { method: 'PUT', cookie: a.cookie, body })).status, `case ${i}`).toBe(400);
    expect((await h.call(BASE, { method: 'PUT', body: { installId: crypto.randomUUID(), endpoint: endpoint('a'), keys } })).status).toBe(
      401,
    );
    const sync = await h.call(`${BASE}/sync`, {
      cookie: a.cookie,
      body: { installId: crypto.randomUUID(), endpoint: 'https://example.test/\u0000' },
    });
    expect(sync.status).toBe(400);
    expect(await subscriptionsOf(h, a.user.id)).toEqual([]);
  });
});
