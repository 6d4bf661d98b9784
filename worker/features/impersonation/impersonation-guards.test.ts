// High-risk mutations are the user's own act: refused (403 IMPERSONATION_BLOCKED) under impersonation,
// on the API and on the pages' actions alike; the user's own session still can.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, membershipGrants } from '../../db/schema';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness, PASSWORD } from '../../testing/harness';
import { mintUnsubscribeToken } from '../notifications/unsubscribe/unsubscribe-token';
import { impersonating, impRows } from './impersonation.testing';

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe('high-risk actions under impersonation', () => {
  it('the API refuses password, sessions, billing, export, and provider connect/disconnect', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h);
    const own = await h.json<{ sessions: { id: string }[] }>('/api/v1/me/sessions', { cookie: target.cookie });
    const other = own.body.sessions[0]!.id;
    const cases: [string, string, unknown?][] = [
      ['POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 9' }],
      ['GET', '/api/v1/me/sessions'],
      ['DELETE', `/api/v1/me/sessions/${other}`],
      ['POST', '/api/v1/auth/logout-all'],
      ['POST', '/api/v1/membership/checkout', { tier: 'pro', interval: 'month' }],
      ['POST', '/api/v1/membership/portal'],
      ['POST', '/api/v1/membership/trial'],
      ['GET', '/api/v1/connections/strava/authorize'],
      ['DELETE', '/api/v1/connections/strava'],
      ['GET', '/api/v1/exports/activities.csv'],
      ['GET', '/api/v1/exports/fitness.csv'],
    ];
    for (const [method, path, body] of cases) {
      const r = await h.json(path, { cookie: both, method, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expectErrorShape(r.body, 'IMPERSONATION_BLOCKED');
      expect((r.body as { error: { message: string } }).error.message).toMatch(/while impersonating/);
    }
    // Nothing happened: the target's sessions are all there, the password unchanged.
    expect((await h.json<{ sessions: unknown[] }>('/api/v1/me/sessions', { cookie: target.cookie })).body.sessions).toHaveLength(
      own.body.sessions.length,
    );
    await h.login(target.email, PASSWORD);
    // The target's own session is not refused (the guard is about the impersonation, not the route).
    expect((await h.json('/api/v1/me/sessions', { cookie: target.cookie })).status).toBe(200);
    expect((await h.json('/api/v1/connections/strava', { cookie: target.cookie, method: 'DELETE' })).status).toBe(404);
  });

  it('a Pro athlete: the data export and making or turning off a calendar feed are refused too, yet theirs to do', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h);
    await h.db.insert(membershipGrants).values({ userId: target.id, kind: 'comp', tier: 'pro', endsAt: new Date(Date.now() + 86_400_000) });
    expect((await h.call('/api/v1/plans/feed', { cookie: target.cookie, method: 'POST' })).status).toBe(201);
    for (const [method, path] of [
      ['POST', '/api/v1/plans/feed'],
      ['DELETE', '/api/v1/plans/feed'],
      ['GET', '/api/v1/exports/activities.csv'],
    ] as const) {
      const r = await h.json(path, { cookie: both, method });
      expect(r.status, path).toBe(403);
      expectErrorShape(r.body, 'IMPERSONATION_BLOCKED');
    }
    // The feed the athlete made is still on; the impersonation only reads that it is.
    expect((await h.json('/api/v1/plans/feed', { cookie: both })).body).toMatchObject({ active: true });
    expect((await h.call('/api/v1/exports/activities.csv', { cookie: target.cookie })).status).toBe(200);
    expect((await h.call('/api/v1/plans/feed', { cookie: target.cookie, method: 'POST' })).status).not.toBe(403);
    expect((await h.call('/api/v1/plans/feed', { cookie: target.cookie, method: 'DELETE' })).status).toBe(204);
  });

  it('destroying the athlete’s data is refused: bulk-deleting activities and deleting a post (issue 55), yet theirs to do', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h);
    const run = await analyticsWorld(h.db).activities.ingest(
      target.id,
      buildActivity({ name: 'Tempo run', startTime: new Date(Date.UTC(2026, 5, 1, 7)) }),
    );
    const post = await h.json<{ id: string }>('/api/v1/social/posts', {
      cookie: target.cookie,
      body: { title: 'Tempo run', sport: 'run', date: '2026-06-01' },
    });
    expect(post.status).toBe(201);
    const deleteRun = (cookie: string) =>
      h.json('/api/v1/activities/bulk', { cookie, body: { ids: [run.id], change: { kind: 'delete' } } });
    const deletePost = (cookie: string) => h.json(`/api/v1/social/posts/${post.body.id}`, { cookie, method: 'DELETE' });
    for (const r of [await deleteRun(both), await deletePost(both)]) {
      expect(r.status).toBe(403);
      expectErrorShape(r.body, 'IMPERSONATION_BLOCKED');
      expect((r.body as { error: { message: string } }).error.message).toMatch(/^You cannot delete .* while impersonating/);
    }
    // Nothing was deleted: the run and the post are still there, for the impersonation as for the athlete.
    const deletedAt = async () => (await h.db.select().from(activities).where(eq(activities.id, run.id)))[0]?.deletedAt;
    expect(await deletedAt()).toBeNull();
    expect((await h.json(`/api/v1/social/posts/${post.body.id}`, { cookie: both })).status).toBe(200);
    // The athlete's own session does both.
    expect((await deleteRun(target.cookie)).status).toBe(200);
    expect(await deletedAt()).toBeInstanceOf(Date);
    expect((await deletePost(target.cookie)).status).toBe(200);
    expect((await h.json(`/api/v1/social/posts/${post.body.id}`, { cookie: target.cookie })).status).toBe(404);
  });

  it('the pages refuse the same actions with a clear message and change nothing', async () => {
    const h = Harness.init();
    const { owner, target, both } = await impersonating(h);
    const pw = await h.call('/settings', {
      cookie: both,
      body: form({
        intent: 'password',
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase 9',
        confirmPassword: 'a brand new passphrase 9',
      }),
    });
    expect(pw.status).toBe(400);
    expect(await pw.text()).toContain('You cannot change the password while impersonating');
    await h.login(target.email, PASSWORD);
    const all = await h.call('/settings', { cookie: both, body: form({ intent: 'revoke-all' }) });
    expect(all.status).toBe(400);
    expect(await all.text()).toContain('while impersonating');
    expect((await h.json('/api/v1/me', { cookie: target.cookie })).status).toBe(200);
    const settings = await (await h.call('/settings', { cookie: both })).text();
    expect(settings).not.toContain(`name="sessionId"`);
    const checkout = await h.call('/settings/membership', {
      cookie: both,
      body: form({ intent: 'checkout', tier: 'pro', interval: 'month' }),
    });
    expect(await checkout.text()).toContain('You cannot start a checkout while impersonating');
    const trial = await h.call('/settings/membership', { cookie: both, body: form({ intent: 'trial' }) });
    expect(await trial.text()).toContain('You cannot start a trial while impersonating');
    const portal = await h.call('/pricing', { cookie: both, body: form({ intent: 'portal' }) });
    expect(await portal.text()).toContain('while impersonating');
    const disconnect = await h.call('/settings/data', { cookie: both, body: form({ intent: 'disconnect', confirm: 'yes' }) });
    expect(disconnect.status).toBe(400);
    expect(await disconnect.text()).toContain('You cannot disconnect Strava while impersonating');
    // The unsubscribe page's link is the user's secret too: its button is theirs to press.
    const t = await mintUnsubscribeToken(
      { userId: target.id, categories: ['load'], deliveryId: crypto.randomUUID() },
      h.env.UNSUBSCRIBE_SECRET,
    );
    const unsubscribe = await h.call(`/unsubscribe?t=${t}`, { cookie: both, body: form({ t, intent: 'unsubscribe' }) });
    expect(unsubscribe.status).toBe(403);
    expect(await unsubscribe.text()).toContain('You cannot unsubscribe from email while impersonating');
    const prefs = await h.json<{ channels: { load: { email: boolean } } }>('/api/v1/notifications/preferences', { cookie: target.cookie });
    expect(prefs.body.channels.load.email).toBe(true);
    // Still impersonating after all the refusals; nothing was ended or escalated.
    expect(await impRows(h, owner.id)).toHaveLength(1);
  });
});
