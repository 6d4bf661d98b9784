// A structured workout (nested repeats, a ramp, lap steps, cadence, absolute and zone targets) written as
// FIT and read back with Garmin's Decoder: the steps rebuilt into a tree from the repeat steps' back
// references equal the workout's tree, and each step carries its target as FIT keeps it.
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { WorkoutNode } from '../../workouts';
import { buildWorkout } from './exports.testing.ts';
import { fitWorkout } from './fit-workout.ts';

type Mesg = Record<string, unknown>;

function decodeSteps(bytes: Uint8Array): Mesg[] {
  const stream = Stream.fromByteArray(Array.from(bytes));
  const decoder = new Decoder(stream);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return (messages.workoutStepMesgs ?? []) as Mesg[];
}

/** The shape both sides share: a step's intensity and length, a repeat's count and children. */
type Shape = { step: string; sec: number | 'open' } | { repeat: number; of: Shape[] };

const treeShape = (nodes: WorkoutNode[]): Shape[] =>
  nodes.map((n) =>
    n.kind === 'repeat'
      ? { repeat: n.count, of: treeShape(n.steps) }
      : { step: { work: 'active', steady: 'active' }[n.kind as string] ?? n.kind, sec: n.durationSec ?? 'open' },
  );

/** Rebuilds the tree from FIT: a repeat step folds everything from the index it points back to. */
function fitShape(steps: Mesg[]): Shape[] {
  const out: { from: number; shape: Shape }[] = [];
  for (const s of steps) {
    const i = s.messageIndex as number;
    if (s.durationType === 'repeatUntilStepsCmplt') {
      const at = out.findIndex((x) => x.from >= (s.durationStep as number));
      expect(at).toBeGreaterThanOrEqual(0);
      const inner = out.splice(at);
      out.push({ from: inner[0]!.from, shape: { repeat: s.repeatSteps as number, of: inner.map((x) => x.shape) } });
    } else {
      out.push({ from: i, shape: { step: s.intensity as string, sec: s.durationType === 'open' ? 'open' : (s.durationTime as number) } });
    }
  }
  return out.map((x) => x.shape);
}

const tree: WorkoutNode[] = [
  {
    kind: 'warmup',
    durationSec: 900,
    distanceM: null,
    target: { metric: 'power', low: 0.5, high: 0.75 },
    ramp: true,
    cadence: { low: 85, high: 95 },
  },
  {
    kind: 'repeat',
    count: 2,
    steps: [
      {
        kind: 'repeat',
        count: 3,
        steps: [
          { kind: 'work', durationSec: 60, distanceM: null, target: { metric: 'power', unit: 'W', low: 300, high: 320 } },
          { kind: 'recovery', durationSec: 60, distanceM: null, target: { metric: 'power', zone: 1 } },
        ],
      },
      { kind: 'rest', durationSec: null, distanceM: null, target: null, note: 'until ready' },
    ],
  },
  {
    kind: 'steady',
    durationSec: 600,
    distanceM: null,
    target: { metric: 'hr', unit: 'bpm', low: 140, high: 150 },
    cadence: { low: 90, high: 90 },
  },
  { kind: 'cooldown', durationSec: null, distanceM: null, target: null, cadence: { low: 80, high: 90 } },
];

describe('fitWorkout from the structured tree', () => {
  it('nests repeats, leaves lap steps open, and rebuilds to the same tree', () => {
    const steps = decodeSteps(fitWorkout({ ...buildWorkout({ sport: 'bike' }), steps: tree }, { thresholds: { ftpW: 250 } }));
    expect(fitShape(steps)).toEqual(treeShape(tree));
    expect(steps.map((s) => s.messageIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The inner repeat loops to its first step, the outer one to the same (its first step is the inner block's).
    expect(steps[3]).toMatchObject({ durationType: 'repeatUntilStepsCmplt', durationStep: 1, repeatSteps: 3 });
    expect(steps[5]).toMatchObject({ durationType: 'repeatUntilStepsCmplt', durationStep: 1, repeatSteps: 2 });
  });

  it('writes each target as FIT keeps it: a ramp its range, watts + 1000, zones, bpm + 100, cadence', () => {
    const steps = decodeSteps(fitWorkout({ ...buildWorkout({ sport: 'bike' }), steps: tree }, { thresholds: { ftpW: 250 } }));
    // 50–75 % of 250 W, as watts + 1000; cadence the secondary target.
    expect(steps[0]).toMatchObject({
      durationTime: 900,
      targetType: 'power',
      customTargetPowerLow: 1125,
      customTargetPowerHigh: 1188,
      secondaryTargetType: 'cadence',
      secondaryCustomTargetCadenceLow: 85,
      secondaryCustomTargetCadenceHigh: 95,
      notes: 'ramp 50→75%',
    });
    expect(steps[1]).toMatchObject({
      durationTime: 60,
      intensity: 'active',
      targetType: 'power',
      customTargetPowerLow: 1300,
      customTargetPowerHigh: 1320,
    });
    expect(steps[2]).toMatchObject({ intensity: 'recovery', targetType: 'power', targetPowerZone: 1 });
    expect(steps[4]).toMatchObject({ durationType: 'open', intensity: 'rest', targetType: 'open', notes: 'until ready' });
    expect(steps[6]).toMatchObject({
      targetType: 'heartRate',
      customTargetHeartRateLow: 240,
      customTargetHeartRateHigh: 250,
      secondaryCustomTargetCadenceLow: 90,
    });
    // No other target: cadence is the primary one.
    expect(steps[7]).toMatchObject({
      durationType: 'open',
      intensity: 'cooldown',
      targetType: 'cadence',
      customTargetCadenceLow: 80,
      customTargetCadenceHigh: 90,
    });
  });

  it('without an FTP a ramp is its range in % of FTP; absolute paces become speeds', () => {
    const run: WorkoutNode[] = [
      { kind: 'work', durationSec: null, distanceM: 1000, target: { metric: 'pace', unit: 's/km', low: 250, high: 240 } },
    ];
    const [ride] = decodeSteps(fitWorkout({ ...buildWorkout({ sport: 'bike' }), steps: tree.slice(0, 1) }));
    expect(ride).toMatchObject({ customTargetPowerLow: 50, customTargetPowerHigh: 75 });
    const [pace] = decodeSteps(fitWorkout({ ...buildWorkout({ sport: 'run' }), steps: run }));
    expect(pace).toMatchObject({ durationType: 'distance', durationDistance: 1000, targetType: 'speed' });
    expect(pace?.customTargetSpeedLow).toBeCloseTo(4, 3);
    expect(pace?.customTargetSpeedHigh).toBeCloseTo(4.167, 3);
  });
});
