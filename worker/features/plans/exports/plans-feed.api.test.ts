// The calendar feed through HTTP: made and rotated with the session, fetched without one, read back
// with ical.js (an independent RFC 5545 parser) and compared with the plan's rows in the database.
import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { calendarFeeds } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { membershipOf } from '../../../testing/scenarios/membership';
import { sha256Hex } from '../../../lib/crypto';
import { proAthleteWithPlan, workoutsOf } from './plans-exports.testing';
import type { Change } from '../plans.schema';

/** The path of a feed URL (the harness calls the worker by path). */
const pathOf = (url: string) => new URL(url).pathname;

async function makeFeed(h: Harness, cookie: string) {
  const r = await h.json<{ url: string; createdAt: string }>('/api/v1/plans/feed', { method: 'POST', cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.url).toMatch(/^http:\/\/cadence\.test\/api\/v1\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
  return r.body.url;
}

async function fetchFeed(h: Harness, url: string, headers: Record<string, string> = {}) {
  const res = await h.call(pathOf(url), { headers });
  const text = await res.text();
  if (res.status !== 200) return { res, text, events: new Map<string, ICAL.Component>() };
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map(calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  return { res, text, events };
}

const day = (e: ICAL.Component, prop: string) => {
  const t = e.getFirstPropertyValue(prop) as ICAL.Time;
  return { isDate: t.isDate, value: t.toString() };
};

describe('calendar feed', () => {
  it('serves the plan’s workouts as all-day events to a client with no session, stable across fetches, updated by a move', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    expect((await h.json('/api/v1/plans/feed', { cookie: a.cookie })).body).toEqual({ active: false, createdAt: null });
    const logs = vi.spyOn(console, 'log');
    const url = await makeFeed(h, a.cookie);
    const status = await h.json<{ active: boolean; createdAt: string }>('/api/v1/plans/feed', { cookie: a.cookie });
    expect(status.body.active).toBe(true);

    const first = await fetchFeed(h, url);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.res.headers.get('cache-control')).toMatch(/^private/);
    expect(first.res.headers.get('set-cookie')).toBeNull();
    // The plan starts tomorrow: the window is the whole plan. Rest days and skipped workouts are not events.
    const rows = await workoutsOf(h, a.user.id, a.plan.id);
    const expected = rows.filter((w) => w.sport !== 'rest' && w.type !== 'rest' && !w.skipped);
    expect(expected.length).toBeGreaterThan(10);
    expect([...first.events.keys()].sort()).toEqual(expected.map((w) => `workout-${w.id}@cadence.test`).sort());
    for (const w of expected) {
      const e = first.events.get(`workout-${w.id}@cadence.test`)!;
      expect(day(e, 'dtstart')).toEqual({ isDate: true, value: w.date });
      expect(day(e, 'dtend')).toEqual({ isDate: true, value: addDays(w.date, 1) });
      expect(e.getFirstPropertyValue('sequence')).toBe(w.revision);
      expect(String(e.getFirstPropertyValue('summary'))).toContain(w.title);
    }

    // Same plan, same bytes: the UIDs and the ETag hold, and If-None-Match gets a 304.
    const second = await fetchFeed(h, url);
    expect([...second.events.keys()]).toEqual([...first.events.keys()]);
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(second.res.headers.get('etag')).toBe(etag);
    const cached = await h.call(pathOf(url), { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');

    // A move keeps the UID, moves the day and raises SEQUENCE; a skip takes the event out.
    const moved = expected[1]!;
    const to = addDays(moved.date, 1);
    const move = await h.json<Body<typeof Change>>(`/api/v1/plans/${a.plan.id}/workouts/${moved.id}/move`, {
      body: { date: to },
      cookie: a.cookie,
    });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    const skipped = expected[3]!;
    expect((await h.json(`/api/v1/plans/${a.plan.id}/workouts/${skipped.id}/skip`, { body: {}, cookie: a.cookie })).status).toBe(200);
    const after = await fetchFeed(h, url, { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    const e = after.events.get(`workout-${moved.id}@cadence.test`)!;
    expect(day(e, 'dtstart')).toEqual({ isDate: true, value: to });
    expect(Number(e.getFirstPropertyValue('sequence'))).toBeGreaterThan(moved.revision);
    expect(after.events.has(`workout-${skipped.id}@cadence.test`)).toBe(false);
    expect(after.events.size).toBe(first.events.size - 1);

    // The secret never reaches a log line; hits are logged by feed id.
    const token = pathOf(url).split('/').pop()!.replace('.ics', '');
    const lines = logs.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => l.includes('calendar feed served') && l.includes('feedId'))).toBe(true);
    expect(lines.filter((l) => l.includes(token))).toEqual([]);
    logs.mockRestore();
  });

  it('rotating revokes the old URL, turning off revokes the new one; another athlete can neither see nor revoke it', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    const b = await proAthleteWithPlan(h, { eventName: 'Other 10K' });
    const old = await makeFeed(h, a.cookie);
    const current = await makeFeed(h, a.cookie);
    const gone = await h.json<ErrorBody>(pathOf(old));
    expect(gone.status).toBe(404);
    expectErrorShape(gone.body, 'NOT_FOUND');
    expect((await fetchFeed(h, current)).res.status).toBe(200);

    // B's own settings know nothing of A's feed, and B turning "theirs" off leaves A's working.
    expect((await h.json('/api/v1/plans/feed', { cookie: b.cookie })).body).toEqual({ active: false, createdAt: null });
    expect((await h.call('/api/v1/plans/feed', { method: 'DELETE', cookie: b.cookie })).status).toBe(204);
    expect((await fetchFeed(h, current)).res.status).toBe(200);
    // B's feed shows B's plan only.
    const bFeed = await fetchFeed(h, await makeFeed(h, b.cookie));
    const aIds = new Set((await workoutsOf(h, a.user.id, a.plan.id)).map((w) => `workout-${w.id}@cadence.test`));
    expect(bFeed.events.size).toBeGreaterThan(0);
    expect([...bFeed.events.keys()].filter((uid) => aIds.has(uid))).toEqual([]);

    const off = await h.call('/api/v1/plans/feed', { method: 'DELETE', cookie: a.cookie });
    expect(off.status).toBe(204);
    const revoked = await h.json<ErrorBody>(pathOf(current));
    expect(revoked.status).toBe(404);
    expectErrorShape(revoked.body, 'NOT_FOUND');
    expect((await h.json('/api/v1/plans/feed', { cookie: a.cookie })).body).toEqual({ active: false, createdAt: null });
    // Unknown and malformed tokens answer exactly like a revoked one.
    for (const path of [
      `/api/v1/calendar-feed/${'A'.repeat(43)}.ics`,
      '/api/v1/calendar-feed/short.ics',
      pathOf(current).replace('.ics', ''),
    ]) {
      const r = await h.json<ErrorBody>(path);
      expect(r.status, path).toBe(404);
      expect(r.body.error.message).toBe(revoked.body.error.message);
    }
  });

  it('a lapsed athlete’s live feed answers 403 naming Pro, and works again with Pro', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    const url = await makeFeed(h, a.cookie);
    const membership = membershipOf(h);
    const grant = (await membership.resolve(a.user.id)).grant!;
    await membership.revokeComp({ id: a.user.id, role: 'owner' }, a.user.id, grant.id);
    const lapsed = await h.json<ErrorBody>(pathOf(url));
    expect(lapsed.status).toBe(403);
    expectErrorShape(lapsed.body, 'ENTITLEMENT_REQUIRED');
    expect(lapsed.body.error).toMatchObject({ entitlement: { feature: 'exports', requiredTier: 'pro' } });
    expect(lapsed.body.error.message).toContain('Pro');
    // Free: no new link, but the live one can still be seen and turned off.
    expect((await h.json<ErrorBody>('/api/v1/plans/feed', { method: 'POST', cookie: a.cookie })).status).toBe(403);
    expect((await h.json<{ active: boolean }>('/api/v1/plans/feed', { cookie: a.cookie })).body.active).toBe(true);
    await membership.grantComp({ id: a.user.id, role: 'owner' }, a.user.id, { tier: 'pro', days: 30, reason: 'test' });
    expect((await fetchFeed(h, url)).res.status).toBe(200);
  });

  it('stores only the token’s hash, and keeps one live feed per athlete', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    await makeFeed(h, a.cookie);
    const url = await makeFeed(h, a.cookie);
    const token = pathOf(url).split('/').pop()!.replace('.ics', '');
    const rows = (await h.db.select().from(calendarFeeds)).filter((r) => r.userId === a.user.id);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.revokedAt === null).map((r) => r.tokenHash)).toEqual([await sha256Hex(token)]);
    expect(rows.some((r) => r.tokenHash.includes(token))).toBe(false);
    // Five new links at once: each answers 201, exactly one stays live and it is one of those handed out.
    const urls = await Promise.all(Array.from({ length: 5 }, () => makeFeed(h, a.cookie)));
    const working = [];
    for (const u of urls) if ((await h.call(pathOf(u))).status === 200) working.push(u);
    expect(working).toHaveLength(1);
    const live = (await h.db.select().from(calendarFeeds)).filter((r) => r.userId === a.user.id && r.revokedAt === null);
    expect(live).toHaveLength(1);
  });
});
