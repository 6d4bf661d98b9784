// Deauthorization honoured, from outside: an athlete whose training came through every door (a FIT upload, the
// Strava archive, a manual entry, the Strava API — one of its rows the same run as the FIT file) loses exactly
// the Strava-API rows when Strava says they revoked access, or when they disconnect here. Analytics move by
// exactly what went, the file copy keeps the athlete's note, and the athlete is told what went and what stayed,
// in the inbox and on Data sources. The brake is on in this file's database: connecting fetches nothing, so every
// Strava-API row is one this test wrote.
import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, providerConnections, providerDisconnects, systemFlags } from '../../db/schema';
import { parseEnv } from '../../env';
import { addDays, todayIn } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import type { Body } from '../../testing/bodies';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import { connectStrava, control, newAthleteId } from '../../testing/strava';
import type { ActivityInput } from '../activities';
import type { FitnessResponse, PersonalBestsResponse } from '../analytics/analytics.schema';
import { inboxOfType } from '../notifications/triggers.testing';

const SUBSCRIPTION_ID = parseEnv(env).STRAVA_SUBSCRIPTION_ID;
const NOTE = 'Legs heavy after the flight; kept it easy.';

const today = () => todayIn('UTC', new Date());
/** A run at 07:00 UTC `daysAgo` days ago, from `source`, with its source's 5 km best effort. */
const run = (source: ActivityInput['source'], daysAgo: number, fiveK: number, over: Partial<ActivityInput> = {}): ActivityInput => {
  const day = addDays(today(), -daysAgo);
  return buildActivity({
    source,
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    distanceM: 10_000,
    movingTimeS: fiveK * 2 + 120,
    elapsedTimeS: fiveK * 2 + 180,
    bestEfforts: [{ name: '5k', distanceM: 5000, elapsedS: fiveK }],
    ...over,
  });
};

