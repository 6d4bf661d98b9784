// Wellness from Garmin's Health API end to end in workerd, against the run's Garmin sandbox (its pings wait in its
// outbox and are delivered here as Garmin would; the summaries are pulled from their callback URLs): nothing stored
// without the athlete's consent, the backfill asked when they give it, a re-sent summary replacing its day, a TENTATIVE
// night made FINAL, the wake day, grams to kg, the stress details only under the dailies, HEALTH_EXPORT withdrawn at
// Garmin, and forged bodies refused: a push carrying values is never stored, only what Garmin serves (ADR 071, 095).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import type { Ping } from '../file-doors/file-doors.testing';
import { deliver, garmin, garminHeaders, takePings } from '../file-doors/file-doors.testing';
import { athlete, forgedPush, HEALTH, push, readings, sandboxSummary } from './garmin-health.testing';
import type { Summary } from './garmin-health.testing';

describe('wellness from Garmin', () => {
  it('stores nothing without the athlete’s consent; turning it on asks Garmin for a year of every type, 90 days a request', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: false });
    const consent = await h.json<{ connected: boolean; healthExport: boolean; enabled: boolean }>('/api/v1/connections/garmin/health', {
      cookie: a.cookie,
    });
    expect(consent.body).toEqual({ connected: true, healthExport: true, enabled: false, since: null });

    const sleep = await sandboxSummary(a, 'sleeps', '2026-11-20');
    expect(await push(h, sleep.ping)).toBe('withheld:1');
    expect(await readings(h, a.user.id)).toHaveLength(0);
    await takePings(a.garminUserId); // what the outbox held so far: only the backfill's pushes come after this

    const on = await h.json<{ enabled: boolean; since: string }>('/api/v1/connections/garmin/health', {
      method: 'PUT',
      cookie: a.cookie,
      body: JSON.stringify({ enabled: true }),
    });
    expect(on.body.enabled).toBe(true);
    type Asked = { userId: string; type: string; start: number; end: number };
    let asked: Asked[] = [];
    await vi.waitFor(
      async () => {
        asked = (await garmin<{ healthBackfills: Asked[] }>('state')).healthBackfills.filter((b) => b.userId === a.garminUserId);
        expect(new Set(asked.map((b) => b.type))).toEqual(new Set(HEALTH));
        for (const t of HEALTH) {
          const span = asked.filter((b) => b.type === t).reduce((d, b) => d + (b.end - b.start), 0);
          // A year, give or take the second between the job's clock and the request.
          expect(Math.abs(span - 365 * 86_400)).toBeLessThan(60);
        }
      },
      { timeout: 30_000, interval: 200 },
    );
    for (const b of asked) expect(b.end - b.start).toBeLessThanOrEqual(90 * 86_400);

    // Garmin answers with pings: the nights of one window are pulled and stored once each, on their wake days.
    let nights: Ping | undefined;
    await vi.waitFor(
      async () => {
        nights ??= (await takePings(a.garminUserId)).find((p) => p.body.startsWith('{"sleeps"'));
        expect(nights).toBeDefined();
      },
      { timeout: 30_000, interval: 100 },
    );
    const outcome = await push(h, nights!);
    const count = Number(/^wellness:(\d+)$/.exec(outcome)?.[1]);
    expect(count).toBeGreaterThan(10);
    const sleeps = await readings(h, a.user.id, 'sleepS');
    expect(sleeps).toHaveLength(count);
    expect(new Set(sleeps.map((r) => r.day)).size).toBe(count);
  });

  it('replaces a re-pushed summary (TENTATIVE → FINAL, dailies re-sent), counts a night on its wake day, weighs in kg', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });

    // The morning as Garmin pushes it: the night TENTATIVE, then FINAL under the same id; the dailies twice. (A day
    // older than the year the consent's backfill sends, so only these pushes carry its ids.)
    const today = await garmin<{ day: string; tentative: Summary; final: Summary; dailies: Summary[]; deliveries: Ping[] }>(
      `users/${a.garminUser}/health/today`,
      {
        day: '2024-03-12',
      },
    );
    expect(today.tentative.summaryId).toBe(today.final.summaryId);
    // Its pings, in the order Garmin sent them (each callback URL serves its own upload).
    const mine = today.deliveries;
    const [tentative, final] = mine.filter((p) => p.body.startsWith('{"sleeps"'));
    await push(h, tentative!);
    expect((await readings(h, a.user.id, 'sleepS')).map((r) => [r.day, r.value])).toEqual([
      ['2024-03-12', today.tentative.durationInSeconds],
    ]);
    await push(h, final!);
    expect((await readings(h, a.user.id, 'sleepS')).map((r) => [r.day, r.value])).toEqual([['2024-03-12', today.final.durationInSeconds]]);
    const [partial, full] = mine.filter((p) => p.body.startsWith('{"dailies"'));
    await push(h, partial!);
    await push(h, full!);
    expect((await readings(h, a.user.id, 'steps')).map((r) => r.value)).toEqual([today.dailies[1]!.steps]);
    expect(today.dailies[1]!.steps).not.toBe(today.dailies[0]!.steps);

    // A night ending 07:10 local (UTC+1) counts for that morning; one ending 00:30 for the new date.
    const at = (iso: string) => Date.parse(iso) / 1000;
    const morning = { summaryId: 'x-night-1', startTimeInSeconds: at('2026-11-09T23:40:00Z'), durationInSeconds: 6.5 * 3600 };
    const late = { summaryId: 'x-night-2', startTimeInSeconds: at('2026-11-11T21:00:00Z'), durationInSeconds: 2.5 * 3600 };
    for (const [day, s] of [
      ['2026-11-10', morning],
      ['2026-11-11', late],
    ] as const)
      await push(h, (await sandboxSummary(a, 'sleeps', day, { ...s, startTimeOffsetInSeconds: 3600 })).ping);
    const nights = new Map((await readings(h, a.user.id, 'sleepS')).map((r) => [r.externalId, r.day]));
    expect(nights.get('sleeps:x-night-1')).toBe('2026-11-10');
    expect(nights.get('sleeps:x-night-2')).toBe('2026-11-12');

    // A weighing in grams is kept in kilograms, on its local day.
    const weighing = await sandboxSummary(a, 'bodyComps', '2026-11-20', {
      weightInGrams: 72_350,
      bodyFatInPercent: 17.5,
      measurementTimeInSeconds: at('2026-11-20T23:30:00Z'),
    });
    await push(h, weighing.ping);
    const weight = await readings(h, a.user.id, 'weightKg');
    expect(weight.map((r) => [r.day, r.value])).toEqual([['2026-11-21', 72.35]]);
  });

  it('takes the stress details’ mean only where the dailies gave none', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });
    const day = '2026-11-18';
    const noStress = await sandboxSummary(a, 'dailies', day, { summaryId: 'x-day-18', averageStressLevel: -1 });
    await push(h, noStress.ping);
    const details = await sandboxSummary(a, 'stressDetails', day, {
      summaryId: 'x-stress-18',
      timeOffsetStressLevelValues: { '0': 20, '180': 40, '360': -1, '540': -2 },
    });
    await push(h, details.ping);
    expect((await readings(h, a.user.id, 'deviceStress')).map((r) => r.value)).toEqual([30]);
    // Garmin's own daily figure wins, and a later stress-details upload does not override it.
    await push(h, (await sandboxSummary(a, 'dailies', day, { summaryId: 'x-day-18', averageStressLevel: 25 })).ping);
    await push(
      h,
      (await sandboxSummary(a, 'stressDetails', day, { summaryId: 'x-stress-18', timeOffsetStressLevelValues: { '0': 80 } })).ping,
    );
    expect((await readings(h, a.user.id, 'deviceStress')).map((r) => r.value)).toEqual([25]);
  });

  it('stores nothing more once Garmin’s HEALTH_EXPORT is withdrawn; turning consent off deletes what came', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });
    await push(h, (await sandboxSummary(a, 'hrv', '2026-11-15', { summaryId: 'x-hrv-15', lastNightAvg: 61 })).ping);
    expect((await readings(h, a.user.id, 'hrvRmssd')).map((r) => r.value)).toEqual([61]);

    // The athlete unticks Health in Garmin Connect: Garmin tells us, and its later pushes are not stored.
    await garmin(`users/${a.garminUser}/permissions`, { permissions: ['ACTIVITY_EXPORT'] });
    const [perm] = (await takePings(a.garminUserId)).filter((p) => p.body.includes('userPermissionsChange'));
    expect(await push(h, perm!)).toBe('permissions:1');
    const later = await sandboxSummary(a, 'hrv', '2026-11-16', { summaryId: 'x-hrv-16', lastNightAvg: 70 });
    expect(await push(h, later.ping)).toBe('withheld:1');
    expect((await readings(h, a.user.id, 'hrvRmssd')).map((r) => r.value)).toEqual([61]);
    const status = await h.json<{ healthExport: boolean; enabled: boolean }>('/api/v1/connections/garmin/health', { cookie: a.cookie });
    expect(status.body).toMatchObject({ healthExport: false, enabled: false });

    const off = await h.json<{ enabled: boolean; removedDays: number }>('/api/v1/connections/garmin/health', {
      method: 'PUT',
      cookie: a.cookie,
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.body).toMatchObject({ enabled: false, removedDays: 1 });
    expect(await readings(h, a.user.id)).toHaveLength(0);
  });

  it('refuses an unsigned or unreadable health body (nothing stored); acknowledges summary types it does not read', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });
    const { ping: good, ...sleep } = await sandboxSummary(a, 'sleeps', '2026-11-19', { summaryId: 'x-forged' });
    const { 'garmin-client-id': _id, ...unsigned } = good.headers;
    for (const bad of [
      await deliver(h, good, unsigned),
      await deliver(h, good, { ...good.headers, 'garmin-client-id': 'someone-else' }),
      await deliver(h, { ...good, body: JSON.stringify({ sleeps: [{ ...sleep, durationInSeconds: 'long' }] }) }),
      await deliver(h, { ...good, body: JSON.stringify({ dailies: { not: 'a list' } }) }),
      // Garmin's push format, the values in the body: even a well-formed one is not taken (ADR 095).
      await deliver(h, forgedPush(h, 'sleeps', [sleep])),
    ]) {
      expect(bad.status).toBe(401);
      expectErrorShape(await bad.json(), 'UNAUTHENTICATED');
    }
    const epochs = await deliver(h, { ...good, body: JSON.stringify({ epochs: [{ userId: a.garminUserId, summaryId: 'e1' }] }) });
    expect(await epochs.json()).toMatchObject({ ok: true, notices: 0 });
    expect(await readings(h, a.user.id)).toHaveLength(0);
  });
});

