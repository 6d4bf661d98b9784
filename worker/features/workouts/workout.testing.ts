// Random valid workouts for property tests (this feature's and the exports' to come): every sport, nested
// repeats to the depth limit, every kind of length and target, ramps up and down, any note text, and
// numbers anywhere in their range (not only round ones), so the text form's exactness is put to the test.
import fc from 'fast-check';
import {
  type Exercise,
  LEG_SPORTS,
  type LegSport,
  STEP_KINDS,
  STROKES,
  WORKOUT_SPORTS,
  type Workout,
  type WorkoutNode,
  type WorkoutSport,
  type WorkoutStep,
  type WorkoutTarget,
} from './workout.types';
import { WORKOUT_LIMITS } from './workout.schema';

/** Drops the keys whose value is undefined (a stored or parsed step has no such keys). */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const range = (a: fc.Arbitrary<number>, ramp: boolean) =>
  fc.tuple(a, a).map(([x, y]) => (ramp ? { low: x, high: y } : { low: Math.min(x, y), high: Math.max(x, y) }));
const int = (min: number, max: number) => fc.integer({ min, max });
const real = (min: number, max: number) => fc.oneof(fc.double({ min, max, noNaN: true }), int(Math.ceil(min), Math.floor(max)));
const zone5 = fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<1 | 2 | 3 | 4 | 5>;
const metric = fc.constantFrom('pace', 'hr', 'power') as fc.Arbitrary<'pace' | 'hr' | 'power'>;

function target(ramp: boolean): fc.Arbitrary<WorkoutTarget> {
  const ranged: fc.Arbitrary<WorkoutTarget>[] = [
    fc
      .record({ metric, r: range(real(0.01, 3), ramp), zone: fc.option(zone5, { nil: undefined }) })
      .map(({ metric, r, zone }) => defined({ metric, ...r, zone })),
    range(int(1, 3000), ramp).map((r) => ({ metric: 'power', unit: 'W', ...r }) as const),
    range(int(30, 250), ramp).map((r) => ({ metric: 'hr', unit: 'bpm', ...r }) as const),
    range(int(60, 1800), ramp).map((r) => ({ metric: 'pace', unit: 's/km', ...r }) as const),
    range(int(20, 600), ramp).map((r) => ({ metric: 'pace', unit: 's/100m', ...r }) as const),
    fc
      .record({ r: range(real(0.3, 10), ramp), zone: fc.option(zone5, { nil: undefined }) })
      .map(({ r, zone }) => defined({ metric: 'rpe' as const, ...r, zone })),
  ];
  if (ramp) return fc.oneof(...ranged);
  // fc.record makes objects without a prototype; a parsed target has one (toStrictEqual tells them apart).
  const zoned = fc.oneof(
    fc.record({ metric: fc.constantFrom('pace', 'hr') as fc.Arbitrary<'pace' | 'hr'>, zone: zone5 }).map((t) => ({ ...t })),
    fc
      .record({
        metric: fc.constant('power' as const),
        zone: fc.constantFrom(1, 2, 3, 4, 5, 6, 7) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6 | 7>,
      })
      .map((t) => ({ ...t })),
  );
  return fc.oneof(zoned, ...ranged);
}

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: 'binary', maxLength: max }),
    fc.constantFrom('a "quoted" \\ note', 'tab\there', '3x8'),
  );
const exerciseName = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom('Back squat', 'Squat 3x8 drop', '"Quoted" row', 'a  b', 'Push-up', '* star'),
  )
  .filter((n) => n.length >= 1 && n === n.trim() && !/[\u0000-\u001f\u007f]/.test(n));
const exercise: fc.Arbitrary<Exercise> = fc
  .record({
    name: exerciseName,
    sets: int(1, 50),
    reps: int(1, 1000),
    loadKg: fc.option(real(0.1, 1000), { nil: undefined }),
    restSec: fc.option(int(0, 3600), { nil: undefined }),
  })
  .map(defined);

function step(sport: WorkoutSport): fc.Arbitrary<WorkoutStep> {
  const length = fc.oneof(
    int(1, WORKOUT_LIMITS.stepSec).map((s) => ({ durationSec: s, distanceM: null })),
    real(1, WORKOUT_LIMITS.stepM).map((m) => ({ durationSec: null, distanceM: m })),
    fc.constant({ durationSec: null, distanceM: null }),
  );
  const leg = sport === 'brick' ? fc.option(fc.constantFrom(...LEG_SPORTS), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({ kind: fc.constantFrom(...STEP_KINDS), length, ramp: fc.boolean(), leg, note: fc.option(text(30), { nil: undefined }) })
    .chain(({ kind, length, ramp, leg, note }) => {
      const swim = (leg ?? sport) === 'swim';
      return fc
        .record({
          target: ramp ? target(true) : fc.option(target(false), { nil: null }),
          cadence: fc.option(range(int(20, 250), false), { nil: undefined }),
          stroke: swim ? fc.option(fc.constantFrom(...STROKES), { nil: undefined }) : fc.constant(undefined),
          exercises:
            sport === 'strength'
              ? fc.option(fc.array(exercise, { minLength: 1, maxLength: 3 }), { nil: undefined })
              : fc.constant(undefined),
        })
        .map(({ target, cadence, stroke, exercises }) =>
          defined({
            kind,
            ...length,
            target,
            ramp: ramp ? (true as const) : undefined,
            cadence,
            note,
            sport: leg as LegSport | undefined,
            stroke,
            exercises,
          }),
        );
    });
}

function node(sport: WorkoutSport, depth: number): fc.Arbitrary<WorkoutNode> {
  if (depth >= WORKOUT_LIMITS.depth) return step(sport);
  const repeat = fc
    .record({
      kind: fc.constant('repeat' as const),
      count: int(1, WORKOUT_LIMITS.repeatCount),
      steps: fc.array(node(sport, depth + 1), { minLength: 1, maxLength: 3 }),
    })
    .map((r) => ({ ...r }));
  return fc.oneof({ weight: 3, arbitrary: step(sport) }, { weight: 1, arbitrary: repeat });
}

/** A valid workout of any sport (or of `sports`). */
export const arbitraryWorkout = (sports: readonly WorkoutSport[] = WORKOUT_SPORTS): fc.Arbitrary<Workout> =>
  fc.constantFrom(...sports).chain((sport) =>
    fc
      .record({
        steps: fc.array(node(sport, 0), { maxLength: 5 }),
        poolLengthM: sport === 'swim' ? fc.option(real(10, 100), { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ steps, poolLengthM }) => defined({ sport, poolLengthM, steps })),
  );
