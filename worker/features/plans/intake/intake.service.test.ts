// Onboarding answers and thin history on real Postgres: what "thin" decides and the answers standing in for
// history in generation ("Rebuild plan?" when real history arrives: rebuild-prompt.service.test.ts).
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, mondayOf, todayIn } from '../../../lib/dates';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { membershipOf } from '../../../testing/scenarios';
import type { Athlete } from '../../analytics';
import { createPlansService, type PlanRequest } from '../plans.service';
import { createIntakeService } from './intake.service';
import { answers, NOW, refusal, request, runs, type World, world } from './intake.testing';
import { createPlanFitness } from './plan-fitness';

/** Hours in the six-week window (Monday five weeks back to today) per week of all its days before today: a history longer than the window. */
const perWeek = (hours: number, today: string) => (hours * 7) / Math.max(7, daysBetween(addDays(mondayOf(today), -35), today));

describe('intake', () => {
  it('saves the answers in SI, replaces them on a second save, and checks dates against the athlete’s calendar', async () => {
    const h = Harness.init();
    const w = world(h);
    const a = await insertAthlete(h.db);
    expect(await w.intake.get(a)).toEqual({ answers: null, suggestedRequest: null, thinHistory: true });
    const today = todayIn(a.timeZone, NOW);
    const input = answers({
      goal: { kind: 'run_10k', eventName: 'River 10K', eventDate: addDays(today, 60) },
      availableDays: [6, 1, 3],
      longDay: 6,
      hoursPerWeek: 30,
      weeklyVolume: { unit: 'mi', value: 10 },
      longestRun: { unit: 'km', value: 12 },
    });
    await w.intake.save(a, input);
    const saved = await w.intake.save(a, input);
    expect(saved.answers).toMatchObject({ availableDays: [1, 3, 6], weeklyDistanceM: 16_093, weeklyDurationS: null, longestRunM: 12_000 });
    expect(saved.suggestedRequest).toEqual({ goal: input.goal, availableDays: [1, 3, 6], longDay: 6, hoursPerWeek: 25 });
    expect((await h.db.execute(`select count(*)::int as n from athlete_intake where user_id = '${a.id}'`)).rows[0]).toEqual({ n: 1 });

    const future = await refusal(w.intake.save(a, answers({ returningFromBreak: true, returnDate: addDays(today, 1) })));
    expect(future.details?.fields?.map((f) => f.path)).toEqual(['returnDate']);
    // A refused save leaves the answers as they were; another athlete has none.
    expect((await w.intake.get(a)).answers?.weeklyDistanceM).toBe(16_093);
    expect((await w.intake.get(await insertAthlete(h.db))).answers).toBeNull();
  });
});

describe('thin history', () => {
  it('with thin history the answers are the fitness; with enough history they are not', async () => {
    const h = Harness.init();
    const w = world(h);
    const thin = await insertAthlete(h.db);
    const today = todayIn(thin.timeZone, NOW);
    await runs(w, thin, 4, 40);
    // No answers yet: history, however thin.
    expect((await w.plans.preview(thin, request(today))).input.fitness.source).toBe('history');
    await w.intake.save(thin, answers({ weeklyVolume: { unit: 'h', value: 3 }, longestRun: { unit: 'min', value: 75 } }));
    const { input } = await w.plans.preview(thin, request(today));
    expect(input.fitness).toMatchObject({ source: 'intake', weeklyHours: { run: 3, bike: 0, swim: 0 }, longestMinutes: { run: 75 } });
    // 3 h × 60 load/h ÷ 7 days × 0.8.
    expect(input.fitness.ctl).toBeCloseTo(20.6, 1);

    // Back from a break two weeks ago: the same week, a lower start.
    await w.intake.save(
      thin,
      answers({ weeklyVolume: { unit: 'h', value: 3 }, returningFromBreak: true, returnDate: addDays(today, -14) }),
    );
    const back = (await w.plans.preview(thin, request(today))).input.fitness;
    expect(back.weeklyHours.run).toBe(3);
    expect(back.ctl).toBeCloseTo(20.6 * (1 - Math.exp(-14 / 42)), 0);

    const full = await insertAthlete(h.db);
    await runs(w, full, 12, 45);
    await w.intake.save(full, answers({ weeklyVolume: { unit: 'h', value: 3 } }));
    const hist = (await w.plans.preview(full, request(today))).input.fitness;
    expect(hist.source).toBe('history');
    // 12 runs of 45 min on the 12 days before today: 9 h over the 12 days history covers, not over the whole window.
    expect(hist.weeklyHours.run).toBeCloseTo((9 * 7) / 12, 1);
  });
});

