// The rules an edited or added workout follows, pure: they are the generator's own (its sample plans read
// back through them unchanged), a session of any type lasts exactly the length asked, and words that state
// lengths get the new ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../generator';
import { sampleInput } from '../generator/generator.fixtures';
import { zoneTarget } from '../generator/steps.calc';
import { GOAL_KINDS, type Sport, type StepNode, WORKOUT_TYPES, type WorkoutType } from '../plans.types';
import { typeFits } from './workout-catalog';
import {
  derived,
  editedShape,
  MIN_SECONDS,
  newShape,
  scaledShape,
  stepSeconds,
  templateSession,
  type WorkoutFields,
} from './workout-shape';
import { AppError } from '../../../lib/errors';

const PLAN = { goalKind: 'run_half', eventName: 'City Half' };
const refused = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('not refused');
};
const easyRun = (minutes: number): WorkoutFields => ({ ...templateSession(PLAN, 'run', 'easy', minutes * 60), distanceM: null });

describe('workout shape', () => {
  it('reads every sample plan’s workouts as the generator wrote them: duration, load and headline intensity follow from the steps', () => {
    for (const kind of GOAL_KINDS) {
      for (const w of generatePlan(sampleInput(kind)).workouts) {
        const why = `${kind} ${w.date} ${w.title}`;
        expect(derived(w.sport, w.type, w.steps), why).toEqual({
          durationSec: w.durationSec,
          targetLoad: w.targetLoad,
          intensity: w.intensity,
        });
      }
    }
  });

  it('builds any type the catalog fits to its sport at exactly the length asked, or says how long it needs', () => {
    const sports: Sport[] = ['run', 'bike', 'swim', 'strength', 'brick'];
    fc.assert(
      fc.property(
        fc.constantFrom(...sports),
        fc.constantFrom(...WORKOUT_TYPES),
        fc.integer({ min: MIN_SECONDS, max: 5 * 3600 }),
        (sport, type, sec) => {
          fc.pre(typeFits(type, sport));
          let s: WorkoutFields;
          try {
            s = templateSession(PLAN, sport, type, sec);
          } catch (e) {
            expect((e as AppError).message).toMatch(/needs at least/);
            const shortest = templateSession(PLAN, sport, type, sec, true);
            expect(shortest.durationSec).toBeGreaterThan(sec);
            return;
          }
          expect(s.durationSec).toBe(sec);
          expect(stepSeconds(s.steps)).toBe(sec);
          expect(derived(sport, type, s.steps)).toEqual({ durationSec: s.durationSec, targetLoad: s.targetLoad, intensity: s.intensity });
        },
      ),
      { numRuns: 400, seed: 2027 },
    );
  });

  it('the brief’s example: a 50-min easy run made a 30-min recovery run has 30-min steps, Z1, its own words and load', () => {
    const was = easyRun(50);
    expect([was.title, was.targetLoad]).toEqual(['Easy run 50 min', 53.3]);
    const next = editedShape(PLAN, was, { type: 'recovery', durationSec: 1800 });
    expect(next).toMatchObject({ type: 'recovery', durationSec: 1800, title: 'Recovery run 30 min', intensity: { zone: 1 } });
    expect(next.description).toMatch(/^30 min steady at Z1 \(65–75 % of threshold pace\)\. Very easy/);
    expect(next.targetLoad).toBe(24.5);
  });

  it('a duration alone stretches the steps to exactly that length; stated lengths follow, the athlete’s own words stay', () => {
    const strides = { ...easyRun(50), title: 'Easy run 50 min with 6 strides' };
    strides.steps = [
      { kind: 'steady', durationSec: 2640, distanceM: null, target: zoneTarget('run', 2) },
      {
        kind: 'repeat',
        count: 6,
        steps: [
          { kind: 'work', durationSec: 20, distanceM: null, target: zoneTarget('run', 5), note: 'stride' },
          { kind: 'recovery', durationSec: 40, distanceM: null, target: zoneTarget('run', 1) },
        ],
      },
    ];
    const longer = editedShape(PLAN, strides, { durationSec: 3300 });
    expect(longer.durationSec).toBe(3300);
    expect(stepSeconds(longer.steps!)).toBe(3300);
    expect(longer.title).toBe('Easy run 55 min with 6 strides');
    expect(editedShape(PLAN, { ...strides, title: 'Canal loop' }, { durationSec: 3300 }).title).toBe('Canal loop');
    // A distance keeps its pace; a sport change leaves it behind.
    expect(editedShape(PLAN, { ...strides, distanceM: 10_000 }, { durationSec: 3300 }).distanceM).toBe(11_000);
    expect(editedShape(PLAN, { ...strides, distanceM: 10_000 }, { sport: 'bike' }).distanceM).toBeNull();
  });

  it('a week’s adjustment scales the steps, and the load and words follow', () => {
    const next = scaledShape(PLAN, easyRun(50), -20);
    expect(next).toMatchObject({ durationSec: 2400, title: 'Easy run 40 min' });
    expect(next.description).toMatch(/^40 min steady/);
    expect(next.targetLoad).toBe(derived('run', 'easy', next.steps!).targetLoad);
  });

  it('fields sent as they are change nothing; an intensity moves the main steps’ target; a rest day has no time', () => {
    const was = easyRun(45);
    expect(editedShape(PLAN, was, { sport: 'run', type: 'easy', title: was.title, durationSec: 2700 })).toEqual({});
    const harder = editedShape(PLAN, was, { intensity: zoneTarget('run', 3) });
    expect(harder.intensity).toEqual(zoneTarget('run', 3));
    expect((harder.steps as StepNode[])[0]).toMatchObject({ target: zoneTarget('run', 3) });
    expect(harder.targetLoad).toBeGreaterThan(was.targetLoad);
    expect(harder.description).toMatch(/^45 min steady at Z3/);
    expect(editedShape(PLAN, was, { sport: 'rest', type: 'rest' })).toMatchObject({
      durationSec: 0,
      steps: [],
      targetLoad: 0,
      title: 'Rest day',
    });
    expect(refused(() => editedShape(PLAN, was, { sport: 'rest', type: 'rest', durationSec: 600 })).details?.fields?.[0]?.path).toBe(
      'durationSec',
    );
    expect(refused(() => editedShape(PLAN, was, { type: 'strength' })).details?.fields?.[0]?.path).toBe('type');
    expect(refused(() => editedShape(PLAN, was, { sport: 'strength', type: 'strength', distanceM: 5000 })).details?.fields?.[0]?.path).toBe(
      'distanceM',
    );
  });

  it('a new workout: the plan’s session of its type at its length, or its own steps adding up to it', () => {
    const base = { date: '2027-01-05', sport: 'bike' as const, type: 'easy' as WorkoutType, title: 'Extra spin', durationSec: 1830 };
    const spin = newShape(PLAN, base);
    expect(spin).toMatchObject({ title: 'Extra spin', durationSec: 1830, distanceM: null });
    expect(stepSeconds(spin.steps)).toBe(1830);
    const steps: StepNode[] = [{ kind: 'steady', durationSec: 1800, distanceM: null, target: zoneTarget('bike', 2) }];
    expect(newShape(PLAN, { ...base, durationSec: 1800, steps }).targetLoad).toBe(derived('bike', 'easy', steps).targetLoad);
    expect(refused(() => newShape(PLAN, { ...base, steps })).details?.fields?.[0]?.path).toBe('durationSec');
    expect(refused(() => newShape(PLAN, { ...base, targetLoad: 99 })).details?.fields?.[0]?.path).toBe('targetLoad');
    expect(
      refused(() =>
        newShape(PLAN, { ...base, durationSec: 1800, steps: [{ ...steps[0]!, durationSec: null, distanceM: 9000 } as StepNode] }),
      ).details?.fields?.[0]?.path,
    ).toBe('steps.0.durationSec');
  });
});
