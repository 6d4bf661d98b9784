// Synthetic athletes living a generated plan day by day (issue 58's simulation, ADR 103): the same seeded life run
// twice, once on the plan as generated and once with every trigger re-planned and every proposal applied.
import { addDays } from '../../../lib/dates';
import { mulberry32, seedOf } from '../../../lib/random';
import { fitnessSeries } from '../../analytics';
import { generatePlan } from '../generator';
import { RACE_TSB } from '../generator/plan-rules';
import { type GeneratorInput, type GoalKind, HARD_TYPES } from '../plans.types';
import type { AdaptPlan, AdaptState, AdaptWorkout, HealthNote, Proposal, Trigger } from './adapt.types';
import { type Broken, checkInvariants } from './apply.calc';
import { weekIndexOf } from './frame.calc';
import { applySteps, replan } from './replan.calc';
import type { SessionOutcome } from './targets.calc';

const START = '2027-01-04'; // a Monday
const WEEKS = 16;
const GOAL_KINDS: GoalKind[] = ['run_half', 'run_half', 'run_10k', 'run_marathon', 'bike_event'];

export interface Life {
  missRate: number;
  /** Per day: a uniform draw (a session is missed below missRate) and the done-load factor 0.8–1.2. */
  missU: Map<string, number>;
  perf: Map<string, number>;
  extras: Map<string, number>;
  ill: { from: string; to: string };
  low: Set<string>;
  move: { on: string; to: string } | null;
  threshold: { on: string; from: number; to: number } | null;
}

export interface Athlete {
  id: string;
  input: GeneratorInput;
  life: Life;
}

export interface RunResult {
  raceDay: string;
  tsb: number;
  inBand: boolean;
  broken: Broken[];
  /** Proposals applied, by kind (the trigger's, or the advice's after a session; "(note)" when it has no step). */
  kinds: Record<string, number>;
  /** Their steps, by kind. */
  steps: Record<string, number>;
}

const sport = (kind: GoalKind) => (kind === 'bike_event' ? 'bike' : 'run');

/** An athlete and a life drawn from one seed: the same index, the same athlete on every run. */
export function makeAthlete(index: number): Athlete {
  const r = mulberry32(seedOf(`adapt-sim-${index}`));
  const between = (lo: number, hi: number) => lo + r() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const kind = GOAL_KINDS[int(0, GOAL_KINDS.length - 1)]!;
  const eventDate = addDays(START, WEEKS * 7 - 1);
  const days = new Set([6]);
  const count = int(4, 6);
  while (days.size < count) days.add(int(0, 5));
  const hours = Math.round(between(5, 10) * 2) / 2;
  const ctl = Math.round(between(25, 60));
  const recent = Math.round(hours * between(0.6, 0.9) * 10) / 10;
  const longest = int(60, 110);
  const s = sport(kind);
  const input: GeneratorInput = {
    goal: { kind, eventDate, eventName: null },
    startDate: START,
    availableDays: [...days].sort(),
    longDay: 6,
    hoursPerWeek: hours,
    fitness: {
      ctl,
      atl: ctl + int(-5, 8),
      weeklyHours: { run: s === 'run' ? recent : 0, bike: s === 'bike' ? recent : 0, swim: 0 },
      longestMinutes: { run: s === 'run' ? longest : 0, bike: s === 'bike' ? longest : 0, swim: 0 },
      source: 'history',
    },
    age: r() < 0.2 ? null : int(25, 60),
    includeStrength: false,
  };
  const missU = new Map<string, number>();
  const perf = new Map<string, number>();
  for (let d = 0; d < (WEEKS + 4) * 7; d++) {
    missU.set(addDays(START, d), r());
    perf.set(addDays(START, d), between(0.8, 1.2));
  }
  const illFrom = addDays(START, int(14, 83));
  const low = new Set<string>();
  for (let k = 0; k < 2; k++) {
    const from = int(7, 90);
    for (let d = 0, n = int(3, 4); d < n; d++) low.add(addDays(START, from + d));
  }
  const extras = new Map<string, number>();
  for (let k = 0, n = int(3, 5); k < n; k++) extras.set(addDays(START, int(3, 90)), Math.round(between(40, 100)));
  const moveOn = addDays(START, int(35, 62));
  const shift = int(1, 3) * 7 * (r() < 0.5 ? -1 : 1);
  const moved = r() < 0.35;
  const th = r() < 0.3;
  return {
    id: `athlete-${index}`,
    input,
    life: {
      missRate: between(0.1, 0.3),
      missU,
      perf,
      extras,
      ill: { from: illFrom, to: addDays(illFrom, int(4, 6)) },
      low,
      move: moved ? { on: moveOn, to: addDays(eventDate, shift) } : null,
      threshold: th ? { on: addDays(START, int(28, 84)), from: 250, to: Math.round(250 * between(0.92, 1.06)) } : null,
    },
  };
}