describe('forged health notices (ADR 095)', () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  const restingHr = async (h: Harness, userId: string) => (await readings(h, userId, 'restingHr')).map((r) => [r.day, r.value]);

  it('a forged push never writes wellness: an empty day stays empty, Garmin’s 46 stays 46', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });
    // The body: only the public client id, the athlete's Garmin id and the values.
    const forged = (summaryId: string, calendarDate: string) => ({
      userId: a.garminUserId,
      summaryId,
      calendarDate,
      startTimeInSeconds: at(`${calendarDate}T00:00:00Z`) - 3600,
      startTimeOffsetInSeconds: 3600,
      durationInSeconds: 86_400,
      steps: 99_999,
      restingHeartRateInBeatsPerMinute: 31,
    });
    const refused = async (body: Ping) => {
      const res = await deliver(h, body);
      expect(res.status).toBe(401);
      expectErrorShape(await res.json(), 'UNAUTHENTICATED');
    };
    await refused(forgedPush(h, 'dailies', [forged('y', '2026-11-06')]));
    expect((await readings(h, a.user.id)).filter((r) => r.day === '2026-11-06')).toEqual([]);

    // Garmin's day: uploaded there, pinged, pulled.
    const real = await sandboxSummary(a, 'dailies', '2026-11-05', { restingHeartRateInBeatsPerMinute: 46 });
    expect(await push(h, real.ping)).toBe('wellness:1');
    expect(await restingHr(h, a.user.id)).toEqual([['2026-11-05', 46]]);
    await refused(forgedPush(h, 'dailies', [forged('x', '2026-11-05')]));
    await refused(forgedPush(h, 'dailies', [forged(real.summaryId, '2026-11-05')]));
    expect(await restingHr(h, a.user.id)).toEqual([['2026-11-05', 46]]);
  });

  it('a forged ping stores only what Garmin serves: a made-up pull token nothing, a replayed one Garmin’s own values', async () => {
    const h = Harness.init();
    const a = await athlete(h, { consent: true });
    const real = await sandboxSummary(a, 'dailies', '2026-11-05', { restingHeartRateInBeatsPerMinute: 46 });
    const callbackURL = (JSON.parse(real.ping.body) as { dailies: { callbackURL: string }[] }).dailies[0]!.callbackURL;
    const madeUp = new URL(callbackURL);
    madeUp.searchParams.set('token', 'made-up');
    const forgedPing = (url: string): Ping => ({
      body: JSON.stringify({ dailies: [{ userId: a.garminUserId, callbackURL: url, restingHeartRateInBeatsPerMinute: 31 }] }),
      headers: garminHeaders(h),
    });
    expect(await push(h, forgedPing(madeUp.toString()))).toBe('unconfirmed:1');
    expect(await readings(h, a.user.id)).toEqual([]);
    // A genuine callback URL replayed with values beside it: Garmin's summary is stored, the body's value never.
    expect(await push(h, forgedPing(callbackURL))).toBe('wellness:1');
    expect(await restingHr(h, a.user.id)).toEqual([['2026-11-05', 46]]);
  });
});
