// Strict mode's nightly cache window (ADR 036): Strava API rows written more than 7 days ago are cut down to
// what the policy keeps, rows within the window and the athlete's own files are untouched, a second run
// changes nothing, the athlete is told once, and their original file still upgrades the reduced row in place.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { activityFit } from '../../../../scripts/sandbox/garmin-fit.ts';
import { sandboxArchive } from '../../../../scripts/sandbox/strava-archive.ts';
import { activityDetail, activityStreams } from '../../../../scripts/sandbox/strava/wire.ts';
import { createDb } from '../../../db/client';
import { activities, activityStreams as streamsTable, systemFlags } from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';
import { fromStravaDetail, STREAM_KEYS } from '../../ingest/strava/strava.mapper';
import { inbox } from '../../notifications/triggers.testing';
import { SPORT_LABELS } from '../activity.types';
import { POLICY_FLAG } from './policy.repo';
import type { PolicyMode } from './policy.table';

const DAY = 86_400_000;
const [RIDE] = sandboxArchive({ athleteId: 6160, count: 1, historyEnd: new Date('2026-03-01T00:00:00Z') }).activities;

function services(h: Harness) {
  const handle = createDb(h.env, createLogger('error'));
  onTestFinished(() => handle.close());
  return createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, db: handle });
}
/** One nightly run, in a unit of work of its own (the mode is read once per unit of work). */
const night = (h: Harness) => services(h).stravaCache.run();

const setMode = (h: Harness, mode: PolicyMode) =>
  h.db
    .insert(systemFlags)
    .values({ key: POLICY_FLAG, value: mode })
    .onConflictDoUpdate({ target: systemFlags.key, set: { value: mode } });
const age = (h: Harness, id: string, days: number) =>
  h.db
    .update(activities)
    .set({ updatedAt: new Date(Date.now() - days * DAY) })
    .where(eq(activities.id, id));
const row = async (h: Harness, id: string) => (await h.db.select().from(activities).where(eq(activities.id, id)))[0]!;
const hasStreams = async (h: Harness, id: string) => (await h.db.$count(streamsTable, eq(streamsTable.activityId, id))) > 0;

async function upload(h: Harness, cookie: string, body: Uint8Array, name: string) {
  const sent = await h.json<{ id: string }>(`/api/v1/imports?filename=${name}`, {
    body,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
  });
  expect(sent.status).toBe(202);
  let job: { status: string; summary: { upgraded?: number } } = { status: 'queued', summary: {} };
  await expect
    .poll(
      async () => {
        job = (await h.json<typeof job>(`/api/v1/imports/${sent.body.id}`, { cookie })).body;
        return job.status;
      },
      { timeout: 45_000, interval: 200 },
    )
    .toMatch(/^(done|error)$/);
  return job;
}

describe('the strict policy’s 7-day cache window', () => {
  it('reduces old Strava API rows only, once, tells the athlete once, and the original file still upgrades the row', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const w = analyticsWorld(h.db);
    const old = await w.activities.ingest(user.id, fromStravaDetail(activityDetail(RIDE!), activityStreams(RIDE!, STREAM_KEYS)));
    const recent = await w.activities.ingest(user.id, buildActivity({ source: 'strava', name: 'Fresh from Strava', avgHr: 150 }));
    const file = await w.activities.ingest(user.id, buildActivity({ source: 'fit_upload', name: 'My watch file', avgHr: 140 }));
    await age(h, old.id, 8);
    await age(h, recent.id, 6);
    await age(h, file.id, 30);
    const before = await row(h, old.id);
    expect(before.avgHr).not.toBeNull();
    expect(await hasStreams(h, old.id)).toBe(true);

    // The default mode keeps everything: the job does nothing.
    await setMode(h, 'default');
    expect(await night(h)).toEqual({ ran: false, athletes: 0, reduced: 0, notified: 0 });
    expect((await row(h, old.id)).cacheReducedAt).toBeNull();

    await setMode(h, 'strict');
    expect(await night(h)).toEqual({ ran: true, athletes: 1, reduced: 1, notified: 1 });
    const reduced = await row(h, old.id);
    // Kept: identity (the archive and file upgrades find it by these), sport, start, day, durations, distance.
    expect(reduced).toMatchObject({
      id: old.id,
      source: 'strava',
      externalId: before.externalId,
      sport: before.sport,
      startTime: before.startTime,
      localStartDate: before.localStartDate,
      movingTimeS: before.movingTimeS,
      elapsedTimeS: before.elapsedTimeS,
      distanceM: before.distanceM,
      name: SPORT_LABELS[before.sport],
      avgHr: null,
      maxHr: null,
      avgPower: null,
      calories: null,
      elevationGainM: null,
      laps: [],
      bestEfforts: [],
      extras: {},
      detailComplete: false,
    });
    expect(reduced.cacheReducedAt).toBeInstanceOf(Date);
    expect(await hasStreams(h, old.id)).toBe(false);
    // Within the window, and the athlete's own file: untouched.
    expect(await row(h, recent.id)).toMatchObject({ name: 'Fresh from Strava', avgHr: 150, cacheReducedAt: null });
    expect(await row(h, file.id)).toMatchObject({ name: 'My watch file', avgHr: 140, cacheReducedAt: null });

    // Idempotent: the next night finds nothing to do.
    expect(await night(h)).toEqual({ ran: true, athletes: 0, reduced: 0, notified: 0 });
    // A later night reduces the next row, without telling the athlete again.
    await age(h, recent.id, 9);
    expect(await night(h)).toEqual({ ran: true, athletes: 1, reduced: 1, notified: 0 });
    await expect.poll(async () => (await inbox(h, cookie, 'strava.cache_reduced')).length, { timeout: 15_000 }).toBe(1);
    const [notice] = await inbox(h, cookie, 'strava.cache_reduced');
    expect(notice).toMatchObject({ link: '/settings/data#files' });
    expect(JSON.stringify(notice)).toContain('Strava archive');

    // The original file still finds the reduced copy and replaces it in place (ADR 037), whole again.
    const job = await upload(h, cookie, activityFit(RIDE!), 'ride.fit');
    expect(job).toMatchObject({ status: 'done', summary: { upgraded: 1 } });
    const upgraded = await row(h, old.id);
    expect(upgraded).toMatchObject({ id: old.id, source: 'fit_upload', cacheReducedAt: null, detailComplete: true });
    expect(upgraded.extras.upgradedFrom).toEqual({ source: 'strava', externalId: before.externalId });
    expect(await h.db.$count(activities, and(eq(activities.userId, user.id), eq(activities.source, 'strava')))).toBe(1);
  });
});
