// The indoor-ride files through HTTP: .erg in watts from the athlete's FTP, .mrc in % of FTP, with the
// same access as the other workout files (the owner's Pro download; another athlete's a 404; Free a 403).
import { describe, expect, it } from 'vitest';
import { athleteThresholds, plannedWorkouts } from '../../../db/schema';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { proAthleteWithPlan, workoutsOf } from './plans-exports.testing';
import type { StepNode } from '../plans.types';

const fileUrl = (planId: string, workoutId: string, format: string) =>
  `/api/v1/plans/${planId}/workouts/${workoutId}/file?format=${format}`;

/** The [minutes, value] rows between [COURSE DATA] and [END COURSE DATA]. */
function courseData(text: string): [number, number][] {
  const lines = text.split('\r\n');
  return lines.slice(lines.indexOf('[COURSE DATA]') + 1, lines.indexOf('[END COURSE DATA]')).map((l) => {
    expect(l).toMatch(/^\d+\.\d\d\t\d+(\.\d)?$/);
    return l.split('\t').map(Number) as [number, number];
  });
}

async function rideOf(h: Harness, opts: { pro?: boolean } = {}) {
  const a = await proAthleteWithPlan(h, { kind: 'bike_event', eventName: 'Gran Fondo', ...opts });
  const rows = await workoutsOf(h, a.user.id, a.plan.id);
  const ride = rows.find((w) => w.sport === 'bike' && (w.steps as StepNode[]).length > 1)!;
  return { a, ride };
}

describe('.erg and .mrc downloads', () => {
  it('the owner gets both: watts from the FTP in effect, percent the same profile; .erg without an FTP is a 400', async () => {
    const h = Harness.init();
    const { a, ride } = await rideOf(h);
    const noFtp = await h.json<ErrorBody>(fileUrl(a.plan.id, ride.id, 'erg'), { cookie: a.cookie });
    expect(noFtp.status).toBe(400);
    expectErrorShape(noFtp.body, 'BAD_REQUEST');
    expect(noFtp.body.error.message).toMatch(/FTP/);

    const set = await h.json('/api/v1/analytics/thresholds', {
      body: { kind: 'ftp', value: 250, effectiveFrom: '2000-01-01' },
      cookie: a.cookie,
    });
    expect(set.status).toBe(200);
    const erg = await h.call(fileUrl(a.plan.id, ride.id, 'erg'), { cookie: a.cookie });
    expect(erg.status).toBe(200);
    expect(erg.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(erg.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${ride.date}-[a-z0-9-]+\\.erg"$`));
    const ergText = await erg.text();
    expect(ergText).toContain('\r\nFTP = 250\r\nMINUTES WATTS\r\n');
    const mrc = await h.call(fileUrl(a.plan.id, ride.id, 'mrc'), { cookie: a.cookie });
    expect(mrc.status).toBe(200);
    const mrcText = await mrc.text();
    expect(mrcText).toContain('\r\nMINUTES PERCENT\r\n');

    const watts = courseData(ergText);
    const percent = courseData(mrcText);
    expect(watts.length).toBeGreaterThan(2);
    expect(watts.map(([m]) => m)).toEqual(percent.map(([m]) => m));
    for (const [i, [, w]] of watts.entries()) expect(Math.abs(w - (percent[i]![1] * 250) / 100)).toBeLessThanOrEqual(0.75);
    expect(watts.at(-1)![0]).toBeCloseTo(ride.durationSec / 60, 1);
  });

  it('an estimate that lapsed years before the workout is no FTP (ADR 065): .erg is the 400, as on a new account', async () => {
    const h = Harness.init();
    const { a, ride } = await rideOf(h);
    // A 2013 file's FTP estimate: its efforts left the window a year later, so no 2026 workout is set from it.
    await h.db.insert(athleteThresholds).values({
      userId: a.user.id,
      kind: 'ftp',
      value: 297,
      effectiveFrom: '2013-11-18',
      effectiveUntil: '2014-11-24',
      source: 'estimated',
    });
    const stale = await h.json<ErrorBody>(fileUrl(a.plan.id, ride.id, 'erg'), { cookie: a.cookie });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/FTP/);
    // A current estimate is the FTP in effect.
    await h.db
      .insert(athleteThresholds)
      .values({ userId: a.user.id, kind: 'ftp', value: 240, effectiveFrom: '2020-01-06', source: 'estimated' });
    const erg = await h.call(fileUrl(a.plan.id, ride.id, 'erg'), { cookie: a.cookie });
    expect(erg.status).toBe(200);
    expect(await erg.text()).toContain('\r\nFTP = 240\r\n');
  });

  it('a run is a 400 naming the sport; another athlete’s ride a 404; a Free athlete a 403', async () => {
    const h = Harness.init();
    const { a, ride } = await rideOf(h);
    // A run written as the plan service would store it.
    const [run] = await h.db
      .insert(plannedWorkouts)
      .values({
        sport: 'run',
        type: 'easy',
        title: 'Easy run',
        durationSec: 1800,
        planId: a.plan.id,
        userId: a.user.id,
        date: a.plan.endDate,
        phase: 'taper',
        week: 1,
      })
      .returning();
    const r = await h.json<ErrorBody>(fileUrl(a.plan.id, run!.id, 'mrc'), { cookie: a.cookie });
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'BAD_REQUEST');
    expect(r.body.error.message).toMatch(/run/);
    const b = await proAthleteWithPlan(h);
    for (const format of ['erg', 'mrc']) {
      const r = await h.json<ErrorBody>(fileUrl(a.plan.id, ride.id, format), { cookie: b.cookie });
      expect(r.status, format).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    const free = await rideOf(h, { pro: false });
    const refused = await h.json<ErrorBody>(fileUrl(free.a.plan.id, free.ride.id, 'mrc'), { cookie: free.a.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'ENTITLEMENT_REQUIRED', entitlement: { feature: 'exports', requiredTier: 'pro' } });
  });
});
