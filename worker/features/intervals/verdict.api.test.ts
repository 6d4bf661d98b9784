// One verdict per workout (issue 55): 5 × 1 km against 4:05–4:15 /km with rep 3 run at 4:30, on a brand-new
// athlete. The activity page and the workout drawer read the same judgement from the server, the set never
// reads "on target" beside its red rep, and the step table's paces are the rep table's seconds.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../db/schema';
import { Harness } from '../../testing/harness';
import type { WorkoutNode } from '../workouts';
import type { ActivityIntervals } from './intervals.schema';
import { issueWorkout as issueWorkoutIn, tree } from './verdict.testing';

/** The issue's workout on a brand-new athlete, the plan's first day, yesterday of a fixed now. */
async function issueWorkout() {
  const h = Harness.init();
  return { h, ...(await issueWorkoutIn(h)) };
}

describe('one verdict per workout', () => {
  it('the activity page and the drawer carry one judgement; the set is not on target with a rep off; one pace per rep', async () => {
    const { h, me, row, activity } = await issueWorkout();
    const page = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(page.status).toBe(200);
    const x = page.body;
    expect(x.workout?.id).toBe(row!.id);
    // The calendar's ratio is green (the session's length was done); the steps judge rep 3 off.
    expect(x.workout?.compliance.band).toBe('green');
    const rep3 = x.planVsDone!.reps[2]!;
    expect(rep3.band).toBe('red');
    expect(x.planVsDone!.band).not.toBe('green');
    expect(x.steps?.overall?.band).not.toBe('green');
    expect(x.workout?.verdict).toMatchObject({ band: x.steps!.overall!.band, by: 'steps' });

    // The drawer fetches the same answer for the same workout: one judgement, the same words.
    const drawer = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(drawer.body.workout?.verdict).toEqual(x.workout?.verdict);

    // Each work step held the rep's own seconds: 250 s and 270 s a kilometre, as the rep table reads them.
    const work = x.steps!.steps.filter((s) => s.kind === 'work');
    const repPace = x.planVsDone!.reps.map((r) => Math.round(1000 / r.done!.avgSpeedMps!));
    const stepPace = work.map((s) => Math.round(1000 / s.actual!.avgSpeedMps!));
    expect(repPace).toEqual([250, 250, 270, 250, 250]);
    expect(stepPace).toEqual(repPace);
    expect(work[2]!.verdict).toBe('off');
  });
});

describe('the calendar card reads the same verdict (issue 55)', () => {
  type Card = {
    workout: { id: string; status: string; compliance: { band: string | null }; verdict: { band: string | null; by: string } };
  };
  const cardOf = async (h: Harness, cookie: string, day: string, id: string) => {
    const cal = await h.json<{ days: { items: Card[] }[] }>(`/api/v1/calendar?from=${day}&to=${day}`, { cookie });
    expect(cal.status).toBe(200);
    return cal.body.days.flatMap((d) => d.items).find((x) => x.workout?.id === id)!.workout;
  };

  it('the card of a workout done with one rep off says what the activity page and the drawer say, not the ratio', async () => {
    const { h, me, day, row, activity } = await issueWorkout();
    const page = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    const card = await cardOf(h, me.cookie, day, row.id);
    expect(card.status).toBe('completed');
    // The time was done (green), the steps were not: the card no longer says "On target".
    expect(card.compliance.band).toBe('green');
    expect(page.body.workout?.verdict.by).toBe('steps');
    expect(card.verdict).toEqual(page.body.workout?.verdict);
    expect(card.verdict.band).not.toBe('green');

    // The workout changed (rep 3's pace now inside a wider target): the card follows, as the activity page does.
    const wider = JSON.parse(JSON.stringify(tree).replace('"low":245,"high":255', '"low":240,"high":275')) as WorkoutNode[];
    await h.db
      .update(plannedWorkouts)
      .set({ steps: wider, revision: row.revision + 1 })
      .where(eq(plannedWorkouts.id, row.id));
    const after = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(after.body.workout?.verdict.band).toBe('green');
    expect((await cardOf(h, me.cookie, day, row.id)).verdict).toEqual(after.body.workout?.verdict);
  });
});
