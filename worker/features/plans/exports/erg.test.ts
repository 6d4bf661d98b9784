// .erg and .mrc read back line by line against a power profile worked out by hand.
import { describe, expect, it } from 'vitest';
import type { WorkoutNode } from '../../workouts';
import { type ErgInput, ergWorkout } from './erg.ts';
import { ExportUnsupportedError } from './export.types.ts';

const power = (low: number, high = low) => ({ metric: 'power' as const, low, high });
const step = (kind: 'warmup' | 'work' | 'recovery' | 'cooldown', min: number, t: ReturnType<typeof power>, ramp = false) => ({
  kind,
  durationSec: min * 60,
  distanceM: null,
  target: t,
  ...(ramp ? { ramp: true as const } : {}),
});

/** 15 min warm-up ramp 50→75 %, 3 × (10 min 100 % / 5 min 55 %), 10 min 50 %. */
const steps: WorkoutNode[] = [
  step('warmup', 15, power(0.5, 0.75), true),
  { kind: 'repeat', count: 3, steps: [step('work', 10, power(1)), step('recovery', 5, power(0.55))] },
  step('cooldown', 10, power(0.5)),
];
const ride: ErgInput = { title: 'Threshold 3x10', sport: 'bike', durationSec: 4200, distanceM: null, intensity: null, steps };

/** The data rows as [minutes, value] pairs, each line checked for its shape first. */
function rows(text: string, header: string): [number, number][] {
  const lines = text.split('\r\n');
  expect(lines.at(-1)).toBe('');
  const start = lines.indexOf('[COURSE DATA]');
  const end = lines.indexOf('[END COURSE DATA]');
  expect(lines[0]).toBe('[COURSE HEADER]');
  expect(lines.slice(0, start)).toContain(header);
  expect(lines[start - 1]).toBe('[END COURSE HEADER]');
  return lines.slice(start + 1, end).map((l) => {
    expect(l).toMatch(/^\d+\.\d\d\t\d+(\.\d)?$/);
    const [m, v] = l.split('\t');
    return [Number(m), Number(v)];
  });
}

// Worked by hand: minute marks 0 15 | 25 30 | 40 45 | 55 60 | 70.
const work = (w: number, r: number) =>
  [
    [15, w],
    [25, w],
    [25, r],
    [30, r],
  ] as const;
const shift = (pts: readonly (readonly [number, number])[], by: number) => pts.map(([m, v]) => [m + by, v]);

describe('ergWorkout', () => {
  it('.erg: watts from FTP 250, the warm-up a slope, the repeats unrolled', () => {
    const text = ergWorkout(ride, 'watts', 250, 'threshold.erg');
    expect(text).toContain('FTP = 250\r\n');
    const interval = work(250, 138); // 55 % of 250 = 137.5, rounded
    expect(rows(text, 'MINUTES WATTS')).toEqual([
      [0, 125],
      [15, 188], // 75 % of 250 = 187.5
      ...interval,
      ...shift(interval, 15),
      ...shift(interval, 30),
      [60, 125],
      [70, 125],
    ]);
  });

  it('.mrc: percent of FTP, the same profile; no FTP needed', () => {
    const interval = work(100, 55);
    expect(rows(ergWorkout(ride, 'percent', null), 'MINUTES PERCENT')).toEqual([
      [0, 50],
      [15, 75],
      ...interval,
      ...shift(interval, 15),
      ...shift(interval, 30),
      [60, 50],
      [70, 50],
    ]);
  });

  it('watt targets become percent with FTP; a ramp down slopes down; nested repeats unroll', () => {
    const text = ergWorkout(
      {
        ...ride,
        steps: [
          {
            kind: 'repeat',
            count: 2,
            steps: [{ kind: 'repeat', count: 2, steps: [step('work', 1, power(1.2))] }, step('recovery', 1, power(0.5))],
          },
          { kind: 'cooldown', durationSec: 600, distanceM: null, target: { metric: 'power', unit: 'W', low: 200, high: 100 }, ramp: true },
        ],
      },
      'percent',
      200,
    );
    const r = rows(text, 'MINUTES PERCENT');
    expect(r.map(([, v]) => v)).toEqual([120, 120, 120, 120, 50, 50, 120, 120, 120, 120, 50, 50, 100, 50]);
    expect(r.at(-1)).toEqual([16, 50]);
  });

  it('a step without a power target rides its zone label as power, or an easy 50 %', () => {
    const other: WorkoutNode[] = [
      { kind: 'work', durationSec: 600, distanceM: null, target: { metric: 'hr', zone: 2, low: 0.8, high: 0.9 } },
      { kind: 'work', durationSec: 600, distanceM: null, target: { metric: 'rpe', low: 6, high: 7 } },
    ];
    // Power Z2 is 56–75 % of FTP: its middle 65.5 %.
    expect(rows(ergWorkout({ ...ride, steps: other }, 'percent', null), 'MINUTES PERCENT')).toEqual([
      [0, 65.5],
      [10, 65.5],
      [10, 50],
      [20, 50],
    ]);
  });

  it('refuses what a time axis cannot hold, and .erg without an FTP', () => {
    const lap: WorkoutNode = { kind: 'work', durationSec: null, distanceM: null, target: null };
    for (const [input, unit, ftp, reason] of [
      [{ ...ride, steps: [lap] }, 'percent', null, 'open_steps'],
      [{ ...ride, steps: [{ ...lap, distanceM: 1000 }] }, 'percent', null, 'distance_steps'],
      [{ ...ride, sport: 'run' }, 'percent', null, 'sport'],
      [ride, 'watts', null, 'thresholds'],
    ] as const) {
      const err = (() => {
        try {
          ergWorkout(input as ErgInput, unit, ftp);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ExportUnsupportedError);
      expect((err as ExportUnsupportedError).reason).toBe(reason);
    }
  });
});
