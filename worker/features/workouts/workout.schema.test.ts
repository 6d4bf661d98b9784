// The tree reads every step the plans stored before it (ADR 055): the generator's sample plans, the
// athlete's edits as the control API accepts them, and the type-level promise that the old StepNode is
// a WorkoutNode. New shapes that make no sense are refused with the field named.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DURATION_LOAD_PER_HOUR } from '../analytics';
import { GOAL_KINDS, type StepNode, type Target, type WorkoutDraft } from '../plans';
import { generatePlan } from '../plans/generator/generate-plan';
import { sampleInput } from '../plans/generator/generator.fixtures';
import { arbitraryInput } from '../plans/generator/generator.testing';
import { LOAD_EXPONENT, ZONES } from '../plans/generator/plan-rules';
import fc from 'fast-check';
import { z } from 'zod';
import { WorkoutSchema, WorkoutStepsSchema } from './workout.schema';
import { IF_EXPONENT, LOAD_PER_HOUR, workoutTotals, ZONE_BANDS } from './workout-totals.calc';
import type { LegacyStepNode, Workout, WorkoutNode, WorkoutTarget } from './workout.types';

const samples: WorkoutDraft[] = GOAL_KINDS.flatMap((kind) => generatePlan(sampleInput(kind)).workouts);
const asWorkout = (w: WorkoutDraft): Workout => ({ sport: w.sport, steps: w.steps });

describe('stored steps read unchanged', () => {
  it('the old step types are the tree’s (and the legacy view is exactly them)', () => {
    expectTypeOf<StepNode>().toExtend<WorkoutNode>();
    expectTypeOf<Target>().toExtend<WorkoutTarget>();
    expectTypeOf<StepNode>().toEqualTypeOf<LegacyStepNode>();
  });

  it('every workout of every goal’s sample plan parses to itself, as steps and as a workout', () => {
    expect(samples.length).toBeGreaterThan(500);
    const kinds = new Set<string>();
    for (const w of samples) {
      const steps = WorkoutStepsSchema.safeParse(w.steps);
      expect(steps.success ? steps.data : steps.error.issues).toStrictEqual(w.steps);
      const whole = WorkoutSchema.safeParse(asWorkout(w));
      expect(whole.success ? whole.data : whole.error.issues).toStrictEqual(asWorkout(w));
      for (const n of w.steps) kinds.add(n.kind === 'repeat' ? `repeat:${n.steps.length}` : `${n.kind}:${n.target?.metric}`);
    }
    // The samples cover repeats and every metric the generator writes.
    expect([...kinds].some((k) => k.startsWith('repeat'))).toBe(true);
    for (const m of ['pace', 'power', 'rpe']) expect([...kinds].some((k) => k.endsWith(`:${m}`))).toBe(true);
  });

  it('random plans’ workouts parse too, and total exactly the time and load the generator stored', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        for (const w of generatePlan(input).workouts) {
          expect(WorkoutStepsSchema.safeParse(w.steps).success).toBe(true);
          const t = workoutTotals(asWorkout(w));
          expect(t.durationSec).toBe(w.durationSec);
          expect(Math.abs(t.load - w.targetLoad)).toBeLessThanOrEqual(0.1 + 1e-9);
        }
      }),
      { numRuns: 15, seed: 5_505 },
    );
  });

  it('the sample plans’ totals are their stored time and load', () => {
    for (const w of samples) {
      const t = workoutTotals(asWorkout(w));
      expect({ id: w.title, sec: t.durationSec }).toStrictEqual({ id: w.title, sec: w.durationSec });
      expect(Math.abs(t.load - w.targetLoad)).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  it('the athlete’s edits as the control API takes them (a step with a note, a brick leg, an RPE band)', () => {
    const edited: StepNode[] = [
      { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'hr', zone: 2, low: 0.8, high: 0.87 }, note: 'easy' },
      { kind: 'repeat', count: 4, steps: [{ kind: 'work', durationSec: 240, distanceM: null, target: null, sport: 'bike' }] },
      { kind: 'steady', durationSec: 1800, distanceM: null, target: { metric: 'rpe', zone: 2, low: 0.3, high: 10 } },
    ];
    expect(WorkoutStepsSchema.parse(edited)).toStrictEqual(edited);
    expect(WorkoutStepsSchema.parse([])).toStrictEqual([]);
  });

  it('its numbers are the generator’s and analytics’ (zones, hourly rates, exponents)', () => {
    for (const sport of ['run', 'bike', 'swim'] as const) {
      for (const z of [1, 2, 3, 4, 5] as const) expect(ZONE_BANDS[sport][z]).toStrictEqual(ZONES[sport][z]);
      expect(IF_EXPONENT[sport]).toBe(LOAD_EXPONENT[sport]);
    }
    expect(LOAD_PER_HOUR).toStrictEqual({
      run: DURATION_LOAD_PER_HOUR.run,
      bike: DURATION_LOAD_PER_HOUR.ride,
      swim: DURATION_LOAD_PER_HOUR.swim,
      strength: DURATION_LOAD_PER_HOUR.strength,
    });
  });
});

