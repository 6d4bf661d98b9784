// A structured workout as the flat steps today's exports read (ADR 055): what each new shape becomes.
import { describe, expect, it } from 'vitest';
import { StepsInput } from '../plans/control/workout-control.schema';
import { isStructured, toLegacySteps } from './legacy-steps';
import { parseWorkoutText } from './workout-text.parse';
import type { Workout, WorkoutSport } from './workout.types';

const workout = (sport: WorkoutSport, text: string): Workout => {
  const r = parseWorkoutText(text, sport);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.workout;
};

describe('toLegacySteps', () => {
  it('keeps old shapes as they are', () => {
    const w = workout('bike', ['- warmup 15m Z2 56-75%', '3x', '  - 10m Z4 95-105%', '  - recovery 5m Z1 45-55%'].join('\n'));
    expect(toLegacySteps(w)).toStrictEqual(w.steps);
  });

  it('unrolls repeats below the first level, makes a rest a recovery and a lap step its assumed time', () => {
    const w = workout('run', ['2x', '  - 1m 100%', '  2x', '    - 30s 110%', '    - rest lap'].join('\n'));
    const [block] = toLegacySteps(w);
    expect(block).toStrictEqual({
      kind: 'repeat',
      count: 2,
      steps: [
        { kind: 'work', durationSec: 60, distanceM: null, target: { metric: 'pace', zone: 4, low: 1, high: 1 } },
        { kind: 'work', durationSec: 30, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.1, high: 1.1 } },
        { kind: 'recovery', durationSec: 300, distanceM: null, target: null },
        { kind: 'work', durationSec: 30, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.1, high: 1.1 } },
        { kind: 'recovery', durationSec: 300, distanceM: null, target: null },
      ],
    });
  });

  it('turns absolute targets into fractions of the athlete’s thresholds (none without them), zones into bands', () => {
    const w = workout('run', ['- 10m 4:10-5:00/km', '- 10m 150-160bpm', '- 10m Z2', '- ramp 10m 60-40%'].join('\n'));
    expect(toLegacySteps(w, { thresholdPaceSecPerKm: 250, lthrBpm: 160 }).map((s) => 'target' in s && s.target)).toStrictEqual([
      { metric: 'pace', zone: 3, low: 0.833, high: 1 }, // middle 0.917: the run's Z3 (85–93 %)
      { metric: 'hr', zone: 4, low: 0.938, high: 1 },
      { metric: 'pace', zone: 2, low: 0.75, high: 0.85 },
      { metric: 'pace', zone: 1, low: 0.4, high: 0.6 },
    ]);
    expect(toLegacySteps(workout('bike', '- 10m 300w'))).toMatchObject([{ target: null }]);
  });

  it('puts a strength step’s exercises in its note', () => {
    const w = workout('strength', ['- lap RPE 7 "circuit"', '  * Back squat 3x8 60kg', '  * Plank 3x1'].join('\n'));
    expect(toLegacySteps(w)).toMatchObject([{ note: 'circuit; Back squat 3×8 60 kg; Plank 3×1', target: { metric: 'rpe', zone: 3 } }]);
  });

  it('gives timed steps that workout control accepts as an edit', () => {
    const w = workout('bike', ['- warmup ramp 10m 50-75%', '2x', '  2x', '    - 1m 300w 95rpm', '    - rest 1m', '- lap Z1'].join('\n'));
    expect(StepsInput.safeParse(toLegacySteps(w, { ftpW: 250 })).success).toBe(true);
  });
});

describe('isStructured', () => {
  it('is false for the flat steps plans stored, true for each shape they cannot hold', () => {
    expect(isStructured(workout('bike', '- warmup 15m Z2 56-75%\n3x\n  - 10m Z4 95-105%\n  - recovery 5m Z1 45-55%').steps)).toBe(false);
    for (const text of [
      '- 1km Z2',
      '- lap Z1',
      '- rest 2m',
      '- ramp 10m 50-75%',
      '- 10m 250w',
      '- 10m Z2',
      '2x\n  2x\n    - 1m Z4 95-105%',
    ])
      expect(isStructured(workout('bike', text).steps), text).toBe(true);
  });
});
