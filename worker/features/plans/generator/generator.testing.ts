// Test support for the generator's tests: random valid inputs and independent readings of a plan
// (volume, hard time, running time per week) computed from the steps, not from the generator's internals.

import fc from 'fast-check';
import { expect } from 'vitest';
import { addDays } from '../../../lib/dates';
import { fitnessFromAnswers, type IntakeAnswers } from '../intake/intake.calc';
import {
  type FitnessInput,
  GOAL_KINDS,
  type GeneratedPlan,
  type GeneratorInput,
  type GoalKind,
  type Step,
  type StepNode,
  type WorkoutDraft,
} from '../plans.types';

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

/** Plan lengths the grid always covers (weeks to the event), and the ages: none, young, masters (45+). */
export const GRID_WEEKS = [10, 12, 14, 18, 20, 24] as const;
export const GRID_AGES = [null, 32, 45, 58] as const;

const mixOf: Record<GoalKind, { run: number; bike: number; swim: number }> = {
  run_5k: { run: 1, bike: 0, swim: 0 },
  run_10k: { run: 1, bike: 0, swim: 0 },
  run_half: { run: 1, bike: 0, swim: 0 },
  run_marathon: { run: 0.9, bike: 0.1, swim: 0 },
  tri_sprint: { run: 0.35, bike: 0.45, swim: 0.2 },
  tri_olympic: { run: 0.33, bike: 0.47, swim: 0.2 },
  tri_70_3: { run: 0.3, bike: 0.52, swim: 0.18 },
  tri_full: { run: 0.3, bike: 0.55, swim: 0.15 },
  bike_event: { run: 0.05, bike: 0.95, swim: 0 },
  general_fitness: { run: 0.6, bike: 0.4, swim: 0 },
};

/** The intake's own reading of a few onboarding answers (thin history): weekly running hours and the longest run. */
export function intakeFitness(startDate: string, hours: number, longestMinutes: number | null = null, runs = 4): FitnessInput {
  return fitnessFromAnswers(
    {
      goal: null,
      availableDays: null,
      longDay: null,
      hoursPerWeek: null,
      injuries: null,
      returningFromBreak: false,
      returnDate: null,
      runsPerWeek: runs,
      weeklyDurationS: hours * 3600,
      weeklyDistanceM: null,
      longestRunS: longestMinutes === null ? null : longestMinutes * 60,
      longestRunM: null,
      answeredAt: `${startDate}T08:00:00.000Z`,
    },
    startDate,
  );
}

/**
 * Fitness as generation gets it: from about 8 weeks of uploaded history (CTL and ATL on the scale of the
 * hours trained, the goal's sports), or from the onboarding answers alone (thin history: the intake's own
 * conversion, `fitnessFromAnswers`).
 */
const arbitraryFitness = (kind: GoalKind, intake: boolean, startDate: string): fc.Arbitrary<FitnessInput> =>
  intake
    ? fc
        .record({
          hours: fc.option(
            fc.integer({ min: 2, max: 16 }).map((h) => h / 2),
            { nil: null },
          ),
          runs: fc.integer({ min: 1, max: 6 }),
          longest: fc.option(fc.integer({ min: 20, max: 150 }), { nil: null }),
          back: fc.option(fc.integer({ min: 7, max: 60 }), { nil: null }),
        })
        .map((r) => {
          const answers: IntakeAnswers = {
            goal: null,
            availableDays: null,
            longDay: null,
            hoursPerWeek: null,
            injuries: null,
            returningFromBreak: r.back !== null,
            returnDate: r.back === null ? null : addDays(startDate, -r.back),
            runsPerWeek: r.runs,
            weeklyDurationS: r.hours === null ? null : r.hours * 3600,
            weeklyDistanceM: null,
            longestRunS: r.longest === null ? null : r.longest * 60,
            longestRunM: null,
            answeredAt: `${startDate}T08:00:00.000Z`,
          };
          return fitnessFromAnswers(answers, startDate);
        })
    : fc
        .record({
          hours: fc.integer({ min: 3, max: 28 }).map((h) => h / 2),
          loadPerHour: fc.integer({ min: 50, max: 70 }),
          fatigue: fc.integer({ min: 85, max: 125 }).map((p) => p / 100),
          longShare: fc.integer({ min: 25, max: 45 }).map((p) => p / 100),
        })
        .map((r) => {
          const mix = mixOf[kind];
          const weeklyHours = { run: r.hours * mix.run, bike: r.hours * mix.bike, swim: r.hours * mix.swim };
          const ctl = Math.round(((r.hours * r.loadPerHour) / 7) * 10) / 10;
          const longest = (h: number, cap: number) => Math.min(cap, Math.round(h * 60 * r.longShare));
          return {
            ctl,
            atl: Math.round(ctl * r.fatigue * 10) / 10,
            weeklyHours,
            longestMinutes: {
              run: longest(weeklyHours.run, 180),
              bike: longest(weeklyHours.bike, 360),
              swim: longest(weeklyHours.swim, 75),
            },
            source: 'history' as const,
          };
        });

