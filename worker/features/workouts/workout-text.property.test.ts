// The text form round-trips exactly (ADR 055): for every valid workout, reading back what was written gives
// the very same tree — numbers to the last bit, notes and names whatever they hold, nesting to the limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOAL_KINDS } from '../plans';
import { generatePlan } from '../plans/generator/generate-plan';
import { sampleInput } from '../plans/generator/generator.fixtures';
import { parseWorkoutText } from './workout-text.parse';
import { serializeWorkoutText } from './workout-text.serialize';
import { WorkoutSchema } from './workout.schema';
import { arbitraryWorkout } from './workout.testing';
import type { Workout } from './workout.types';

const roundTrip = (w: Workout) => parseWorkoutText(serializeWorkoutText(w), w.sport);

describe('parse(serialize(workout)) is the workout', () => {
  it('the generated workouts are valid ones (the property below is about valid trees)', () => {
    fc.assert(
      fc.property(arbitraryWorkout(), (w) => {
        const r = WorkoutSchema.safeParse(w);
        expect(r.success ? r.data : r.error.issues).toStrictEqual(w);
      }),
      { numRuns: 150, seed: 55 },
    );
  });

  it('for random workouts of every sport', () => {
    fc.assert(
      fc.property(arbitraryWorkout(), (w) => {
        expect(roundTrip(w)).toStrictEqual({ ok: true, workout: w });
      }),
      { numRuns: 600, seed: 2026 },
    );
  });

  it('for swims and bricks, where the words for minutes and legs differ', () => {
    fc.assert(
      fc.property(arbitraryWorkout(['swim', 'brick']), (w) => {
        expect(roundTrip(w)).toStrictEqual({ ok: true, workout: w });
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('for every workout of the generator’s sample plans', () => {
    for (const kind of GOAL_KINDS) {
      for (const d of generatePlan(sampleInput(kind)).workouts) {
        const w: Workout = { sport: d.sport, steps: d.steps };
        expect(roundTrip(w)).toStrictEqual({ ok: true, workout: w });
      }
    }
  });

  it('writing is stable: what is read back writes the same text', () => {
    fc.assert(
      fc.property(arbitraryWorkout(), (w) => {
        const text = serializeWorkoutText(w);
        const r = parseWorkoutText(text, w.sport);
        expect(r.ok && serializeWorkoutText(r.workout)).toBe(text);
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});