describe('new shapes', () => {
  const step = (extra: object) => ({ kind: 'work', durationSec: 60, distanceM: null, target: null, ...extra });
  const issue = (w: unknown) => {
    const r = WorkoutSchema.safeParse(w);
    return r.success ? null : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
  };

  it('takes nested repeats, ramps, lap steps, absolute targets, cadence, strokes and exercises', () => {
    const ride: Workout = {
      sport: 'bike',
      steps: [
        step({ kind: 'warmup', ramp: true, target: { metric: 'power', low: 0.5, high: 0.75 } }) as WorkoutNode,
        {
          kind: 'repeat',
          count: 2,
          steps: [
            {
              kind: 'repeat',
              count: 3,
              steps: [
                step({ target: { metric: 'power', unit: 'W', low: 300, high: 300 }, cadence: { low: 90, high: 100 } }) as WorkoutNode,
              ],
            },
          ],
        },
        step({ kind: 'rest', durationSec: null, target: { metric: 'power', zone: 1 } }) as WorkoutNode,
      ],
    };
    expect(WorkoutSchema.parse(ride)).toStrictEqual(ride);
    const swim = { sport: 'swim', poolLengthM: 25, steps: [step({ durationSec: null, distanceM: 400, stroke: 'free' })] };
    expect(WorkoutSchema.parse(swim)).toStrictEqual(swim);
    const gym = { sport: 'strength', steps: [step({ exercises: [{ name: 'Back squat', sets: 3, reps: 8, loadKg: 60, restSec: 120 }] })] };
    expect(WorkoutSchema.parse(gym)).toStrictEqual(gym);
  });

  it('is a JSON schema both ways (the OpenAPI document of the routes that take it shows every shape)', () => {
    for (const io of ['input', 'output'] as const) {
      const doc = JSON.stringify(z.toJSONSchema(WorkoutSchema, { io }));
      for (const word of ['"repeat"', '"s/100m"', '"rpe"', '"exercises"', '"ramp"']) expect(doc).toContain(word);
    }
  });

  it('refuses what no workout means, naming the field', () => {
    expect(issue({ sport: 'run', steps: [step({ distanceM: 400 })] })).toMatchObject({ path: 'steps.0.distanceM' });
    expect(issue({ sport: 'run', steps: [step({ ramp: true, target: { metric: 'pace', zone: 2 } })] })).toMatchObject({
      path: 'steps.0.ramp',
    });
    expect(issue({ sport: 'run', steps: [step({ target: { metric: 'pace', low: 1.1, high: 0.9 } })] })).toMatchObject({
      path: 'steps.0.target.high',
    });
    expect(issue({ sport: 'run', steps: [step({ target: { metric: 'hr', zone: 6 } })] })?.message).toMatch(/Z1–Z5/);
    expect(issue({ sport: 'bike', steps: [step({ stroke: 'free' })] })?.message).toMatch(/stroke/);
    expect(issue({ sport: 'run', poolLengthM: 25, steps: [] })).toMatchObject({ path: 'poolLengthM' });
    expect(issue({ sport: 'run', steps: [step({ exercises: [{ name: 'Squat', sets: 3, reps: 8 }] })] })?.message).toMatch(/strength/);
    const nest = (d: number): object => (d === 0 ? step({}) : { kind: 'repeat', count: 2, steps: [nest(d - 1)] });
    expect(issue({ sport: 'run', steps: [nest(4)] })).toBeNull();
    expect(issue({ sport: 'run', steps: [nest(5)] })?.message).toMatch(/nest at most 4/);
  });
});