/** One cell of the grid: a goal, a source, a plan length and an age; the rest of the athlete drawn at random. */
export interface GridCell {
  kind: GoalKind;
  intake: boolean;
  weeks: number;
  age: number | null;
}

export const arbitraryGridInput = (cell: GridCell): fc.Arbitrary<GeneratorInput> =>
  fc
    .record({
      startOffset: fc.integer({ min: 0, max: 400 }),
      extraDays: fc.integer({ min: 0, max: 6 }),
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 7 }),
      longPick: fc.nat(),
      headroom: fc.integer({ min: 100, max: 180 }).map((p) => p / 100),
      includeStrength: fc.boolean(),
    })
    .chain((r) => {
      const startDate = addDays(START, r.startOffset);
      return arbitraryFitness(cell.kind, cell.intake, startDate).map((fitness) => {
        const days = [...r.days].sort();
        const recent = fitness.weeklyHours.run + fitness.weeklyHours.bike + fitness.weeklyHours.swim;
        return {
          goal: {
            kind: cell.kind,
            // The event on any weekday of the last week: race weeks of 1–7 days.
            eventDate: cell.kind === 'general_fitness' ? null : addDays(startDate, (cell.weeks - 1) * 7 + r.extraDays),
            eventName: null,
          },
          startDate,
          availableDays: days,
          longDay: days[r.longPick % days.length]!,
          // The hours they can give: a little to well above what they do now (the API's 2–25 h).
          hoursPerWeek: Math.min(25, Math.max(3, Math.round(recent * r.headroom * 2) / 2)),
          fitness,
          age: cell.age,
          includeStrength: r.includeStrength,
        } satisfies GeneratorInput;
      });
    });

/**
 * Every goal × {history, intake answers only} × GRID_WEEKS, each at `ages` of GRID_AGES (taken in turn, so
 * every age, masters included, meets every goal and source), one athlete drawn from `seed` per cell.
 */
export function gridInputs(ages: number, seed: number): { cell: GridCell; input: GeneratorInput }[] {
  const out: { cell: GridCell; input: GeneratorInput }[] = [];
  let n = 0;
  for (const kind of GOAL_KINDS)
    for (const intake of [false, true])
      for (const weeks of GRID_WEEKS)
        for (let a = 0; a < ages; a++) {
          const cell = { kind, intake, weeks, age: GRID_AGES[(n + a * 2) % GRID_AGES.length]! };
          const [input] = fc.sample(arbitraryGridInput(cell), { numRuns: 1, seed: seed + n++ });
          out.push({ cell, input: input! });
        }
  return out;
}

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

/** Endurance training load of a week (the race and strength not counted). */
export const trainingLoad = (ws: WorkoutDraft[]): number =>
  ws.filter((w) => !isRace(w) && w.sport !== 'strength').reduce((s, w) => s + w.targetLoad, 0);

const LOADING = ['base', 'build', 'peak'];

/**
 * The first taper week against the peak week, in training time and in load: null unless it is a full week
 * of a taper of two or more weeks (a one-week taper is the race week; its share is tuned).
 */
export function firstTaperShare(plan: GeneratedPlan): { time: number; load: number; peakMinutes: number } | null {
  const first = plan.weeks.find((w) => w.phase === 'taper');
  if (!first || !/^Taper week 1 of /.test(first.why[0] ?? '') || first.why[0]!.includes('60 %')) return null;
  const loading = plan.weeks.filter((w) => LOADING.includes(w.phase));
  if (!loading.length) return null;
  const peakMinutes = Math.max(...loading.map((w) => trainingMinutes(weekWorkouts(plan, w.week))));
  const peakLoad = Math.max(...loading.map((w) => trainingLoad(weekWorkouts(plan, w.week))));
  const ws = weekWorkouts(plan, first.week);
  return { time: trainingMinutes(ws) / peakMinutes, load: trainingLoad(ws) / peakLoad, peakMinutes };
}

/** Runs of consecutive non-recovery weeks before the taper, and whether each ends where the taper begins. */
export function loadingRuns(plan: GeneratedPlan): { length: number; toTaper: boolean }[] {
  const runs: { length: number; toTaper: boolean }[] = [];
  let length = 0;
  for (const w of plan.weeks) {
    if (w.phase === 'taper') break;
    if (w.phase === 'recovery') {
      if (length) runs.push({ length, toTaper: false });
      length = 0;
    } else length++;
  }
  if (length) runs.push({ length, toTaper: plan.weeks.some((w) => w.phase === 'taper') });
  return runs;
}

/**
 * Race-day form as the plan reports it: inside +5…+15 with no word about it, or outside with a rules line
 * saying so — and then only with the taper at the end of its range that moves towards the window, read back
 * from the taper weeks' receipts: every week at 70 % of peak (above), or every tuned week at half its share
 * (below). A miss by whole-session steps says that instead.
 */
