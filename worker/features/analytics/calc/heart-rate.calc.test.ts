import { describe, expect, it } from 'vitest';
import { decoupling, peakHeldHr, speedAtFixedHr } from './heart-rate.calc';
import { by, filled, seconds } from './synthetic-streams.fixtures';

// Heart-rate figures on synthetic 1-Hz streams with answers that can be worked out by hand.
describe('decoupling', () => {
  const t = seconds(3600);

  it('is 0 for constant output and heart rate', () => {
    expect(decoupling(t, filled(3600, 145), filled(3600, 200))).toBeCloseTo(0, 12);
  });

  it('is (1 − HR1/HR2) × 100 when HR steps up at half time at constant output', () => {
    const hr = by(3600, (s) => (s < 1800 ? 140 : 150));
    expect(decoupling(t, hr, filled(3600, 200))).toBeCloseTo((1 - 140 / 150) * 100, 9);
  });

  it('matches a hand computation for a linear HR drift', () => {
    // HR 140 → 160 over the hour: the half means are 140 + 20·899.5/3600 and 140 + 20·2699.5/3600.
    const hr = by(3600, (s) => 140 + (20 * s) / 3600);
    const m1 = 140 + (20 * 899.5) / 3600;
    const m2 = 140 + (20 * 2699.5) / 3600;
    expect(decoupling(t, hr, filled(3600, 300))).toBeCloseTo((1 - m1 / m2) * 100, 9);
  });

  it('leaves a pause out instead of counting zero output', () => {
    // 30 min, a 10-min pause, 30 min, all at the same output and HR.
    const tt = [...seconds(1800), ...seconds(1800).map((s) => s + 2400)];
    expect(decoupling(tt, filled(3600, 150), filled(3600, 250))).toBeCloseTo(0, 12);
  });

  it('is null under 20 minutes or without heart rate', () => {
    expect(decoupling(seconds(1199), filled(1199, 150), filled(1199, 200))).toBeNull();
    expect(decoupling(t, filled(3600, 0), filled(3600, 200))).toBeNull();
  });
});

describe('speedAtFixedHr', () => {
  // 10 min at 150 bpm and 3 m/s, then 10 min at 160 bpm and 3.5 m/s.
  const t = seconds(1200);
  const hr = by(1200, (s) => (s < 600 ? 150 : 160));
  const speed = by(1200, (s) => (s < 600 ? 300 : 350));

  it('averages the speed of the seconds within ±3 bpm', () => {
    expect(speedAtFixedHr(t, hr, speed, 150)).toBeCloseTo(3, 9);
    expect(speedAtFixedHr(t, hr, speed, 162)).toBeCloseTo(3.5, 9);
  });

  it('is null without 5 minutes near the heart rate, and ignores standing still', () => {
    expect(speedAtFixedHr(t, hr, speed, 155)).toBeNull();
    expect(speedAtFixedHr(seconds(299), filled(299, 150), filled(299, 300), 150)).toBeNull();
    const standing = by(1200, (s) => (s < 400 ? 0 : 300)); // only 200 s at 150 bpm are moving
    expect(speedAtFixedHr(t, hr, standing, 150)).toBeNull();
  });
});
describe('peakHeldHr', () => {
  it('ignores spikes shorter than the hold and returns the highest held value', () => {
    const hr = filled(300, 150);
    hr[50] = 220;
    hr[51] = 219;
    for (let s = 200; s < 205; s++) hr[s] = 172;
    hr[203] = 175;
    expect(peakHeldHr(seconds(300), hr)).toBe(172);
    expect(peakHeldHr(seconds(300), hr, 1)).toBe(220);
  });

  it('does not hold a reading across a pause or a dropout', () => {
    // 180 bpm for 3 s before a pause and 3 s after it never makes 5 consecutive seconds.
    const t = [...seconds(100), ...seconds(100).map((s) => s + 200)];
    const hr = by(200, (i) => (i >= 97 && i < 103 ? 180 : 140));
    expect(peakHeldHr(t, hr)).toBe(140);
    expect(peakHeldHr(seconds(10), filled(10, 0))).toBeNull();
  });
});
