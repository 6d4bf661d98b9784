// The value axes of the training charts (issue 55, "Degenerate charts"): distinct labels, no negative axis for a
// quantity that cannot be negative, a sensible domain for a flat series; and counts that agree with their noun.
import { describe, expect, it } from 'vitest';
import { counted } from '~/utils/analytics-format';
import { axisScale, tickLabel } from './axis-scale';

const labels = (values: number[], opts?: Parameters<typeof axisScale>[1]) => {
  const s = axisScale(values, opts)!;
  return s.ticks.map((t) => tickLabel(s, t));
};

describe('axisScale', () => {
  it('gives distinct labels to a narrow series (Home ride efficiency 1.02–1.06 W per bpm read "1.0" five times)', () => {
    const l = labels([1.02, 1.03, 1.05, 1.06]);
    expect(new Set(l).size).toBe(l.length);
    expect(l.length).toBeGreaterThanOrEqual(2);
  });

  it('gives distinct labels to W′ of about 10 kJ that moves by a few hundred joules ("10 10 10 10 10")', () => {
    const l = labels([10.2, 10.4, 10.3, 10.6], { floor: 0 });
    expect(new Set(l).size).toBe(l.length);
  });

  it('never goes below the floor (easy-run efficiency axis down to −1.00)', () => {
    for (const values of [[1.1], [0.02, 1.3], [0, 0], [0.001]]) {
      const s = axisScale(values, { floor: 0 })!;
      expect(s.domain[0]).toBeGreaterThanOrEqual(0);
      expect(s.ticks.every((t) => t >= 0)).toBe(true);
      expect(new Set(s.ticks.map((t) => tickLabel(s, t))).size).toBe(s.ticks.length);
    }
  });

  it('shows a flat series inside a domain around its value', () => {
    const s = axisScale([1.2, 1.2, 1.2], { floor: 0 })!;
    expect(s.domain[0]).toBeLessThan(1.2);
    expect(s.domain[1]).toBeGreaterThan(1.2);
    expect(s.domain[1] - s.domain[0]).toBeLessThan(1);
  });

  it('covers every value on round steps', () => {
    const values = [212, 248, 263, 231];
    const s = axisScale(values)!;
    expect(s.domain[0]).toBeLessThanOrEqual(212);
    expect(s.domain[1]).toBeGreaterThanOrEqual(263);
    expect(s.decimals).toBe(0);
    expect(axisScale([null, undefined])).toBeNull();
  });
});

describe('counted', () => {
  it('agrees with its number ("The 1 runs behind this")', () => {
    expect(counted(1, 'run')).toBe('1 run');
    expect(counted(3, 'run')).toBe('3 runs');
    expect(counted(0, 'ride')).toBe('0 rides');
  });
});

describe('one heart-rate zone model (issue 55)', () => {
  it('names the threshold HR max HR implies with the factor the load and the easy-run filter use', async () => {
    const { THRESHOLD_HR_OF_MAX, hrZonesFrom } = await import('~/utils/analytics');
    const { LTHR_OF_MAX } = await import('../../../../worker/features/analytics/calc/load.calc');
    expect(THRESHOLD_HR_OF_MAX).toBe(LTHR_OF_MAX);
    expect(hrZonesFrom('max_hr', 189)).toBe('threshold HR 168 bpm (89 % of max HR 189 bpm)');
    expect(hrZonesFrom('lthr', 171)).toBe('threshold HR 171 bpm');
  });
});
