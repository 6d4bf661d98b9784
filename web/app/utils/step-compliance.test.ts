// How the "How each step went" table words a step: its name, its target, what was done.
import { describe, expect, it } from 'vitest';
import { alignedText, inRangeText, plannedLength, type StepRow, stepActual, stepName, stepTarget } from './step-compliance';

const row = (over: Partial<StepRow> = {}): StepRow => ({
  step: 2,
  kind: 'work',
  round: { r: 2, of: 3 },
  planned: {
    durationSec: 300,
    distanceM: null,
    target: { metric: 'pace', low: 1, high: 1.04, zone: 4 },
    ramp: false,
    range: { metric: 'pace', low: 4, high: 4.16 },
  },
  actual: { startS: 900, durationS: 298, distanceM: 1230, avgPower: null, avgHr: 171, avgSpeedMps: 4.1 },
  value: 4.1,
  inRange: 0.874,
  verdict: 'on_target',
  ...over,
});

describe('a step in words', () => {
  it('names it by its kind and round, and its planned length', () => {
    expect(stepName(row())).toBe('Work 2 of 3');
    expect(stepName(row({ kind: 'warmup', round: null }))).toBe('Warm-up');
    expect(plannedLength(row(), 'km')).toBe('5:00');
    expect(plannedLength(row({ planned: { ...row().planned, durationSec: null, distanceM: 800 } }), 'km')).toBe('800 m');
    expect(plannedLength(row({ planned: { ...row().planned, durationSec: null } }), 'km')).toBe('Lap');
  });

  it('a pace range fastest first, the unit once (4.16 m/s = 4:00 /km, 4 m/s = 4:10 /km)', () => {
    expect(stepTarget(row(), 'km', 'run')).toBe('4:00–4:10\u00a0/km');
    expect(stepActual(row(), 'km', 'run')).toBe('4:58 · 4:04\u00a0/km');
    expect(inRangeText(row())).toBe('87 %');
  });

  it('without the threshold the target is written as planned; watts and heart rate as numbers', () => {
    expect(stepTarget(row({ planned: { ...row().planned, range: null } }), 'km', 'run')).toBe('100–104 % threshold');
    const ride = row({
      planned: { ...row().planned, target: { metric: 'power', zone: 4 }, range: { metric: 'power', low: 227.5, high: 262.5 } },
    });
    expect(stepTarget(ride, 'km', 'bike')).toBe('228–263\u00a0W');
    expect(
      stepTarget(row({ planned: { ...row().planned, target: { metric: 'rpe', low: 6, high: 7 }, range: null } }), 'km', 'strength'),
    ).toBe('RPE 6–7');
    expect(stepActual(row({ actual: null, verdict: 'skipped' }), 'km', 'run')).toBe('Not done');
  });

  it('says how the steps were placed', () => {
    const v = { alignedBy: 'laps' as const, unaligned: null, steps: [], overall: { band: 'green' as const, score: 1 }, extraLaps: 1 };
    expect(alignedText(v)).toBe(
      'Steps placed by the laps your device recorded, one per step (1 lap after the last step not counted); targets read with your thresholds on the day.',
    );
    // A coach reads a client's activity (ADR 061): the device and thresholds are the athlete's.
    expect(alignedText(v, 'coach')).toBe(
      'Steps placed by the laps the athlete’s device recorded, one per step (1 lap after the last step not counted); targets read with the athlete’s thresholds on the day.',
    );
  });
});
