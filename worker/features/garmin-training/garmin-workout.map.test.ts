// Our step tree → Garmin's workout JSON: steps numbered as a watch runs them, targets absolute from the athlete's
// thresholds (or Garmin's zone / percent forms without them), and what Garmin cannot hold said, not dropped.
import { describe, expect, it } from 'vitest';
import type { Step, StepNode } from '../plans';
import { parseWorkoutText, type WorkoutNode } from '../workouts';
import { workoutError } from '../../../scripts/sandbox/garmin/training-validate.ts';
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

  it('reads the structured tree: a nested repeat written out, zone-only and absolute targets, rest, ramp, cadence and exercises in words', () => {
    const tree = (text: string, sport: 'run' | 'bike' | 'strength') => {
      const parsed = parseWorkoutText(text, sport);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.workout.steps as WorkoutNode[];
    };
    const run = toGarminWorkout(
      {
        title: 'Ladder',
        description: '',
        sport: 'run',
        steps: tree('- warmup 10m Z2\n2x\n  2x\n    - 400mtr 3:50-4:00/km\n    - rest 60s\n  - recovery 3m Z1', 'run'),
      },
      all,
    );
    const steps = run.workout!.segments[0]!.steps;
    // Z2 of a 4 m/s threshold speed: the run band 75–85 %.
    expect(steps[0]).toMatchObject({ stepOrder: 1, targetType: 'PACE', targetValueLow: 3, targetValueHigh: 3.4 });
    // The inner 2 × (400 m, rest) is written out inside the outer repeat, numbered as a watch runs it.
    expect(steps[1]).toMatchObject({ type: 'WorkoutRepeatStep', stepOrder: 2, repeatValue: 2 });
    const inner = (steps[1] as unknown as { steps: Record<string, unknown>[] }).steps;
    expect(inner.map((x) => [x.stepOrder, x.intensity, x.durationType])).toEqual([
      [3, 'INTERVAL', 'DISTANCE'],
      [4, 'REST', 'TIME'],
      [5, 'INTERVAL', 'DISTANCE'],
      [6, 'REST', 'TIME'],
      [7, 'RECOVERY', 'TIME'],
    ]);
    // 3:50–4:00 /km as speed: 1000/240 … 1000/230 m/s.
    expect(inner[0]).toMatchObject({ type: 'WorkoutStep', targetType: 'PACE', targetValueLow: 4.167, targetValueHigh: 4.348 });
    expect(run.unrepresentable.join(' ')).toMatch(/Repeats inside repeats/);
    // What Garmin takes: the sandbox's validator (Garmin's rules) accepts the written-out form, refuses a nested repeat.
    expect(workoutError(run.workout)).toBeNull();
    const nested = structuredClone(run.workout!) as unknown as { segments: { steps: Record<string, unknown>[] }[] };
    (nested.segments[0]!.steps[1]!.steps as Record<string, unknown>[])[0] = { ...steps[1], stepOrder: 3 };
    expect(workoutError(nested)).toMatch(/cannot hold another repeat/);

    const bike = toGarminWorkout(
      { title: 'Ramp', description: '', sport: 'bike', steps: tree('- warmup ramp 10m 50-75%\n- 10m 280-300w 90rpm\n- 5m Z6', 'bike') },
      none,
    );
    const b = bike.workout!.segments[0]!.steps;
    expect(b[0]).toMatchObject({ targetType: 'POWER', targetValueLow: 50, targetValueHigh: 75, targetValueType: 'PERCENT' });
    expect(b[0]!).toMatchObject({ description: 'ramp 50 % → 75 %' });
    expect(b[1]).toMatchObject({ targetType: 'POWER', targetValueLow: 280, targetValueHigh: 300, description: '90 rpm' });
    // No FTP: the device's own power zone.
    expect(b[2]).toMatchObject({ targetType: 'POWER', targetValue: 6, targetValueLow: null });
    expect(bike.unrepresentable.join(' ')).toMatch(/Ramps.*Cadence/);

    const gym = toGarminWorkout(
      { title: 'Legs', description: '', sport: 'strength', steps: tree('- lap RPE 7\n  * Back squat 3x8 60kg rest 2m', 'strength') },
      none,
    );
    expect(gym.workout!.segments[0]!.steps[0]).toMatchObject({
      durationType: 'OPEN',
      description: 'RPE 7 · Back squat 3×8 60 kg rest 120 s',
    });
    expect(gym.unrepresentable.join(' ')).toMatch(/Strength exercises/);
  });
});