export function expectRaceForm(input: GeneratorInput, plan: GeneratedPlan): void {
  const line = plan.rules.find((r) => r.startsWith('Race-day form:'));
  const tsb = plan.raceDayTsb;
  if (!input.goal.eventDate || tsb === null || (tsb >= 5 && tsb <= 15)) {
    expect(line, `race-day TSB ${tsb}`).toBeUndefined();
    return;
  }
  expect(line, `race-day TSB ${tsb} is not flagged`).toMatch(tsb > 15 ? /above the \+5…\+15 window/ : /below the \+5…\+15 window/);
  if (line!.includes('one whole session')) return;
  for (const week of plan.weeks.filter((w) => w.phase === 'taper')) {
    const shown = week.why[0]!.match(/(\d+) % of peak volume(?: \((\d+) % tuned)?/);
    expect(shown, week.why[0]).not.toBeNull();
    const [share, nominal] = [Number(shown![1]), shown![2] === undefined ? null : Number(shown![2])];
    if (tsb > 15) expect(share, `${week.why[0]} (TSB ${tsb})`).toBe(70);
    else if (nominal !== null) expect(share, `${week.why[0]} (TSB ${tsb})`).toBe(Math.round(nominal / 2));
    else expect(week.why[0], `only the first week of a longer taper keeps its share (TSB ${tsb})`).toMatch(/^Taper week 1 of \d: 70 %/);
  }
}

/**
 * The first taper week's training time is 70 % of the peak week's, within 7.5 points — or half an hour (the
 * shortest ride) for a peak week under 6 h 40, where whole sessions of 20–30 minutes are the step.
 */
export function expectFirstTaperWeek(plan: GeneratedPlan): void {
  const share = firstTaperShare(plan);
  if (!share) return;
  const tolerance = Math.max(0.075, 30 / share.peakMinutes);
  expect(
    Math.abs(share.time - 0.7),
    `first taper week at ${share.time.toFixed(3)} of a ${share.peakMinutes}-minute peak`,
  ).toBeLessThanOrEqual(tolerance + 1e-9);
}

/** A recovery week every `every` weeks through base, build and peak; one due the week before the taper is not taken, and that week says so. */
export function expectRecoveryRhythm(input: GeneratorInput, plan: GeneratedPlan): void {
  const every = input.age !== null && input.age >= 45 ? 3 : 4;
  const taperAt = plan.weeks.findIndex((w) => w.phase === 'taper');
  const before = taperAt < 0 ? plan.weeks : plan.weeks.slice(0, taperAt);
  for (const [i, w] of before.entries()) {
    const due = w.week % every === 0;
    const lastBeforeTaper = taperAt >= 0 && i === taperAt - 1;
    expect(w.phase === 'recovery', `week ${w.week} (${w.phase})`).toBe(due && !lastBeforeTaper);
    if (due && lastBeforeTaper) expect(w.why.join(' ')).toMatch(/No recovery week here although one is due/);
  }
  for (const run of loadingRuns(plan)) expect(run.length).toBeLessThanOrEqual(run.toTaper ? every : every - 1);
}

/** A triathlon's build weeks each hold a brick (an easy one when the week is too short for hard sets). */
export function expectBricksInBuild(input: GeneratorInput, plan: GeneratedPlan): void {
  if (!input.goal.kind.startsWith('tri_')) return;
  for (const w of plan.weeks.filter((x) => x.phase === 'build')) {
    const ws = weekWorkouts(plan, w.week);
    // A week the CTL ramp cut to almost nothing (an athlete at CTL ≈ 0 and strength on top) has no room for one.
    if (trainingMinutes(ws) < 60) continue;
    expect(
      ws.some((x) => x.sport === 'brick'),
      `build week ${w.week}: ${ws.map((x) => `${x.sport} ${x.type}`).join(', ')}`,
    ).toBe(true);
  }
}

/** The plan's floor in training minutes (MIN_START_HOURS, a triathlon's MIN_START_HOURS_TRI): whole sessions are the step below it. */
const floorMinutes = (input: GeneratorInput) => (input.goal.kind.startsWith('tri_') ? 150 : 90);

/**
 * The load step, read from the plan: a base, build or peak week's planned load is at most +10 % on the last
 * loading week's (after a recovery week, the week before it) — or, no longer than that week or the plan's
 * floor, it kept its time and its `why` says the load rose more. Returns how many weeks took that exception.
 */
export function expectLoadStep(input: GeneratorInput, plan: GeneratedPlan): number {
  let ref: { load: number; minutes: number; week: number } | null = null;
  let exceptions = 0;
  for (const w of plan.weeks) {
    if (!LOADING.includes(w.phase)) continue;
    const minutes = trainingMinutes(weekWorkouts(plan, w.week));
    // plannedLoad is rounded to 0.1 on both sides.
    if (ref && w.plannedLoad > ref.load * 1.1 + 0.1) {
      const said = w.why.some((l) => l.includes('Load more than +10 %'));
      expect(said, `week ${w.week} (${w.phase}): load ${ref.load} → ${w.plannedLoad} (week ${ref.week}) without a word`).toBe(true);
      expect(minutes, `week ${w.week}: an exception keeps the time`).toBeLessThanOrEqual(Math.max(ref.minutes, floorMinutes(input)) + 1);
      exceptions++;
    }
    ref = { load: w.plannedLoad, minutes, week: w.week };
  }
  return exceptions;
}
