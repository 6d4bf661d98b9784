// Test support for the generator's tests: random valid inputs and independent readings of a plan
// (volume, hard time, running time per week) computed from the steps, not from the generator's internals.

import fc from 'fast-check';
import { addDays } from '../../../lib/dates';
import { GOAL_KINDS, type GeneratedPlan, type GeneratorInput, type Step, type StepNode, type WorkoutDraft } from '../plans.types';

const START = '2027-01-04';

export const arbitraryInput: fc.Arbitrary<GeneratorInput> = fc
  .record({
    kind: fc.constantFrom(...GOAL_KINDS),
    startOffset: fc.integer({ min: 0, max: 400 }),
    eventDays: fc.integer({ min: 6 * 7, max: 30 * 7 }),
    named: fc.boolean(),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 7 }),
    longPick: fc.nat(),
    hoursPerWeek: fc.integer({ min: 6, max: 30 }).map((h) => h / 2),
    ctl: fc.integer({ min: 0, max: 120 }),
    atlDelta: fc.integer({ min: -30, max: 40 }),
    run: fc.integer({ min: 0, max: 24 }).map((h) => h / 2),
    bike: fc.integer({ min: 0, max: 24 }).map((h) => h / 2),
    swim: fc.integer({ min: 0, max: 8 }).map((h) => h / 2),
    longest: fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 360 }), fc.integer({ min: 0, max: 90 })),
    intake: fc.boolean(),
    age: fc.option(fc.integer({ min: 20, max: 75 }), { nil: null }),
    includeStrength: fc.boolean(),
  })
  .map((r) => {
    const startDate = addDays(START, r.startOffset);
    const days = [...r.days].sort();
    return {
      goal: {
        kind: r.kind,
        eventDate: r.kind === 'general_fitness' ? null : addDays(startDate, r.eventDays),
        eventName: r.named ? 'City Race' : null,
      },
      startDate,
      availableDays: days,
      longDay: days[r.longPick % days.length]!,
      hoursPerWeek: r.hoursPerWeek,
      fitness: {
        ctl: r.ctl,
        atl: Math.max(0, r.ctl + r.atlDelta),
        weeklyHours: { run: r.run, bike: r.bike, swim: r.swim },
        longestMinutes: { run: r.longest[0], bike: r.longest[1], swim: r.longest[2] },
        source: r.intake ? 'intake' : 'history',
      },
      age: r.age,
      includeStrength: r.includeStrength,
    } satisfies GeneratorInput;
  });

const flat = (steps: StepNode[]): { step: Step; times: number }[] =>
  steps.flatMap((n) => (n.kind === 'repeat' ? n.steps.map((step) => ({ step, times: n.count })) : [{ step: n, times: 1 }]));

export const stepSeconds = (w: WorkoutDraft): number =>
  flat(w.steps).reduce((s, { step, times }) => s + (step.durationSec ?? 0) * times, 0);

/** Seconds at zone 3 or harder (strength's RPE targets are not endurance intensity). */
export const hardSeconds = (w: WorkoutDraft): number =>
  flat(w.steps)
    .filter(({ step }) => step.target !== null && step.target.metric !== 'rpe' && step.target.zone >= 3)
    .reduce((s, { step, times }) => s + (step.durationSec ?? 0) * times, 0);

export const isRace = (w: WorkoutDraft): boolean => w.title.startsWith('Race day');

/** Minutes of running in a workout: a run, or a brick's run off the bike. */
export function runMinutes(w: WorkoutDraft): number {
  if (w.sport === 'run') return w.durationSec / 60;
  if (w.sport !== 'brick' || isRace(w)) return 0;
  return flat(w.steps)
    .filter(({ step }) => step.note?.startsWith('run off the bike'))
    .reduce((s, { step, times }) => s + ((step.durationSec ?? 0) * times) / 60, 0);
}

/** Minutes of riding: a ride, or a brick's bike part. */
export const rideMinutes = (w: WorkoutDraft): number =>
  w.sport === 'bike' ? w.durationSec / 60 : w.sport === 'brick' && !isRace(w) ? w.durationSec / 60 - runMinutes(w) : 0;

/** A week's endurance training minutes: strength and the race not counted. */
export const trainingMinutes = (ws: WorkoutDraft[]): number =>
  ws.filter((w) => !isRace(w) && w.sport !== 'strength').reduce((s, w) => s + w.durationSec / 60, 0);

export const weekWorkouts = (plan: GeneratedPlan, week: number): WorkoutDraft[] => plan.workouts.filter((w) => w.week === week);

/** A compact reading of a plan, one line a week: phase, hours, load, CTL at the week's end, sessions by sport and type. */
export function summarize(plan: GeneratedPlan): string {
  const order = ['swim', 'bike', 'brick', 'run', 'strength'];
  const lines = [`${plan.startDate} → ${plan.endDate}, race-day TSB ${plan.raceDayTsb ?? '—'}`];
  for (const w of plan.weeks) {
    const ws = weekWorkouts(plan, w.week);
    const counts = new Map<string, number>();
    for (const x of [...ws].sort((a, b) => order.indexOf(a.sport) - order.indexOf(b.sport) || a.type.localeCompare(b.type))) {
      const key = isRace(x) ? 'race' : `${x.sport} ${x.type}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const long = ws
      .filter((x) => x.type === 'long')
      .map((x) => `${x.sport} ${Math.round(x.durationSec / 60)}′`)
      .join(', ');
    const end = plan.projection.find((d) => d.date === addDays(w.startDate, 6)) ?? plan.projection.at(-1)!;
    const sessions = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
    const hours = w.plannedHours.toFixed(1).padStart(4);
    const head = `W${String(w.week).padStart(2, '0')} ${w.phase.padEnd(8)} ${hours} h ${String(Math.round(w.plannedLoad)).padStart(4)} load CTL ${end.ctl.toFixed(0).padStart(3)}`;
    lines.push(`${head} | ${sessions}${long ? ` | long ${long}` : ''}`);
  }
  return lines.join('\n');
}
