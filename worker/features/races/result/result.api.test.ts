// /api/v1/races/{id}/result: marking a run as the race, the comparison against the prediction stored before the race
// day (not one made on it), 404 for anyone else's race or activity, and the error beside the next prediction.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { eq } from 'drizzle-orm';
import { plans } from '../../../db/schema';
import { runOn, today } from '../../analytics/analytics.testing';
import { planRequest } from '../../plans/control/plans-control.testing';
import { ENGINE_VERSION } from '../prediction.service';
import { pastRace, raceRun, storePrediction } from './result.testing';

type View = {
  state: string;
  suggestions: { id: string; markedRace: boolean }[];
  predictionBefore: { madeAt: string; range: { mid: number } | null } | null;
  result: { activityId: string; finishS: number; carbsG: number | null } | null;
  comparison: {
    finishS: number;
    error: { ok: boolean; errorS?: number; inRange?: boolean; predicted?: { mid: number } };
    splits: { ok: boolean; rows?: { actualS: number; plannedS: number | null; deltaS: number | null }[] };
    halves: { ok: boolean; verdict?: string; heart?: { ok: boolean } };
    fuel: { carbs: { perHour?: number }; fluid: { missing?: string } };
  } | null;
};
const FADE = [285, 285, 285, 285, 285, 300, 305, 310, 315, 320];

