import { describe, expect, it } from 'vitest';
import { computeLoad, DEFAULT_RESTING_HR, DURATION_LOAD_PER_HOUR, type LoadInput } from './load.calc';
import { thresholdTimeline } from './thresholds.calc';

const base: LoadInput = {
  sport: 'run',
  movingTimeS: 3600,
  distanceM: 12_000,
  avgHr: 150,
  avgPower: null,
  normalizedPower: null,
  facts: { normalizedPower: null, ngpMps: null },
};

describe('training load methods', () => {
  it('power TSS: hours · (NP/FTP)² · 100, preferring the stream NP', () => {
    const ride = { ...base, sport: 'ride' as const, movingTimeS: 5400, avgPower: 180, facts: { normalizedPower: 220, ngpMps: null } };
    const r = computeLoad(ride, { ftp: 250 });
    expect(r.method).toBe('power_tss');
    expect(r.load).toBeCloseTo(Math.round(1.5 * (220 / 250) ** 2 * 100 * 10) / 10, 6); // 116.2
    expect(r.confidence).toBe('high');
    // Average power only: still power TSS, medium confidence.
    const avgOnly = computeLoad({ ...ride, facts: { normalizedPower: null, ngpMps: null } }, { ftp: 250 });
    expect(avgOnly).toMatchObject({ method: 'power_tss', confidence: 'medium', load: Math.round(1.5 * (180 / 250) ** 2 * 1000) / 10 });
  });

  it('rTSS: graded pace vs threshold pace, else average pace', () => {
    const thr = 1000 / 240; // 4:00 /km
    const graded = computeLoad({ ...base, facts: { normalizedPower: null, ngpMps: 3.9 } }, { threshold_pace: thr });
    expect(graded).toMatchObject({ method: 'rtss', confidence: 'high' });
    expect(graded.load).toBeCloseTo(Math.round((3.9 / thr) ** 2 * 1000) / 10, 6);
    const flat = computeLoad(base, { threshold_pace: thr });
    expect(flat.load).toBeCloseTo(Math.round((12_000 / 3600 / thr) ** 2 * 1000) / 10, 6);
    expect(flat.confidence).toBe('medium');
  });

  it('swim TSS cubes the intensity against CSS', () => {
    const swim = { ...base, sport: 'swim' as const, movingTimeS: 2700, distanceM: 2500, avgHr: null };
    const css = 1.05;
    const r = computeLoad(swim, { css });
    expect(r.method).toBe('swim_tss');
    expect(r.load).toBeCloseTo(Math.round(0.75 * (2500 / 2700 / css) ** 3 * 1000) / 10, 6);
  });

  it('hrTSS from heart-rate reserve against threshold HR (default resting HR when unset)', () => {
    const r = computeLoad({ ...base, sport: 'hike' }, { max_hr: 190, lthr: 170 });
    const ratio = (150 - DEFAULT_RESTING_HR) / (170 - DEFAULT_RESTING_HR);
    expect(r).toMatchObject({ method: 'hr_tss', confidence: 'medium' });
    expect(r.load).toBeCloseTo(Math.round(ratio * ratio * 1000) / 10, 6);
    const withRest = computeLoad({ ...base, sport: 'hike' }, { max_hr: 190, lthr: 170, resting_hr: 48 });
    expect(withRest.load).toBeCloseTo(Math.round(((150 - 48) / (170 - 48)) ** 2 * 1000) / 10, 6);
    // No LTHR: 89 % of max HR stands in.
    const fromMax = computeLoad({ ...base, sport: 'hike' }, { max_hr: 190 });
    expect(fromMax.load).toBeCloseTo(Math.round(((150 - 60) / (190 * 0.89 - 60)) ** 2 * 1000) / 10, 6);
  });

  it('falls back to a flagged duration estimate', () => {
    const r = computeLoad({ ...base, sport: 'strength', avgHr: null }, {});
    expect(r).toEqual({ load: DURATION_LOAD_PER_HOUR.strength, method: 'duration_estimate', intensity: null, confidence: 'low' });
    expect(computeLoad({ ...base, movingTimeS: 0 }, { ftp: 200 }).load).toBe(0);
  });

  it('applies the precedence: power, then pace, then heart rate, then duration', () => {
    const all = { ftp: 250, threshold_pace: 4, css: 1.1, max_hr: 190, lthr: 170 };
    expect(computeLoad({ ...base, sport: 'ride', facts: { normalizedPower: 200, ngpMps: null } }, all).method).toBe('power_tss');
    // A run with power still uses pace: cycling FTP says nothing about running power.
    expect(computeLoad({ ...base, avgPower: 250 }, all).method).toBe('rtss');
    expect(computeLoad({ ...base, sport: 'ride' }, { max_hr: 190 }).method).toBe('hr_tss');
    expect(computeLoad({ ...base, sport: 'run' }, { max_hr: 190 }).method).toBe('hr_tss');
    expect(computeLoad({ ...base, avgHr: null }, { max_hr: 190 }).method).toBe('duration_estimate');
  });

  it('resolves the threshold of a day: latest manual on or before it, else an estimate dated on or before it (ADR 065)', () => {
    const t = thresholdTimeline([
      { kind: 'ftp', value: 230, effectiveFrom: '2026-01-01', source: 'estimated' },
      { kind: 'ftp', value: 250, effectiveFrom: '2026-03-01', source: 'manual' },
      { kind: 'ftp', value: 260, effectiveFrom: '2026-06-01', source: 'manual' },
    ]);
    // Before the estimate's date there is none: it rests on later efforts.
    expect(t.at('2025-12-31').ftp).toBeUndefined();
    expect(t.at('2026-02-28').ftp).toBe(230);
    expect(t.at('2026-03-01').ftp).toBe(250);
    expect(t.at('2026-05-31').ftp).toBe(250);
    expect(t.at('2026-09-01').ftp).toBe(260);
    expect(t.at('2026-09-01').max_hr).toBeUndefined();
  });
});
