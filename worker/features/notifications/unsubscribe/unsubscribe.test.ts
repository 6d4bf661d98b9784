import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import type { NotificationPreferences } from '../preferences/notification-preferences';
import type { Category } from '../notification-types';
import { encodeClaims, mintUnsubscribeToken, signPayload, TOKEN_LENGTH } from './unsubscribe-token';

const ONE_CLICK = '/api/v1/notifications/unsubscribe';
// What a mail provider sends (RFC 8058): a form POST from its own servers or webmail origin, no cookies.
const providerPost = (token: string, init: { origin?: string; body?: string; type?: string } = {}) => ({
  method: 'POST',
  body: init.body ?? 'List-Unsubscribe=One-Click',
  headers: {
    'content-type': init.type ?? 'application/x-www-form-urlencoded',
    origin: init.origin ?? 'https://mail.example.com',
    'sec-fetch-site': 'cross-site',
  },
});

async function athlete(h: Harness) {
  const a = await h.signup();
  const token = (categories: Category[] = ['load'], deliveryId = crypto.randomUUID()) =>
    mintUnsubscribeToken({ userId: a.user.id, categories, deliveryId }, h.env.UNSUBSCRIBE_SECRET);
  const prefs = async () => (await h.json<NotificationPreferences>('/api/v1/notifications/preferences', { cookie: a.cookie })).body;
  const audit = async () => (await h.auditFor('user', a.user.id)).filter((r) => r.action.startsWith('notifications.'));
  return { ...a, token, prefs, audit };
}

const allOn = { inApp: true, email: true };

describe('one-click unsubscribe (RFC 8058)', () => {
  it('a provider’s form POST from another origin, without cookies, turns exactly that category’s email off, audited once', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const deliveryId = crypto.randomUUID();
    const t = await a.token(['load'], deliveryId);
    const res = await h.json(`${ONE_CLICK}?t=${t}`, providerPost(t));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ categories: ['load'], changed: ['load'] });

    const p = await a.prefs();
    expect(p.channels.load).toEqual({ inApp: true, email: false });
    for (const c of ['plan', 'analysis', 'coach', 'account'] as const) expect(p.channels[c]).toEqual(allOn);
    expect(await a.audit()).toEqual([
      {
        action: 'notifications.unsubscribed',
        actorId: a.user.id,
        payload: { category: 'load', via: 'one_click', deliveryId },
        requestId: expect.any(String),
      },
    ]);
  });

  it('a replayed token answers 200 and changes and records nothing', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['coach']);
    expect((await h.json(`${ONE_CLICK}?t=${t}`, providerPost(t))).body).toEqual({ categories: ['coach'], changed: ['coach'] });
    const again = await h.json(`${ONE_CLICK}?t=${t}`, providerPost(t));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ categories: ['coach'], changed: [] });
    expect(await a.audit()).toHaveLength(1);
    expect((await a.prefs()).channels.coach.email).toBe(false);
  });

  it('two clicks at once (a scanner and the person) change and audit once', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['plan']);
    const answers = await Promise.all([1, 2, 3].map(() => h.json<{ changed: string[] }>(`${ONE_CLICK}?t=${t}`, providerPost(t))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.flatMap((r) => r.body.changed)).toEqual(['plan']);
    expect(await a.audit()).toHaveLength(1);
  });

  it('a multipart body, an empty body and a JSON body work; another List-Unsubscribe value is refused', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    const t1 = await a.token(['plan']);
    expect(
      (await h.call(`${ONE_CLICK}?t=${t1}`, { method: 'POST', body: multipart, headers: { origin: 'https://mail.example.com' } })).status,
    ).toBe(200);
    const t2 = await a.token(['analysis']);
    expect((await h.call(`${ONE_CLICK}?t=${t2}`, { method: 'POST', headers: { origin: 'https://mail.example.com' } })).status).toBe(200);
    const t3 = await a.token(['coach']);
    expect((await h.call(`${ONE_CLICK}?t=${t3}`, { body: {} })).status).toBe(200);
    const t4 = await a.token(['load']);
    const wrong = await h.json<ErrorBody>(`${ONE_CLICK}?t=${t4}`, providerPost(t4, { body: 'List-Unsubscribe=Everything' }));
    expect(wrong.status).toBe(400);
    expectErrorShape(wrong.body, 'VALIDATION');
    const p = await a.prefs();
    expect([p.channels.plan.email, p.channels.analysis.email, p.channels.coach.email, p.channels.load.email]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('a daily summary’s token turns each of its categories off, nothing else', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['plan', 'analysis']);
    expect((await h.json(`${ONE_CLICK}?t=${t}`, providerPost(t))).body).toEqual({
      categories: ['plan', 'analysis'],
      changed: ['plan', 'analysis'],
    });
    const p = await a.prefs();
    expect(p.channels).toMatchObject({
      plan: { email: false, inApp: true },
      analysis: { email: false, inApp: true },
      load: allOn,
      coach: allOn,
    });
    expect((await a.audit()).map((r) => r.payload)).toEqual([
      expect.objectContaining({ category: 'plan' }),
      expect.objectContaining({ category: 'analysis' }),
    ]);
  });

  it('a tampered, truncated or foreign token is a 400 in the one error shape and changes nothing', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['load']);
    expect(t).toHaveLength(TOKEN_LENGTH);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const otherSecret = await mintUnsubscribeToken(
      { userId: a.user.id, categories: ['load'], deliveryId: crypto.randomUUID() },
      'another-secret-of-at-least-32-characters',
    );
    const payload = encodeClaims({ userId: a.user.id, categories: ['load'], deliveryId: crypto.randomUUID() });
    payload[0] = 3;
    const nextVersion = await signPayload(payload, h.env.UNSUBSCRIBE_SECRET);
    const bad: Record<string, string> = {
      'a version byte changed': flip(t, 0),
      'a user id byte changed': flip(t, 10),
      'the category byte changed': flip(t, 23),
      'a delivery id byte changed': flip(t, 30),
      'a signature byte changed': flip(t, 60),
      'the last signature character changed': flip(t, TOKEN_LENGTH - 1),
      'truncated by one': t.slice(0, -1),
      'truncated to the payload': t.slice(0, 46),
      'one character longer': `${t}A`,
      'a character outside base64url': `${t.slice(0, 40)}+${t.slice(41)}`,
      'another secret': otherSecret,
      'a version we do not know, validly signed': nextVersion,
      'not a token': 'hello',
    };
    for (const [what, token] of Object.entries(bad)) {
      const res = await h.json<ErrorBody>(`${ONE_CLICK}?t=${encodeURIComponent(token)}`, providerPost(token));
      expect(res.status, what).toBe(400);
      expectErrorShape(res.body, 'TOKEN_INVALID');
    }
    const missing = await h.json<ErrorBody>(ONE_CLICK, providerPost(''));
    expect(missing.status).toBe(400);
    expectErrorShape(missing.body, 'VALIDATION');
    expect((await a.prefs()).channels.load.email).toBe(true);
    expect(await a.audit()).toEqual([]);
  });

  it('billing and security: no token can be minted, and a forged, validly signed one is refused', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    await expect(a.token(['account'])).rejects.toThrow(/locked/);
    await expect(a.token(['load', 'account'])).rejects.toThrow(/locked/);
    const forged = await signPayload(
      encodeClaims({ userId: a.user.id, categories: ['account'], deliveryId: crypto.randomUUID() }),
      h.env.UNSUBSCRIBE_SECRET,
    );
    const res = await h.json<ErrorBody>(`${ONE_CLICK}?t=${forged}`, providerPost(forged));
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'TOKEN_INVALID');
    const page = await h.call(`/unsubscribe?t=${forged}`);
    expect(page.status).toBe(400);
    expect((await a.prefs()).channels.account).toEqual(allOn);
  });

  it('a genuine token for an account that no longer exists is a 404', async () => {
    const h = Harness.init();
    const t = await mintUnsubscribeToken(
      { userId: crypto.randomUUID(), categories: ['load'], deliveryId: crypto.randomUUID() },
      h.env.UNSUBSCRIBE_SECRET,
    );
    const res = await h.json<ErrorBody>(`${ONE_CLICK}?t=${t}`, providerPost(t));
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
  });
});