describe('a race result', () => {
  it('suggests the race-day runs, marks one, and compares it with the prediction made before the day', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const race = await pastRace(h.db, me.user.id, 3);
    const { id: runId } = await w.activities.ingest(
      me.user.id,
      raceRun(race.date, FADE, [160, 160, 160, 160, 160, 170, 170, 170, 170, 170]),
    );
    await w.activities.ingest(me.user.id, runOn(3, { name: 'Long run', distanceM: 15000 }));
    await w.activities.ingest(me.user.id, runOn(6, { name: 'Three days before', distanceM: 10000 }));
    const day = (d: string, hhmm: string) => new Date(`${d}T${hhmm}:00Z`);
    await storePrediction(h.db, me.user.id, race.id, day(addDays(race.date, -10), '12:00'), { low: 2950, mid: 3100, high: 3250 });
    await storePrediction(h.db, me.user.id, race.id, day(addDays(race.date, -1), '12:00'), { low: 2860, mid: 3000, high: 3140 });
    // Made on the race day itself: too late to be the one the race is judged against.
    await storePrediction(h.db, me.user.id, race.id, day(race.date, '12:00'), { low: 2800, mid: 2900, high: 3000 });

    const before = await h.json<View>(`/api/v1/races/${race.id}/result`, { cookie: me.cookie });
    expect(before.status).toBe(200);
    expect(before.body.state).toBe('unmarked');
    expect(before.body.suggestions.map((s) => s.id)).toEqual([runId]);
    expect(before.body.predictionBefore?.range?.mid).toBe(3000);

    const put = await h.json<View>(`/api/v1/races/${race.id}/result`, {
      method: 'PUT',
      body: { activityId: runId, carbsG: 30, note: 'Windy on the way back' },
      cookie: me.cookie,
    });
    expect(put.status).toBe(200);
    const v = put.body;
    expect(v.state).toBe('marked');
    expect(v.result).toMatchObject({ activityId: runId, finishS: 2975, carbsG: 30 });
    expect(v.comparison!.error).toMatchObject({ ok: true, errorS: -25, inRange: true, predicted: { mid: 3000 } });
    expect(v.comparison!.splits.rows).toHaveLength(10);
    v.comparison!.splits.rows!.forEach((r, i) => {
      expect(Math.abs(r.actualS - FADE[i]!)).toBeLessThan(4);
      expect(r.deltaS).toBeCloseTo(r.actualS - r.plannedS!, 6);
    });
    expect(v.comparison!.halves.verdict).toMatch(
      /^Went out \d+\.\d % faster than planned, second half \d+\.\d % slower than planned: a positive split/,
    );
    expect(v.comparison!.halves.heart?.ok).toBe(true);
    expect(v.comparison!.fuel.carbs.perHour).toBeCloseTo(30 / (2975 / 3600), 6);
    expect(v.comparison!.fuel.fluid.missing).toBe('Fluid was not logged.');

    const del = await h.call(`/api/v1/races/${race.id}/result`, { method: 'DELETE', cookie: me.cookie });
    expect(del.status).toBe(204);
    expect((await h.json<View>(`/api/v1/races/${race.id}/result`, { cookie: me.cookie })).body.state).toBe('unmarked');
    expect((await h.call(`/api/v1/races/${race.id}/result`, { method: 'DELETE', cookie: me.cookie })).status).toBe(404);
  });

  it('is 404 for another athlete’s race or activity, says when no prediction was made, and opens on the race day', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const w = analyticsWorld(h.db);
    const race = await pastRace(h.db, me.user.id, 2);
    const { id: mine } = await w.activities.ingest(me.user.id, raceRun(race.date, Array(10).fill(300)));
    const { id: theirs } = await w.activities.ingest(other.user.id, raceRun(race.date, Array(10).fill(300)));
    const url = `/api/v1/races/${race.id}/result`;
    expect((await h.call(url, { cookie: other.cookie })).status).toBe(404);
    expect((await h.json(url, { method: 'PUT', body: { activityId: theirs }, cookie: other.cookie })).status).toBe(404);
    expect((await h.call(url, { method: 'DELETE', cookie: other.cookie })).status).toBe(404);
    const cross = await h.json<{ error: { message: string } }>(url, { method: 'PUT', body: { activityId: theirs }, cookie: me.cookie });
    expect(cross.status).toBe(404);
    expect(cross.body.error.message).toContain('Activity');
    expect((await h.json(url, { method: 'PUT', body: { activityId: mine, carbsG: -1 }, cookie: me.cookie })).status).toBe(400);

    const marked = await h.json<View>(url, { method: 'PUT', body: { activityId: mine }, cookie: me.cookie });
    expect(marked.body.comparison!.error).toEqual({ ok: false, reason: 'No prediction was made before the race day.' });
    expect(marked.body.comparison!.halves.verdict).toContain('an even split');
    expect(marked.body.comparison!.halves.heart).toEqual({ ok: false, reason: expect.stringContaining('No heart rate') });

    const { body: soon } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Autumn 10K', distanceM: 10000, raceDate: addDays(today(), 5) },
      cookie: me.cookie,
    });
    expect((await h.json<View>(`/api/v1/races/${soon.id}/result`, { cookie: me.cookie })).body.state).toBe('upcoming');
    const early = await h.json(`/api/v1/races/${soon.id}/result`, { method: 'PUT', body: { activityId: mine }, cookie: me.cookie });
    expect(early.status).toBe(409);
  });

  it('shows the marked race’s error beside the next prediction at that distance', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(me.user.id, runOn(40, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }));
    const race = await pastRace(h.db, me.user.id, 20);
    const { id: runId } = await w.activities.ingest(me.user.id, raceRun(race.date, Array(10).fill(306)));
    await storePrediction(h.db, me.user.id, race.id, new Date(`${addDays(race.date, -3)}T12:00:00Z`), { low: 2880, mid: 3000, high: 3120 });
    expect(
      (await h.json(`/api/v1/races/${race.id}/result`, { method: 'PUT', body: { activityId: runId }, cookie: me.cookie })).status,
    ).toBe(200);

    const { body: next } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Spring 10K', distanceM: 10000, raceDate: addDays(today(), 30) },
      cookie: me.cookie,
    });
    const p = await h.json<{ engineVersion: number; prediction: { pastErrors: unknown[] } }>(`/api/v1/races/${next.id}/prediction`, {
      cookie: me.cookie,
    });
    expect(p.status).toBe(200);
    expect(p.body.engineVersion).toBe(ENGINE_VERSION);
    expect(p.body.prediction.pastErrors).toEqual([
      {
        date: race.date,
        distanceM: 10000,
        actualS: 3060,
        predictedMidS: 3000,
        predictedLowS: 2880,
        predictedHighS: 3120,
        errorS: 60,
        errorPct: 2,
        inRange: true,
      },
    ]);
  });

  it('finds a past plan’s goal race by the plan’s id, to mark its result', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const w = analyticsWorld(h.db);
    const made = await h.json<{ id: string }>('/api/v1/plans', { method: 'POST', body: planRequest(today()), cookie: me.cookie });
    expect(made.status).toBe(201);
    const raceDate = addDays(today(), -2);
    await h.db.update(plans).set({ eventDate: raceDate, status: 'completed' }).where(eq(plans.id, made.body.id));
    const { id: runId } = await w.activities.ingest(
      me.user.id,
      raceRun(raceDate, [...Array(21).fill(330), 32], undefined, 'City Half', 98),
    );
    const url = `/api/v1/races/${made.body.id}/result`;
    expect((await h.call(url, { cookie: other.cookie })).status).toBe(404);
    const view = await h.json<View>(url, { cookie: me.cookie });
    expect(view.status).toBe(200);
    expect(view.body.suggestions.map((s) => s.id)).toEqual([runId]);
    const put = await h.json<View>(url, { method: 'PUT', body: { activityId: runId, fluidL: 0.6 }, cookie: me.cookie });
    expect(put.body.state).toBe('marked');
    expect(put.body.comparison!.splits.rows).toHaveLength(22);
    const past = await h.json<{ id: string; source: string }>(`/api/v1/races/${made.body.id}`, { cookie: me.cookie });
    expect(past.body).toMatchObject({ id: made.body.id, source: 'plan', raceDate });
  });
});