describe('a plan starts from what the athlete does', () => {
  // Issue 37: a 9 h-a-week runner's half-marathon plan peaked at 2.5 h. On a Monday the six-week window holds
  // five weeks and a day, and averaging it over six whole weeks read 9 h as 7.6 h.
  const MONDAY = new Date(`${mondayOf(todayIn('UTC', NOW))}T12:00:00Z`);

  it('a 9 h week of running history: the plan’s first weeks near 9 h, its fitness rising, long runs from the longest', async () => {
    const h = Harness.init();
    const { analytics, activities, clock } = analyticsWorld(h.db, MONDAY);
    const plans = createPlansService({ db: h.db, clock, analytics, membership: membershipOf(h) });
    const intake = createIntakeService({ db: h.db, clock, analytics });
    const a = await insertAthlete(h.db);
    const today = todayIn(a.timeZone, MONDAY);
    // Twelve weeks back from yesterday (CTL near its steady state): six runs a week, 5 × 80 min and a 140-minute long run = 9 h.
    for (let d = 1; d <= 84; d++) {
      const day = (d - 1) % 7;
      if (day === 1) continue;
      const minutes = day === 0 ? 140 : 80;
      const start = new Date(MONDAY.getTime() - d * 86_400_000);
      start.setUTCHours(7, 0, 0, 0);
      const run = {
        startTime: start,
        localStartDate: start.toISOString().slice(0, 10),
        movingTimeS: minutes * 60,
        elapsedTimeS: minutes * 60,
      };
      await activities.ingest(a.id, buildActivity({ ...run, distanceM: Math.round((minutes * 60) / 0.33) }));
    }
    // Onboarding answered low (3 h) before the history arrived: history wins, and the wizard offers room above it.
    await intake.save(a, answers({ goal: { kind: 'run_half', eventName: 'Autumn Half', eventDate: addDays(today, 7 * 16) } }));
    const suggested = (await intake.get(a)).suggestedRequest;
    expect(suggested?.hoursPerWeek).toBe(10);

    const req: PlanRequest = { ...request(today), goal: suggested!.goal!, availableDays: [0, 1, 2, 3, 4, 6], hoursPerWeek: 10 };
    const { input, plan } = await plans.preview(a, req);
    expect(input.fitness.source).toBe('history');
    expect(input.fitness.weeklyHours.run).toBeCloseTo(9, 1);
    expect(input.fitness.longestMinutes.run).toBe(140);
    // Week 1: recent volume + up to 10 %, whole sessions: within 10 % of 9 h either way.
    expect(plan.weeks[0]!.plannedHours).toBeGreaterThanOrEqual(8.1);
    expect(plan.weeks[0]!.plannedHours).toBeLessThanOrEqual(9.9 + 0.1);
    expect(Math.max(...plan.weeks.map((w) => w.plannedHours))).toBeGreaterThanOrEqual(8.5);
    // The first long run from the longest (140 min), within the half's 2 h cap.
    const firstLong = plan.workouts.find((w) => w.type === 'long')!;
    expect(firstLong.durationSec / 60).toBe(120);
    // Fitness rises from where history has it to race eve.
    const ctl = plan.projection.map((d) => d.ctl);
    expect(ctl.at(-2)! - ctl[0]!).toBeGreaterThan(5);
  });
});

describe('recent weekly hours from a short history', () => {
  // Issue 37 leftover: 30 days of history averaged over the whole six-week window read a 9 h athlete as ~7 h.
  const NINE_H_DAY_S = Math.round((9 * 3600) / 7);
  /** One run a day of a 9 h week, `from` to `to` days back from today, except the days `skip` holds. */
  async function daily(w: World, a: Athlete, from: number, to: number, skip: (day: string) => boolean = () => false) {
    for (let d = from; d <= to; d++) {
      const start = new Date(NOW.getTime() - d * 86_400_000);
      start.setUTCHours(7, 0, 0, 0);
      const day = start.toISOString().slice(0, 10);
      if (skip(day)) continue;
      await w.activities.ingest(
        a.id,
        buildActivity({ startTime: start, localStartDate: day, movingTimeS: NINE_H_DAY_S, elapsedTimeS: NINE_H_DAY_S }),
      );
    }
  }

  it('30 days of 9 h a week read 9 h a week, not the six-week window’s ~7 h', async () => {
    const h = Harness.init();
    const w = world(h);
    const a = await insertAthlete(h.db);
    await daily(w, a, 1, 30);
    const { fitness, summary } = await createPlanFitness({
      db: h.db,
      clock: { now: () => NOW },
      analytics: analyticsWorld(h.db, NOW).analytics,
    }).history(a);
    expect(summary.activities).toBe(30);
    expect(Math.abs(fitness.weeklyHours.run - 9)).toBeLessThanOrEqual(0.1);
    // The wizard's starting hours follow: 9 h plus room, not 7 h's.
    await w.intake.save(a, answers({ goal: { kind: 'run_10k', eventName: null, eventDate: null } }));
    expect((await w.intake.get(a)).suggestedRequest?.hoursPerWeek).toBe(10);
  });

  it('a history longer than the window reads as before, even when its first day in the window was a rest day', async () => {
    const h = Harness.init();
    const w = world(h);
    const a = await insertAthlete(h.db);
    const today = todayIn(a.timeZone, NOW);
    const windowStart = addDays(mondayOf(today), -35);
    await daily(w, a, 1, 84, (day) => day === windowStart);
    const { fitness } = await createPlanFitness({
      db: h.db,
      clock: { now: () => NOW },
      analytics: analyticsWorld(h.db, NOW).analytics,
    }).history(a);
    // The whole window's days before today, the rest day among them.
    const inWindow = (daysBetween(windowStart, today) - 1) * NINE_H_DAY_S;
    expect(fitness.weeklyHours.run).toBeCloseTo(perWeek(inWindow / 3600, today), 6);
  });
});
