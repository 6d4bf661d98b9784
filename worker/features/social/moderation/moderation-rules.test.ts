// What may be reported (only what the reporter can see; never one's own), the reporter's hourly limit, and a
// suspension: set with an end, lifted once, and never closing the athlete's export or deletion.
import { describe, expect, it } from 'vitest';
import { blocks, follows } from '../../../db/schema';
import { Harness, PASSWORD, expectErrorShape } from '../../../testing/harness';
import { isSuspended } from '../index';
import { REPORTS_PER_HOUR } from './moderation.service';
import { ADMIN, athlete, commentBy, moderationAudit, postBy, REPORTS, suspendedUntilOf } from './moderation.testing';

const report = (h: Harness, cookie: string, targetKind: string, targetId: string) =>
  h.json(REPORTS, { cookie, body: { targetKind, targetId, reason: 'spam' } });

describe('what may be reported', () => {
  it('only what the reporter can see: the same answer as the feed gives, 404 otherwise', async () => {
    const h = Harness.init();
    const pub = await athlete(h, 'public');
    const priv = await athlete(h, 'private');
    const me = await athlete(h);
    const follower = await athlete(h);
    await h.db.insert(follows).values({ followerId: follower.id, followeeId: pub.id, status: 'accepted' });

    expect((await report(h, me.cookie, 'post', await postBy(h, pub.id, 'public'))).status).toBe(201);
    expect((await report(h, me.cookie, 'post', await postBy(h, pub.id, 'private'))).status).toBe(404);
    const forFollowers = await postBy(h, pub.id, 'followers');
    expect((await report(h, me.cookie, 'post', forFollowers)).status).toBe(404);
    expect((await report(h, follower.cookie, 'post', forFollowers)).status).toBe(201);
    // A private profile caps a public post at followers.
    expect((await report(h, me.cookie, 'post', await postBy(h, priv.id, 'public'))).status).toBe(404);
    // A comment is seen where its post is.
    const open = await postBy(h, pub.id, 'public');
    expect((await report(h, me.cookie, 'comment', await commentBy(h, follower.id, open))).status).toBe(201);
    expect((await report(h, me.cookie, 'comment', await commentBy(h, follower.id, forFollowers))).status).toBe(404);
    // Unknown ids, one's own things, and anyone behind a block either way.
    expect((await report(h, me.cookie, 'post', crypto.randomUUID())).status).toBe(404);
    expect((await report(h, me.cookie, 'profile', crypto.randomUUID())).status).toBe(404);
    const own = await report(h, me.cookie, 'post', await postBy(h, me.id));
    expect(own.status).toBe(400);
    expectErrorShape(own.body, 'VALIDATION');
    expect((await report(h, me.cookie, 'profile', priv.id)).status).toBe(201);
    await h.db.insert(blocks).values({ blockerId: pub.id, blockedId: me.id });
    expect((await report(h, me.cookie, 'post', await postBy(h, pub.id, 'public'))).status).toBe(404);
    expect((await report(h, me.cookie, 'profile', pub.id)).status).toBe(404);
  });

  it(`a reporter files at most ${REPORTS_PER_HOUR} reports an hour: then 429 with Retry-After`, async () => {
    const h = Harness.init();
    const author = await athlete(h);
    const me = await athlete(h);
    const ids = await Promise.all(Array.from({ length: REPORTS_PER_HOUR + 1 }, () => postBy(h, author.id)));
    // At once: the lock counts them one by one, so exactly the limit gets through.
    const answers = await Promise.all(ids.slice(0, REPORTS_PER_HOUR).map((id) => report(h, me.cookie, 'post', id)));
    expect(answers.map((a) => a.status)).toEqual(Array(REPORTS_PER_HOUR).fill(201));
    const over = await report(h, me.cookie, 'post', ids[REPORTS_PER_HOUR]!);
    expect(over.status).toBe(429);
    expectErrorShape(over.body, 'RATE_LIMITED');
    const retry = Number(over.res.headers.get('Retry-After'));
    expect(retry).toBeGreaterThan(3000);
    expect(retry).toBeLessThanOrEqual(3600);
    // Asking again about a target already reported is not a new report.
    expect((await report(h, me.cookie, 'post', ids[0]!)).status).toBe(200);
    // Someone else is not limited by my reports.
    expect((await report(h, (await athlete(h)).cookie, 'post', ids[REPORTS_PER_HOUR]!)).status).toBe(201);
  });
});

describe('a suspension', () => {
  it('is set until a time and lifted once; the suspended athlete keeps export and deletion', async () => {
    const h = Harness.init();
    const a = await athlete(h);
    const mod = await h.userWithRole('admin', ['moderation']);
    const act = (body: Record<string, unknown>) =>
      h.json<{ id: string; suspendUntil: string | null }>(`${ADMIN}/actions`, { cookie: mod.cookie, body });
    const base = { kind: 'suspend', targetKind: 'profile', targetId: a.id, reason: 'Harassing other athletes' };
    expect((await act(base)).status).toBe(400);
    expect((await act({ ...base, until: new Date(Date.now() - 60_000).toISOString() })).status).toBe(400);
    expect((await act({ ...base, until: new Date(Date.now() + 400 * 86_400_000).toISOString() })).status).toBe(400);
    expect((await act({ ...base, kind: 'warn', until: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(400);
    expect((await act({ ...base, kind: 'hide' })).status).toBe(400);

    const until = new Date(Date.now() + 7 * 86_400_000);
    const suspended = await act({ ...base, until: until.toISOString() });
    expect(suspended.status).toBe(201);
    expect(suspended.body.suspendUntil).toBe(until.toISOString());
    expect((await suspendedUntilOf(h, a.id))?.toISOString()).toBe(until.toISOString());
    expect(isSuspended({ suspendedUntil: await suspendedUntilOf(h, a.id) }, new Date())).toBe(true);
    // An athlete who never chose social settings gets the row written with private defaults.
    const fresh = await h.signup();
    expect((await act({ ...base, targetId: fresh.user.id, until: until.toISOString() })).status).toBe(201);
    expect(await suspendedUntilOf(h, fresh.user.id)).not.toBeNull();

    // Suspended, the athlete still takes their data out and may leave.
    const exp = await h.json('/api/v1/privacy/exports', { cookie: a.cookie, method: 'POST' });
    expect(exp.status).toBeLessThan(300);
    const del = await h.json<{ state: string }>('/api/v1/me/deletion', {
      cookie: a.cookie,
      body: { password: PASSWORD, confirm: 'DELETE' },
    });
    expect(del.status).toBeLessThan(300);
    expect(del.body.state).toBe('scheduled');

    const lift = await act({ ...base, kind: 'lift', reason: 'Served' });
    expect(lift.status).toBe(201);
    expect(await suspendedUntilOf(h, a.id)).toBeNull();
    expect((await act({ ...base, kind: 'lift', reason: 'Again' })).status).toBe(409);
    expect((await moderationAudit(h, a.id)).map((r) => r.action)).toEqual(['moderation.suspend', 'moderation.lift']);
  });

  it('isSuspended: until its end, exclusive; no end means not suspended', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(isSuspended({ suspendedUntil: null }, now)).toBe(false);
    expect(isSuspended({ suspendedUntil: new Date('2026-11-26T12:00:01Z') }, now)).toBe(true);
    expect(isSuspended({ suspendedUntil: now }, now)).toBe(false);
    expect(isSuspended({ suspendedUntil: new Date('2026-11-25T12:00:00Z') }, now)).toBe(false);
  });
});