describe('the unsubscribe page', () => {
  it('opening the links (as a mail scanner does) changes nothing: the one-click address leads to the page, which asks', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['load']);
    const get = await h.call(`${ONE_CLICK}?t=${t}`);
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe(`/unsubscribe?t=${t}`);
    const head = await h.call(`${ONE_CLICK}?t=${t}`, { method: 'HEAD' });
    expect(head.status).toBeLessThan(400);
    const page = await h.call(`/unsubscribe?t=${t}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).toContain('Stop “Training-load alerts” emails?');
    // The address as a hint only.
    const [local, domain] = a.email.split('@') as [string, string];
    expect(html).toContain(`${local[0]}•••@${domain[0]}•••.test`);
    expect(html).not.toContain(a.email);
    expect((await a.prefs()).channels.load.email).toBe(true);
    expect(await a.audit()).toEqual([]);
  });

  it('the button turns the category off signed out and without JavaScript; Undo turns it back on', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const deliveryId = crypto.randomUUID();
    const t = await a.token(['analysis'], deliveryId);
    const post = (intent: string) => {
      const form = new FormData();
      form.set('t', t);
      form.set('intent', intent);
      return h.call(`/unsubscribe?t=${t}`, { method: 'POST', body: form });
    };
    const done = await post('unsubscribe');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('No more “Analysis and weekly summary” emails.');
    expect((await a.prefs()).channels.analysis).toEqual({ inApp: true, email: false });
    // Reloading the page now offers the Undo, not the question.
    expect(await (await h.call(`/unsubscribe?t=${t}`)).text()).toContain('Undo: turn these emails back on');

    const undone = await post('undo');
    expect(await undone.text()).toContain('emails are on again');
    expect((await a.prefs()).channels.analysis).toEqual(allOn);
    expect(await a.audit()).toEqual([
      expect.objectContaining({
        action: 'notifications.unsubscribed',
        actorId: a.user.id,
        payload: { category: 'analysis', via: 'link', deliveryId },
      }),
      expect.objectContaining({
        action: 'notifications.resubscribed',
        actorId: a.user.id,
        payload: { category: 'analysis', via: 'link', deliveryId },
      }),
    ]);
  });

  it('a broken link shows a friendly page, not an error, and changes nothing', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const t = await a.token(['load']);
    for (const url of [`/unsubscribe?t=${t.slice(0, 50)}`, '/unsubscribe']) {
      const res = await h.call(url);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This unsubscribe link does not work');
    }
    const form = new FormData();
    form.set('t', `${t.slice(0, -2)}AA`);
    form.set('intent', 'unsubscribe');
    const posted = await h.call(`/unsubscribe?t=${t}`, { method: 'POST', body: form });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain('This unsubscribe link does not work');
    expect((await a.prefs()).channels.load.email).toBe(true);
  });
});
