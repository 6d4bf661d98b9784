// Wellness from Polar end to end in workerd, against the Polar sandbox: off by default and nothing stored while off
// (even for a poll queued before), on fetches the nights Polar still lists (28 days, nothing older), a re-poll of
// the same nights changes nothing, and the daily tick queues one poll per consenting athlete.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { listedDates, nightsOf } from '../../../../scripts/sandbox/polar/nights';
import { ingestJobs, wellnessReadings } from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { polarWellness } from '../../../providers/polar/polar-wellness';
import { RechargeList, SleepList } from '../../../providers/polar/polar-wire';
import { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';
import { wellnessJob } from './door-wellness';
import { DOORS } from './file-doors.registry';
import { connectPolar, newPolarUser, polar } from './file-doors.testing';

const WAIT = { timeout: 30_000, interval: 200 };

describe('wellness from Polar', () => {
  const rows = async (h: Harness, userId: string) =>
    (
      await h.db
        .select({
          day: wellnessReadings.day,
          field: wellnessReadings.field,
          value: wellnessReadings.value,
          id: wellnessReadings.externalId,
        })
        .from(wellnessReadings)
        .where(and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.source, 'polar')))
    )
      .map((r) => `${r.day} ${r.field} ${r.value} ${r.id}`)
      .sort();

  const polls = async (h: Harness, userId: string) =>
    h.db
      .select({ status: ingestJobs.status, dedupeKey: ingestJobs.dedupeKey })
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, userId), eq(ingestJobs.kind, 'polar.wellness')));

  it('stores nothing while off, fetches the 28 nights Polar lists once on, and a re-poll changes nothing', async () => {
    const h = Harness.init();
    const services = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
    const athlete = await h.signup();
    const user = newPolarUser();
    await connectPolar(h, athlete.cookie, user);

    const off = await h.json<{ enabled: boolean; connected: boolean; windowDays: number; lastPollAt: string | null }>(
      '/api/v1/connections/polar/wellness',
      { cookie: athlete.cookie },
    );
    expect(off.body).toMatchObject({ enabled: false, connected: true, windowDays: 28, lastPollAt: null });

    const page = async (path: string) => (await h.call(path, { cookie: athlete.cookie })).text();
    const WINDOW = 'Polar keeps 28 nights: older nights can’t be fetched.';
    expect(await page('/wellness')).toContain('Wellness from Polar is off');
    expect(await page('/wellness')).toContain(WINDOW);

    // Off: the daily tick queues nothing for them, and a poll queued anyway fetches and stores nothing.
    await services.fileDoors.wellness.scheduleDue(new Date());
    expect(await polls(h, athlete.user.id)).toEqual([]);
    const conn = await services.fileDoors.connections.findByUser(athlete.user.id, 'polar');
    await services.ingestion.schedule([wellnessJob(DOORS.polar!, athlete.user.id, conn!.id, 'while-off')]);
    await vi.waitFor(async () => expect((await polls(h, athlete.user.id)).map((p) => p.status)).toEqual(['done']), WAIT);
    expect(await rows(h, athlete.user.id)).toEqual([]);

    // On, from Data sources without JS: what Polar still lists arrives at once.
    const on = await h.call('/settings/data', {
      method: 'POST',
      cookie: athlete.cookie,
      body: new URLSearchParams({ intent: 'door-wellness', provider: 'polar', enabled: 'on' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(on.status).toBe(302);
    await vi.waitFor(async () => expect((await polls(h, athlete.user.id)).every((p) => p.status === 'done')).toBe(true), WAIT);
    await vi.waitFor(async () => expect((await rows(h, athlete.user.id)).length).toBeGreaterThan(0), WAIT);

    // Exactly the sandbox's nights, mapped: nothing dated 28 days back or more.
    const { now } = await polar<{ now: string }>('state');
    const truth = nightsOf(user, Date.parse(now), '');
    const expected = polarWellness(SleepList.parse(truth.sleep).nights, RechargeList.parse(truth.recharge).recharges)
      .flatMap((r) => Object.entries(r.values).map(([field, value]) => `${r.day} ${field} ${value} ${r.externalId}`))
      .sort();
    const first = await rows(h, athlete.user.id);
    expect(first).toEqual(expected);
    const oldest = listedDates(Date.parse(now))[0]!;
    expect(first.every((r) => r.slice(0, 10) >= oldest)).toBe(true);
    const polled = await h.json<{ lastPollAt: string | null; lastPollRecords: number }>('/api/v1/connections/polar/wellness', {
      cookie: athlete.cookie,
    });
    expect(polled.body.lastPollAt).not.toBeNull();
    expect(polled.body.lastPollRecords).toBe(truth.sleep.nights.length + truth.recharge.recharges.length);

    // Both pages say how far back Polar goes and when it last ran.
    const data = await page('/settings/data');
    expect(data).toContain('Wellness from Polar');
    expect(data).toContain(WINDOW);
    expect(data).toContain('Last fetched');
    const wellnessPage = await page('/wellness');
    expect(wellnessPage).toContain(WINDOW);
    expect(wellnessPage).toContain('Last fetched');

    // The days answer says where each value came from.
    const lastNight = truth.sleep.nights.at(-1)!.date as string;
    const day = await h.json<{ days: { day: string; fields: Record<string, { source: string }> }[] }>(
      `/api/v1/wellness/days?from=${lastNight}&to=${lastNight}`,
      { cookie: athlete.cookie },
    );
    expect(day.body.days[0]?.fields.sleepHours?.source).toBe('polar');

    // The daily tick: one poll, keyed by the day (a second tick queues nothing); the same nights change nothing.
    const tick = new Date();
    await services.fileDoors.wellness.scheduleDue(tick);
    await services.fileDoors.wellness.scheduleDue(tick);
    await vi.waitFor(async () => {
      const jobs = await polls(h, athlete.user.id);
      expect(jobs.filter((j) => j.dedupeKey.endsWith(tick.toISOString().slice(0, 10)))).toHaveLength(1);
      expect(jobs.every((j) => j.status === 'done')).toBe(true);
    }, WAIT);
    expect(await rows(h, athlete.user.id)).toEqual(first);

    // Off again: no more polls are queued, and the nights from Polar are deleted (the consent withdrawn).
    await h.json('/api/v1/connections/polar/wellness', { method: 'PUT', cookie: athlete.cookie, body: { enabled: false } });
    const before = (await polls(h, athlete.user.id)).length;
    await services.fileDoors.wellness.scheduleDue(new Date(tick.getTime() + 86_400_000));
    expect(await polls(h, athlete.user.id)).toHaveLength(before);
    expect(await rows(h, athlete.user.id)).toEqual([]);

    // On again fetches the same nights; disconnecting Polar then turns it off (a new connection asks again), and
    // the nights already here stay.
    await h.json('/api/v1/connections/polar/wellness', { method: 'PUT', cookie: athlete.cookie, body: { enabled: true } });
    await vi.waitFor(async () => expect(await rows(h, athlete.user.id)).toEqual(first), WAIT);
    expect((await h.call('/api/v1/connections/polar', { method: 'DELETE', cookie: athlete.cookie })).status).toBe(200);
    const gone = await h.json<{ enabled: boolean; connected: boolean }>('/api/v1/connections/polar/wellness', { cookie: athlete.cookie });
    expect(gone.body).toMatchObject({ enabled: false, connected: false });
    expect(await rows(h, athlete.user.id)).toEqual(first);
    await services.close();
  });

  it('turning it on needs the connection', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const r = await h.json('/api/v1/connections/polar/wellness', { method: 'PUT', cookie: athlete.cookie, body: { enabled: true } });
    expect(r.status).toBe(409);
    expect((await h.json('/api/v1/connections/garmin/wellness', { cookie: athlete.cookie })).status).toBe(404);
  });
});
