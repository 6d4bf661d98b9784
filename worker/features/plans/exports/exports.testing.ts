// Test support for the export serializers: saved workouts and plans built locally, so these tests
// depend on nothing but the shared plan vocabulary.
import { addDays } from '../../../lib/dates.ts';
import type { Step, StepKind, StepNode, Target, TargetMetric } from '../plans.types.ts';
import type { ExportPlan, ExportWorkout } from './export.types.ts';

export const target = (metric: TargetMetric, zone: Target['zone'], low: number, high: number): Target => ({ metric, zone, low, high });

export const timed = (kind: StepKind, durationSec: number, t: Target | null = null, note?: string): Step => ({
  kind,
  durationSec,
  distanceM: null,
  target: t,
  ...(note ? { note } : {}),
});

export const measured = (kind: StepKind, distanceM: number, t: Target | null = null): Step => ({
  kind,
  durationSec: null,
  distanceM,
  target: t,
});

/** Warm-up 15 min Z1, 5 × (4 min Z4 / 2 min Z1), cool-down 10 min Z1, in the given metric. */
export function intervalSteps(metric: TargetMetric = 'pace'): StepNode[] {
  return [
    timed('warmup', 900, target(metric, 1, 0.6, 0.75)),
    {
      kind: 'repeat',
      count: 5,
      steps: [timed('work', 240, target(metric, 4, 0.98, 1.02)), timed('recovery', 120, target(metric, 1, 0.55, 0.65))],
    },
    timed('cooldown', 600, target(metric, 1, 0.5, 0.7)),
  ];
}

let seq = 0;

export function buildWorkout(overrides: Partial<ExportWorkout> = {}): ExportWorkout {
  seq += 1;
  return {
    id: `wk_${seq}`,
    status: 'planned',
    revision: 1,
    updatedAt: new Date('2026-03-01T09:30:00Z'),
    date: '2026-03-18',
    sport: 'run',
    type: 'intervals',
    title: 'VO2 intervals',
    description: 'Short hard repeats.',
    durationSec: 3660,
    distanceM: null,
    targetLoad: 72,
    intensity: target('pace', 4, 0.98, 1.02),
    steps: intervalSteps(),
    phase: 'build',
    week: 1,
    why: 'Build phase: one VO2 session a week.',
    ...overrides,
  };
}

export function buildPlan(overrides: Partial<ExportPlan> = {}): ExportPlan {
  return {
    id: 'plan_1',
    goalLabel: 'Zürich Marathon – sub 3:30',
    startDate: '2026-03-16',
    endDate: '2026-08-30',
    athleteName: 'Anna Müller',
    timeZone: 'Europe/Zurich',
    ...overrides,
  };
}

/** `weeks` weeks of six workouts and a rest day, from the plan's start date. */
export function buildPlanWorkouts(plan: ExportPlan, weeks: number): ExportWorkout[] {
  const out: ExportWorkout[] = [];
  for (let week = 1; week <= weeks; week++) {
    const monday = addDays(plan.startDate, (week - 1) * 7);
    out.push(buildWorkout({ date: monday, week, sport: 'rest', type: 'rest', title: 'Rest', steps: [], intensity: null, durationSec: 0 }));
    out.push(buildWorkout({ date: addDays(monday, 1), week, title: `Intervals week ${week}` }));
    out.push(
      buildWorkout({ date: addDays(monday, 2), week, sport: 'bike', type: 'easy', title: 'Easy ride', steps: [], durationSec: 3600 }),
    );
    out.push(
      buildWorkout({
        date: addDays(monday, 3),
        week,
        type: 'tempo',
        title: 'Tempo run',
        steps: [timed('steady', 2400, target('pace', 3, 0.88, 0.92))],
      }),
    );
    out.push(
      buildWorkout({ date: addDays(monday, 4), week, sport: 'swim', type: 'technique', title: 'Drills', steps: [], durationSec: 2700 }),
    );
    out.push(
      buildWorkout({ date: addDays(monday, 5), week, sport: 'strength', type: 'strength', title: 'Core', steps: [], durationSec: 1800 }),
    );
    out.push(buildWorkout({ date: addDays(monday, 6), week, type: 'long', title: 'Long run', steps: [], durationSec: 6300 }));
  }
  return out;
}
