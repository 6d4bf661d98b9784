// Our step tree → Garmin's workout JSON: steps numbered as a watch runs them, targets absolute from the athlete's
// thresholds (or Garmin's zone / percent forms without them), and what Garmin cannot hold said, not dropped.
import { describe, expect, it } from 'vitest';
import type { Step, StepNode } from '../plans';
import { type AthleteThresholds, toGarminWorkout } from './garmin-workout.map';

const none: AthleteThresholds = { ftpW: null, thresholdSpeedMps: null, cssMps: null, lthrBpm: null };
const all: AthleteThresholds = { ftpW: 250, thresholdSpeedMps: 4, cssMps: 1.4, lthrBpm: 170 };
const step = (over: Partial<Step> = {}): Step => ({
  kind: 'work',
  durationSec: 300,
  distanceM: null,
  target: null,
  ...over,
});
const map = (steps: StepNode[], sport: 'run' | 'bike' | 'swim' | 'brick' | 'rest' = 'run', t = all) =>
  toGarminWorkout({ title: 'Session', description: '', sport, steps }, t);

describe('toGarminWorkout', () => {
  it('numbers a repeat before the steps it holds, and durations in seconds or metres', () => {
    const { workout } = map([
      step({ kind: 'warmup', durationSec: 600 }),
      { kind: 'repeat', count: 4, steps: [step({ durationSec: null, distanceM: 400 }), step({ kind: 'recovery', durationSec: 90 })] },
      step({ kind: 'cooldown', durationSec: null }),
    ]);
    const steps = workout!.segments[0]!.steps;
    expect(steps.map((s) => s.stepOrder)).toEqual([1, 2, 5]);
    expect(steps[1]).toMatchObject({
      type: 'WorkoutRepeatStep',
      repeatValue: 4,
      steps: [
        { stepOrder: 3, durationType: 'DISTANCE', durationValue: 400, durationValueType: 'METER' },
        { stepOrder: 4, intensity: 'RECOVERY' },
      ],
    });
    expect(steps[2]).toMatchObject({ intensity: 'COOLDOWN', durationType: 'OPEN', durationValue: null });
    expect(workout).toMatchObject({ sport: 'RUNNING', workoutProvider: 'Cadence', segments: [{ segmentOrder: 1, sport: 'RUNNING' }] });
  });

  it('makes targets absolute with the thresholds, and uses Garmin’s zone or percent forms without them', () => {
    const hr = { metric: 'hr' as const, zone: 2 as const, low: 0.8, high: 0.9 };
    const power = { metric: 'power' as const, zone: 4 as const, low: 0.95, high: 1.05 };
    expect(map([step({ target: hr })]).workout!.segments[0]!.steps[0]).toMatchObject({
      targetType: 'HEART_RATE',
      targetValueLow: 136,
      targetValueHigh: 153,
    });
    expect(map([step({ target: hr })], 'run', none).workout!.segments[0]!.steps[0]).toMatchObject({
      targetType: 'HEART_RATE',
      targetValue: 2,
      targetValueLow: null,
    });
    expect(map([step({ target: power })], 'bike').workout!.segments[0]!.steps[0]).toMatchObject({
      targetType: 'POWER',
      targetValueLow: 238,
      targetValueHigh: 263,
      targetValueType: null,
    });
    expect(map([step({ target: power })], 'bike', none).workout!.segments[0]!.steps[0]).toMatchObject({
      targetType: 'POWER',
      targetValueLow: 95,
      targetValueHigh: 105,
      targetValueType: 'PERCENT',
    });
  });

  it('says what Garmin cannot represent: pace without a threshold, RPE, swim targets; brick and rest are not sent', () => {
    const pace = { metric: 'pace' as const, zone: 3 as const, low: 0.9, high: 0.95 };
    const noPace = map([step({ target: pace })], 'run', none);
    expect(noPace.workout!.segments[0]!.steps[0]).toMatchObject({ targetType: 'OPEN', description: 'pace zone 3' });
    expect(noPace.unrepresentable.join(' ')).toMatch(/threshold pace/);
    const rpe = map([step({ target: { metric: 'rpe', zone: 3, low: 6, high: 7 }, note: 'Relaxed' })]);
    expect(rpe.workout!.segments[0]!.steps[0]).toMatchObject({ targetType: 'OPEN', description: 'Relaxed · RPE 6–7' });
    expect(rpe.unrepresentable.join(' ')).toMatch(/RPE/);
    const swim = map([step({ durationSec: null, distanceM: 100, target: pace })], 'swim');
    expect(swim.workout!.segments[0]!.steps[0]).toMatchObject({ targetType: null });
    expect(swim.unrepresentable.join(' ')).toMatch(/Swim targets/);
    expect(map([step()], 'brick').workout).toBeNull();
    expect(map([], 'rest').workout).toBeNull();
    expect(map([step()]).unrepresentable).toEqual([]);
  });
});