const frame = (input: GeneratorInput, gen: ReturnType<typeof generatePlan>): AdaptPlan => ({
  startDate: gen.startDate,
  endDate: gen.endDate,
  eventDate: input.goal.eventDate,
  weeks: gen.weeks.map((w) => ({ startDate: w.startDate, phase: w.phase, plannedLoad: w.plannedLoad })),
  availableDays: input.availableDays,
});

const toWorkouts = (gen: ReturnType<typeof generatePlan>, prefix: string): AdaptWorkout[] =>
  gen.workouts.map((w, k) => ({
    id: `${prefix}${k}`,
    date: w.date,
    slot: null,
    type: w.type,
    status: 'planned',
    durationSec: w.durationSec,
    load: w.targetLoad,
  }));

/** Lives the athlete's days to race day: `adapted` runs every trigger through replan and applies what it proposes. */
export function live(athlete: Athlete, adapted: boolean): RunResult {
  const { input, life } = athlete;
  const seed = { ctl: input.fitness.ctl, atl: input.fitness.atl };
  const generated = generatePlan(input);
  let plan = frame(input, generated);
  let workouts = toWorkouts(generated, 'w');
  const unplanned: AdaptState['unplanned'][number][] = [];
  const mornings: (boolean | null)[] = [];
  const outcomes: SessionOutcome[] = [];
  const health: HealthNote[] = [];
  const done = new Map<string, number>();
  const doneSec = new Map<string, number>();
  const broken: Broken[] = [];
  const kinds: Record<string, number> = {};
  const steps: Record<string, number> = {};
  const raceDay = life.move?.to ?? input.goal.eventDate!;
  const ill = (d: string) => d >= life.ill.from && d <= life.ill.to;
  let rebuilds = 0;

  const apply = (today: string, p: Proposal) => {
    const before = { weeks: plan.weeks, workouts };
    for (const s of p.steps) {
      if (s.kind !== 'rebuild') continue;
      const rebuilt = rebuild(
        input,
        plan,
        workouts,
        today,
        s.eventDate,
        fitnessSeries(done, START, today, seed).at(-1)!,
        doneSec,
        ++rebuilds,
      );
      plan = rebuilt.plan;
      workouts = rebuilt.workouts;
    }
    workouts = applySteps(workouts, p.steps);
    broken.push(...checkInvariants(before, { weeks: plan.weeks, workouts, proposals: [p] }, unplanned));
    const kind = `${p.trigger.kind === 'completed' ? p.key.split(':').at(-1) : p.trigger.kind}${p.steps.length ? '' : ' (note)'}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    for (const s of p.steps) steps[s.kind] = (steps[s.kind] ?? 0) + 1;
  };
  const run = (today: string, triggers: Trigger[]) => {
    if (!adapted) return;
    for (const t of triggers) {
      const fitness = fitnessSeries(done, START, today, seed).at(-1)!;
      const state: AdaptState = { today, plan, workouts, unplanned, mornings: mornings.slice(-7), outcomes, health, fitness };
      for (const p of replan(state, t)) apply(today, p);
    }
  };

  for (let day = START; day < raceDay; day = addDays(day, 1)) {
    const morning: Trigger[] = [];
    const low = life.low.has(day) || ill(day);
    mornings.push(low);
    if (low) morning.push({ kind: 'readiness', day });
    if (day === life.ill.from) {
      health.push({ id: 'ill', kind: 'illness', from: day, to: null });
      morning.push({ kind: 'health', noteId: 'ill' });
    }
    if (day === addDays(life.ill.to, 1)) {
      health[0] = { ...health[0]!, to: life.ill.to };
      morning.push({ kind: 'health', noteId: 'ill' });
    }
    if (life.move && day === life.move.on) morning.push({ kind: 'race_moved', from: input.goal.eventDate!, to: life.move.to });
    const th = life.threshold;
    if (th && day === th.on)
      morning.push({
        kind: 'threshold',
        metric: input.goal.kind === 'bike_event' ? 'FTP' : 'threshold speed',
        from: th.from,
        to: th.to,
        day,
      });
    run(day, morning);

    const evening: Trigger[] = [];
    workouts = workouts.map((w) => {
      if (w.date !== day || w.status !== 'planned') return w;
      if (ill(day) || life.missU.get(day)! < life.missRate) {
        evening.push({ kind: 'missed', workoutId: w.id });
        return { ...w, status: 'missed' };
      }
      const f = life.perf.get(day)!;
      done.set(day, (done.get(day) ?? 0) + w.load * f);
      doneSec.set(day, (doneSec.get(day) ?? 0) + w.durationSec);
      const hard = HARD_TYPES.includes(w.type);
      outcomes.push({
        workoutId: w.id,
        date: day,
        type: w.type,
        verdict: hard && f < 0.9 ? 'off' : !hard && f > 1.12 ? 'partly' : 'on',
        side: hard && f < 0.9 ? 'below' : !hard && f > 1.12 ? 'above' : null,
        rpe: hard && f < 0.9 ? 9 : 4,
      });
      evening.push({ kind: 'completed', workoutId: w.id });
      return { ...w, status: 'completed', load: Math.round(w.load * f * 10) / 10 };
    });
    const extra = life.extras.get(day);
    if (extra && !ill(day)) {
      unplanned.push({ activityId: `u-${day}`, date: day, load: extra });
      done.set(day, (done.get(day) ?? 0) + extra);
      doneSec.set(day, (doneSec.get(day) ?? 0) + extra * 60);
      evening.push({ kind: 'unplanned', activityId: `u-${day}` });
    }
    run(day, evening);
  }
  // Race-day form is the morning's: CTL − ATL before the race's own load, as projectFitness reads it.
  const tsb = fitnessSeries(done, START, raceDay, seed).at(-1)!.tsb;
  return { raceDay, tsb, inBand: tsb >= RACE_TSB.low && tsb <= RACE_TSB.high, broken, kinds, steps };
}

/**
 * A moved race: the plan is generated again from the next week's first day to the new event, from the fitness the
 * athlete has (CTL/ATL of the done loads, the last four weeks' hours), and spliced after the weeks kept.
 */
function rebuild(
  input: GeneratorInput,
  plan: AdaptPlan,
  workouts: AdaptWorkout[],
  today: string,
  eventDate: string,
  now: { ctl: number; atl: number },
  doneSec: Map<string, number>,
  n: number,
): { plan: AdaptPlan; workouts: AdaptWorkout[] } {
  const i = weekIndexOf(plan.weeks, today);
  const from = plan.weeks[i + 1]?.startDate ?? addDays(today, 1);
  let sec = 0;
  let longest = 0;
  for (let d = 1; d <= 28; d++) {
    const s = doneSec.get(addDays(today, -d)) ?? 0;
    sec += s;
    longest = Math.max(longest, s / 60);
  }
  const hours = Math.round((sec / 3600 / 4) * 10) / 10;
  const s = sport(input.goal.kind);
  const next: GeneratorInput = {
    ...input,
    goal: { ...input.goal, eventDate },
    startDate: from,
    fitness: {
      ctl: now.ctl,
      atl: now.atl,
      weeklyHours: { run: s === 'run' ? hours : 0, bike: s === 'bike' ? hours : 0, swim: 0 },
      longestMinutes: { run: s === 'run' ? longest : 0, bike: s === 'bike' ? longest : 0, swim: 0 },
      source: 'history',
    },
  };
  const gen = generatePlan(next);
  const kept = plan.weeks.filter((w) => w.startDate < from);
  const newPlan = frame(next, gen);
  return {
    plan: { ...newPlan, startDate: plan.startDate, weeks: [...kept, ...newPlan.weeks] },
    workouts: [...workouts.filter((w) => w.date < from), ...toWorkouts(gen, `r${n}-`)],
  };
}
