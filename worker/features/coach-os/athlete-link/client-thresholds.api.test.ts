// The coach's edit dialog previews with the client's thresholds (issue 55): the coach of the client reads them
// (another org's coach: 404), as a coach sees them (an estimate from a Strava activity is not theirs to read),
// and the save times and loads the steps with the same ones, so the preview's totals are the saved ones.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import type { Plan, PlannedWorkout } from '../../plans/plans.schema';
import { parseWorkoutText, workoutTotals } from '../../workouts';

type Thresholds = {
  date: string;
  ftpW: number | null;
  thresholdPaceSecPerKm: number | null;
  cssSecPer100m: number | null;
  lthrBpm: number | null;
};
const PACE_TEXT = '- warmup 15m Z2\n5x\n  - 1km 4:00/km\n  - recovery 2m Z1\n- cooldown 10m Z1';

describe('the client’s thresholds for the coach’s edit dialog', () => {
  it('its coach reads them (another coach: 404), without estimates kept from coaches; the preview’s totals are the saved ones', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Summit Coaching', plan: 'team' });
    const client = await w.addClient('Casey Client');
    const athlete = await h.signup({ displayName: 'Casey Runner' });
    const today = todayIn('UTC', new Date());
    const plan = await h.json<Body<typeof Plan>>('/api/v1/plans', {
      body: {
        goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'River 10K' },
        startDate: today,
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
        includeStrength: false,
      },
      cookie: athlete.cookie,
    });
    const link = await w.linkAthlete(client.id, athlete);
    await h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT', cookie: athlete.cookie });
    const base = `/clients/${client.id}/plan`;
    // The workout the coach edits: the plan's first run after today.
    const week = await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(
      `/api/v1/plans/${plan.body.id}/calendar?from=${addDays(today, 1)}&to=${addDays(today, 7)}`,
      { cookie: athlete.cookie },
    );
    const target = week.body.workouts.find((x) => x.sport === 'run' && !x.skipped)!;
    const date = target.date;
    const path = `${base}/workout-thresholds?date=${date}`;

    // A brand-new client has none, and the coach reads that; another org's coach is told there is no such client.
    const none = await w.api<Thresholds>(path);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ date, ftpW: null, thresholdPaceSecPerKm: null, cssSecPer100m: null, lthrBpm: null });
    const other = await coachOrg(h, { name: 'Other Coaching', plan: 'team' });
    expect((await other.api(path)).status).toBe(404);
    expect((await h.json(`/api/v1/coach${path}`, { cookie: athlete.cookie })).status).toBe(404);

    // 4:00/km estimated from an uploaded run, then 3:50/km from a Strava activity: the athlete's, not their coach's.
    const run = (source: 'fit_upload' | 'strava', day: string) =>
      analyticsWorld(h.db).activities.ingest(
        athlete.user.id,
        buildActivity({
          source,
          sport: 'run',
          startTime: new Date(`${day}T07:00:00Z`),
          localStartDate: day,
          externalId: `${source}-${day}`,
        }),
      );
    const estimate = async (source: 'fit_upload' | 'strava', daysAgo: number, secPerKm: number) => {
      const a = await run(source, addDays(today, -daysAgo));
      await h.db.execute(
        sql`insert into athlete_thresholds (user_id, kind, value, effective_from, source, activity_id) values (${athlete.user.id}, 'threshold_pace', ${1000 / secPerKm}, ${addDays(today, 1 - daysAgo)}, 'estimated', ${a.id})`,
      );
    };
    await estimate('fit_upload', 30, 240);
    await estimate('strava', 10, 230);
    const own = (await h.json<Thresholds>(`/api/v1/plans/workout-thresholds?date=${date}`, { cookie: athlete.cookie })).body;
    expect(own.thresholdPaceSecPerKm).toBeCloseTo(230, 6);
    const th = (await w.api<Thresholds>(path)).body;
    expect(th.thresholdPaceSecPerKm).toBeCloseTo(240, 6);

    // What the coach's builder shows with them is what the coach's edit stores; with none (before) it was not.
    const parsed = parseWorkoutText(PACE_TEXT, 'run');
    if (!parsed.ok) throw new Error('steps');
    const preview = workoutTotals(parsed.workout, th);
    const day = async () =>
      (
        await h.json<{ workouts: Body<typeof PlannedWorkout>[] }>(`/api/v1/plans/${plan.body.id}/calendar?from=${date}&to=${date}`, {
          cookie: athlete.cookie,
        })
      ).body.workouts;
    const edit = await w.api(`${base}/workouts/${target.id}`, {
      method: 'PATCH',
      body: { sport: 'run', type: 'intervals', title: 'Pace 5x1k', text: PACE_TEXT },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const saved = (await day()).find((x) => x.id === target.id)!;
    expect({ durationSec: saved.durationSec, distanceM: saved.distanceM, targetLoad: saved.targetLoad }).toEqual({
      durationSec: preview.durationSec,
      distanceM: preview.distanceM,
      targetLoad: Math.round(preview.load),
    });
    expect(saved.distanceM).toBe(11_500);
    expect(workoutTotals(parsed.workout, {}).distanceM).not.toBe(saved.distanceM);
  });
});