/** An athlete connected to Strava with activities from every door; ids by what they are. */
async function athleteOfEveryDoor(h: Harness) {
  await h.db.insert(systemFlags).values({ key: 'ingestion_paused', value: true }).onConflictDoNothing();
  const me = await h.signup();
  // Heart-rate load needs a max HR: every run then carries a load that the fitness timeline sums.
  await h.json('/api/v1/analytics/thresholds', { body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' }, cookie: me.cookie });
  const athleteId = newAthleteId();
  expect((await connectStrava(h, me.cookie, athleteId)).headers.get('location')).toBe('/home?connected=strava');
  const w = analyticsWorld(h.db);
  const add = async (a: ActivityInput) => (await w.activities.ingest(me.user.id, a)).id;
  const fit = await add(run('fit_upload', 6, 1260, { name: 'Track session (watch)' }));
  // Strava's copy of the same run: linked to the file, which stays the one shown and counted.
  const twin = await add(run('strava', 6, 1255, { name: 'Track session (Strava)', avgHr: 150 }));
  const stravaOnly = await add(run('strava', 4, 1150, { name: 'Parkrun PB', movingTimeS: 2500, avgHr: 165 }));
  const archive = await add(run('strava_archive', 3, 1300, { name: 'Hill loop (archive)' }));
  const manual = await add(run('manual', 2, 1500, { name: 'Treadmill', bestEfforts: [] }));
  const noted = await h.json(`/api/v1/activities/${fit}/notes`, { method: 'PATCH', body: { note: NOTE, rpe: 6 }, cookie: me.cookie });
  expect(noted.status).toBe(200);
  return { ...me, athleteId, ids: { fit, twin, stravaOnly, archive, manual } };
}

type World = Awaited<ReturnType<typeof athleteOfEveryDoor>>;

/** What the athlete's pages are built from: the rows by source, the list, the 5 km PB and the daily loads. */
async function readBack(h: Harness, me: World) {
  const rows = await h.db
    .select({ id: activities.id, source: activities.source, duplicateOf: activities.duplicateOf })
    .from(activities)
    .where(eq(activities.userId, me.user.id));
  const list = (await h.json<{ activities: { id: string }[] }>('/api/v1/activities', { cookie: me.cookie })).body.activities;
  const pbs = (await h.json<Body<typeof PersonalBestsResponse>>('/api/v1/analytics/personal-bests', { cookie: me.cookie })).body;
  const fitness = (await h.json<Body<typeof FitnessResponse>>('/api/v1/analytics/fitness?days=14', { cookie: me.cookie })).body;
  const loadOn = (daysAgo: number) => fitness.days.find((d) => d.date === addDays(today(), -daysAgo))?.load ?? 0;
  const note = (await h.json<{ note: string | null; rpe: number | null }>(`/api/v1/activities/${me.ids.fit}/notes`, { cookie: me.cookie }))
    .body;
  return {
    sources: rows.map((r) => r.source).sort(),
    fitCanonical: rows.find((r) => r.id === me.ids.fit)?.duplicateOf === null,
    listed: list.map((a) => a.id).sort(),
    fiveK: pbs.run.find((r) => r.distanceM === 5000)?.allTime ?? null,
    loads: { fit: loadOn(6), stravaOnly: loadOn(4), archive: loadOn(3), manual: loadOn(2) },
    totalLoad: fitness.days.reduce((s, d) => s + d.load, 0),
    note,
  };
}

describe('deauthorization: exactly the Strava-API rows go, and the athlete is told', () => {
  it('Strava says the athlete revoked access: the API rows and the link go, files, archive and manual entries stay', {
    timeout: 90_000,
  }, async () => {
    const h = Harness.init();
    const me = await athleteOfEveryDoor(h);
    const before = await readBack(h, me);
    expect(before.sources).toEqual(['fit_upload', 'manual', 'strava', 'strava', 'strava_archive']);
    expect(before.listed).toEqual([me.ids.fit, me.ids.stravaOnly, me.ids.archive, me.ids.manual].sort());
    expect(before.fiveK?.timeS).toBe(1150);
    expect(before.fiveK?.receipt.activityId).toBe(me.ids.stravaOnly);
    expect(before.loads.stravaOnly).toBeGreaterThan(0);

    const event = {
      object_type: 'athlete',
      object_id: me.athleteId,
      aspect_type: 'update',
      updates: { authorized: 'false' },
      owner_id: me.athleteId,
      subscription_id: SUBSCRIPTION_ID,
      event_time: 1_800_000_500,
    };
    expect((await h.json('/webhooks/strava', { body: event, headers: { origin: '' } })).status).toBe(200);
    const [notice] = await inboxOfType(h, me.cookie, 'strava.disconnected', 1, 30_000);

    const after = await readBack(h, me);
    expect(after.sources).toEqual(['fit_upload', 'manual', 'strava_archive']);
    expect(after.fitCanonical).toBe(true);
    expect(after.listed).toEqual([me.ids.fit, me.ids.archive, me.ids.manual].sort());
    expect(after.note).toMatchObject({ note: NOTE, rpe: 6 });
    // The 5 km PB was the Strava-only run's; now the file's.
    expect(after.fiveK).toMatchObject({ timeS: 1260, receipt: { activityId: me.ids.fit } });
    // Daily loads: the Strava-only day is empty, every other day is what it was (the linked day counted the file's copy).
    expect(after.loads).toEqual({ ...before.loads, stravaOnly: 0 });
    expect(after.totalLoad).toBeCloseTo(before.totalLoad - before.loads.stravaOnly, 6);

    expect(notice).toMatchObject({
      title: 'Strava disconnected: you revoked access on Strava',
      body: '2 activities from Strava’s API were removed as Strava’s terms require; 3 from your files and archive stayed. Upload your Strava archive to keep your Strava history.',
      link: '/settings/data#files',
      data: { reason: 'revoked_at_provider', removed: 2, kept: 3 },
    });
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, me.user.id))).toEqual([]);
    // The token was already dead at Strava: nothing was sent back to revoke it.
    const { athletes } = await control<{ athletes: { id: number; revocations: unknown[] }[] }>('state');
    expect(athletes.find((a) => a.id === me.athleteId)?.revocations).toEqual([]);

    // Data sources says the same, and why.
    const page = await (await h.call('/settings/data', { cookie: me.cookie })).text();
    expect(page).toContain('Strava disconnected: you revoked access on Strava');
    expect(page).toContain('2 activities from Strava’s API were removed as Strava’s terms require; 3 from your files and archive stayed.');
    expect(page).toContain('href="/settings/data#files"');
  });

  it('the athlete disconnects here: revoked at Strava with a token refreshed first, the same rows go, and the page says so', {
    timeout: 90_000,
  }, async () => {
    const h = Harness.init();
    const me = await athleteOfEveryDoor(h);
    // Strava ended the access token early (our stored expiry is still ahead): revoking needs a refreshed one.
    await control(`athletes/${me.athleteId}/expire-tokens`, { body: {} });
    const form = new URLSearchParams({ intent: 'disconnect', confirm: 'yes' });
    const res = await h.call('/settings/data', {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookie: me.cookie,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/settings/data?disconnected=strava#strava');

    const { athletes } = await control<{
      athletes: { id: number; refreshTokens: number; revocations: { endpoint: string; tokenIssuedBy: string }[] }[];
    }>('state');
    const seen = athletes.find((a) => a.id === me.athleteId);
    expect(seen?.revocations).toEqual([expect.objectContaining({ endpoint: '/oauth/deauthorize', tokenIssuedBy: 'refresh_token' })]);
    expect(seen?.refreshTokens).toBe(0);

    const after = await readBack(h, me);
    expect(after.sources).toEqual(['fit_upload', 'manual', 'strava_archive']);
    expect(after.note).toMatchObject({ note: NOTE });
    const [row] = await h.db
      .select({
        reason: providerDisconnects.reason,
        removed: providerDisconnects.removedActivities,
        kept: providerDisconnects.keptActivities,
      })
      .from(providerDisconnects)
      .where(and(eq(providerDisconnects.userId, me.user.id), eq(providerDisconnects.provider, 'strava')));
    expect(row).toEqual({ reason: 'athlete', removed: 2, kept: 3 });
    const page = await (await h.call('/settings/data?disconnected=strava', { cookie: me.cookie })).text();
    expect(page).toContain('Strava disconnected</p>');
    expect(page).toContain('2 activities from Strava’s API were removed');
    const [notice] = await inboxOfType(h, me.cookie, 'strava.disconnected', 1, 30_000);
    expect(notice?.data).toEqual({ reason: 'athlete', removed: 2, kept: 3 });
  });
});
