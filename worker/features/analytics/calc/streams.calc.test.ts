import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { bestMeanPower, bestMeanSpeed, fastestSegment } from './best-efforts.calc';
import { deriveFacts, type DeriveFactsInput } from './derive-facts.calc';
import { despikeAltitude, gradeAdjustedSpeeds } from './grade.calc';
import { decoupling, peakHeldHr, speedAtFixedHr } from './heart-rate.calc';
import { normalizedGradedSpeed, normalizedPower } from './normalized.calc';
import { cumulativeDistance, resample1Hz } from './stream-grid.calc';
import { flat, longClimb, rollingHills, syntheticRun, TYPICAL_SPIKES, type SyntheticOptions } from './synthetic-streams.fixtures';

// Synthetic 1-Hz streams with answers that can be worked out by hand.
const seconds = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const filled = (n: number, v: number): number[] => new Array<number>(n).fill(v);
const by = (n: number, f: (s: number) => number): number[] => Array.from({ length: n }, (_, s) => f(s));

describe('resample1Hz', () => {
  it('passes exact 1-Hz data through and interpolates jittered timestamps', () => {
    expect(resample1Hz([0, 1, 2], [5, 6, 7], 'zero')).toEqual([5, 6, 7]);
    // Second 1 lies a third of the way from t=0.5 (10) to t=2 (40).
    expect(resample1Hz([0, 0.5, 2, 3], [0, 10, 40, 60], 'hold')).toEqual([0, 20, 40, 60]);
  });

  it('fills a pause with 0 or the last value', () => {
    const t = [0, 1, 2, 62, 63];
    const v = [100, 100, 100, 200, 200];
    const zero = resample1Hz(t, v, 'zero');
    const hold = resample1Hz(t, v, 'hold');
    expect(zero).toHaveLength(64);
    expect(zero.slice(0, 4)).toEqual([100, 100, 100, 0]);
    expect(zero.slice(60, 64)).toEqual([0, 0, 200, 200]);
    expect(hold.slice(2, 62).every((x) => x === 100)).toBe(true);
    expect(hold[62]).toBe(200);
  });

  it('treats a uniformly sparse recording as continuous, not as pauses', () => {
    expect(resample1Hz([0, 15, 30, 45], [0, 15, 30, 45], 'zero')).toEqual(seconds(46));
  });
});

describe('cumulativeDistance', () => {
  it('integrates speed with the trapezoid rule, in metres', () => {
    expect(cumulativeDistance([0, 1, 2], [100, 300, 300])).toEqual([0, 2, 5]);
  });

  it('adds no distance across a pause', () => {
    expect(cumulativeDistance([0, 1, 61, 62], [400, 400, 400, 400])).toEqual([0, 4, 4, 8]);
  });
});

describe('fastestSegment', () => {
  // 10 km at 4:00/km, except km 3–4 at 3:30/km: 720 s + 210 s + 1440 s.
  const t = seconds(2371);
  const cum = t.map((s) => (s <= 720 ? (s * 1000) / 240 : s <= 930 ? 3000 + ((s - 720) * 1000) / 210 : 4000 + ((s - 930) * 1000) / 240));

  it('finds the fast kilometre and where it starts', () => {
    const km = fastestSegment(t, cum, 1000);
    expect(km?.timeS).toBeCloseTo(210, 6);
    expect(km?.startOffsetS).toBeCloseTo(720, 6);
    expect(fastestSegment(t, cum, 5000)?.timeS).toBeCloseTo(4 * 240 + 210, 6);
    expect(fastestSegment(t, cum, 10000)?.timeS).toBeCloseTo(2370, 6);
  });

  it('ends exactly at the distance, interpolating inside the sample interval', () => {
    expect(fastestSegment([0, 10, 20], [0, 100, 200], 150)).toEqual({ timeS: 15, startOffsetS: 0 });
  });

  it('interpolates the start when the best stretch ends on a sample', () => {
    // Slow 1 m/s for 20 s, then 10 m/s: 105 m = the last 5 slow metres + the fast 100.
    const best = fastestSegment([0, 10, 20, 30], [0, 10, 20, 120], 105);
    expect(best?.timeS).toBeCloseTo(15, 9);
    expect(best?.startOffsetS).toBeCloseTo(15, 9);
  });

  it('is null when the activity is shorter than the distance', () => {
    expect(fastestSegment([0, 100], [0, 999], 1000)).toBeNull();
  });

  it('gives the same answer on speed data through cumulativeDistance', () => {
    // 750 s at 4 m/s, 200 s at 5 m/s, 1500 s at 4 m/s: the fast kilometre starts near 750 s.
    const tt = seconds(2451);
    const speed = tt.map((s) => (s >= 750 && s < 950 ? 500 : 400));
    const km = fastestSegment(tt, cumulativeDistance(tt, speed), 1000);
    expect(km!.timeS).toBeGreaterThanOrEqual(200);
    expect(km!.timeS).toBeLessThan(200.2);
    expect(Math.abs(km!.startOffsetS - 750)).toBeLessThanOrEqual(1);
  });
});

describe('bestMeanPower', () => {
  // 150 W for 20 min with a 320 W block over seconds 200–499.
  const t = seconds(1200);
  const power = t.map((s) => (s >= 200 && s < 500 ? 320 : 150));

  it('finds the best block and blends it for longer windows', () => {
    expect(bestMeanPower(t, power, 300)).toBe(320);
    expect(bestMeanPower(t, power, 600)).toBe((300 * 320 + 300 * 150) / 600);
    expect(bestMeanPower(t, power, 5)).toBe(320);
  });

  it('is null when the activity is shorter than the duration', () => {
    expect(bestMeanPower(t, power, 3600)).toBeNull();
  });

  it('counts a pause as zero watts', () => {
    // 300 W for 100 s, a 100-s pause, 300 W for 100 s: any 150-s window holds at most 100 s of work.
    const tt = [...seconds(100), ...seconds(100).map((s) => s + 200)];
    expect(bestMeanPower(tt, filled(200, 300), 150)).toBe(200);
  });
});

describe('normalizedPower', () => {
  it('equals the power when it is constant', () => {
    expect(normalizedPower(seconds(600), filled(600, 250))).toBeCloseTo(250, 9);
  });

  it('matches a hand computation for alternating 30-s blocks of 100 and 300 W', () => {
    // With N = 29 + 60k samples the 30-s means run through exactly k triangle periods: a window holding
    // x seconds of 300 W averages 100 + 200x/30, and over one period x = 0 and 30 occur once, 1..29 twice.
    const n = 29 + 60 * 10;
    const power = by(n, (s) => (Math.floor(s / 30) % 2 === 0 ? 100 : 300));
    const f = (x: number): number => (100 + (200 * x) / 30) ** 4;
    let sum = f(0) + f(30);
    for (let x = 1; x <= 29; x++) sum += 2 * f(x);
    const expected = (sum / 60) ** 0.25;
    expect(expected).toBeCloseTo(221.84, 2);
    expect(normalizedPower(seconds(n), power)).toBeCloseTo(expected, 6);
  });

  it('leaves a pause out instead of riding it at 0 W, and the stored facts agree (issue 37)', () => {
    // 250 W for 20 min, the device paused 20 min (no samples), 250 W for 20 min: NP 250, not ~210.
    const tt = [...seconds(1200), ...seconds(1200).map((s) => s + 2400)];
    expect(normalizedPower(tt, filled(2400, 250))).toBeCloseTo(250, 9);
    const facts = deriveFacts(
      { sport: 'ride', movingTimeS: 2400, distanceM: 40_000, bestEfforts: [], streams: { t: tt, power: filled(2400, 250) } },
      { fixedHr: null },
    );
    expect(facts.normalizedPower).toBe(250);
  });

  it('is null under 30 s', () => {
    expect(normalizedPower(seconds(29), filled(29, 200))).toBeNull();
    expect(normalizedPower(seconds(30), filled(30, 200))).toBeCloseTo(200, 9);
  });
});

describe('grade-adjusted speed', () => {
  const t = seconds(600);

  it('equals the speed on flat ground', () => {
    expect(gradeAdjustedSpeeds(t, filled(600, 300), filled(600, 1000))).toEqual(filled(600, 3));
    expect(normalizedGradedSpeed(t, filled(600, 300), filled(600, 1000))).toBeCloseTo(3, 9);
  });

  it('applies the Minetti cost ratio on a steady 10 % climb', () => {
    // 3 m/s while climbing 0.3 m/s (3 dm each second). C(0.1) = 0.001554 − 0.00304 − 0.0433 + 0.463 + 1.95 + 3.6.
    const climb = gradeAdjustedSpeeds(
      t,
      filled(600, 300),
      by(600, (s) => 1000 + 3 * s),
    );
    const expected = (3 * 5.968214) / 3.6;
    expect(climb.every((v) => Math.abs(v - expected) < 1e-9)).toBe(true);
    expect(
      normalizedGradedSpeed(
        t,
        filled(600, 300),
        by(600, (s) => 1000 + 3 * s),
      ),
    ).toBeCloseTo(expected, 9);
  });

  it('clamps the grade at ±45 %', () => {
    // A 100 % climb is costed as 45 %: C(0.45) = 19.4260145625.
    const wall = gradeAdjustedSpeeds(
      t,
      filled(600, 100),
      by(600, (s) => 10 * s),
    );
    expect(wall[300]).toBeCloseTo(19.4260145625 / 3.6, 9);
  });

  it('calls it flat when standing still, so altitude noise adds no speed', () => {
    const still = gradeAdjustedSpeeds(
      seconds(60),
      filled(60, 0),
      by(60, (s) => (s % 2) * 30),
    );
    expect(still).toEqual(filled(60, 0));
  });

  it('uses plain speed without an altitude channel', () => {
    expect(normalizedGradedSpeed(t, filled(600, 350), undefined)).toBeCloseTo(3.5, 9);
    expect(normalizedGradedSpeed(seconds(20), filled(20, 350))).toBeNull();
  });
});

describe('despikeAltitude', () => {
  it('interpolates over a spike that comes back', () => {
    const t = seconds(8);
    const out = despikeAltitude(t, [100, 101, 102, 480, 470, 105, 106, 107]);
    expect(Array.from(out)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
  });

  it('takes a step out of everything after it, keeping the grades', () => {
    // A GPS re-fix moves the altitude 60 m in one second and it stays there.
    const out = despikeAltitude(seconds(6), [100, 101, 102, 163, 164, 165]);
    expect(Array.from(out)).toEqual([100, 101, 102, 102, 103, 104]);
  });

  it('keeps real climbing, even steep and sparsely sampled', () => {
    const alt = [100, 103, 106, 109, 112, 140, 168];
    expect(Array.from(despikeAltitude([0, 1, 2, 3, 4, 14, 24], alt))).toEqual(alt);
  });
});

describe('normalized graded speed on realistic recordings', () => {
  // A runner holding a steady easy effort (3 m/s flat-equivalent) for an hour: slower up, faster down,
  // so the true grade-adjusted speed is known. GPS altitude wanders ±3 m with ±3 m jitter per fix, and
  // four spikes of 150–900 m. Before the distance windows (grade over ±5 s of raw altitude) the same
  // recordings gave NGP 14–15 % too fast at 1 s, 30 % at 5 s and 51–55 % with 5–20-s smart recording.
  const base = { seed: 11, durationS: 3600, effortMps: 3, noiseM: 3, spikes: TYPICAL_SPIKES } as const;
  const ngpOf = (o: SyntheticOptions) => {
    const run = syntheticRun(o);
    const s = run.streams;
    return { run, ngp: normalizedGradedSpeed(s.t, s.speedCms!, s.altitudeDm)! };
  };
  const sampling: [string, SyntheticOptions['sampleS']][] = [
    ['1 s', 1],
    ['5 s', 5],
    ['5–20 s', [5, 20]],
  ];

  for (const [label, sampleS] of sampling) {
    it(`a steady run on rolling hills, sampled every ${label}, is within 5 % of its true grade-adjusted speed`, () => {
      const { run, ngp } = ngpOf({ ...base, terrain: rollingHills, sampleS });
      // Sanity: the hills matter (average speed is 7 % under the flat-equivalent one).
      expect(run.averageMps / run.trueGradeAdjustedMps).toBeLessThan(0.95);
      expect(Math.abs(ngp / run.trueGradeAdjustedMps - 1)).toBeLessThan(0.05);
    });

    it(`long 6 % climbs and descents, sampled every ${label}, are within 3 %`, () => {
      const { run, ngp } = ngpOf({ ...base, terrain: longClimb, sampleS });
      expect(Math.abs(ngp / run.trueGradeAdjustedMps - 1)).toBeLessThan(0.03);
    });

    it(`a flat run with noisy altitude, sampled every ${label}, is within 2 % of its average speed`, () => {
      const { run, ngp } = ngpOf({ ...base, terrain: flat, sampleS });
      expect(Math.abs(ngp / run.averageMps - 1)).toBeLessThan(0.02);
    });
  }

  it('is exact on the same run recorded without noise or spikes at 1 s', () => {
    const { run, ngp } = ngpOf({ ...base, terrain: longClimb, sampleS: 1, noiseM: 0, spikes: [] });
    expect(Math.abs(ngp / run.trueGradeAdjustedMps - 1)).toBeLessThan(0.005);
  });
});

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

describe('bestMeanSpeed', () => {
  it('finds the best 30-min average in m/s', () => {
    const t = seconds(3600);
    const speed = by(3600, (s) => (s >= 1000 && s < 2800 ? 380 : 300));
    expect(bestMeanSpeed(t, speed, 1800)).toBeCloseTo(3.8, 9);
    expect(bestMeanSpeed(t, speed, 3601)).toBeNull();
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

describe('deriveFacts', () => {
  const run = (over: Partial<DeriveFactsInput>): DeriveFactsInput => ({
    sport: 'run',
    movingTimeS: 2500,
    distanceM: 10000,
    bestEfforts: [],
    streams: null,
    ...over,
  });
  // 10 km at a steady 4 m/s, sampled at 1 Hz.
  const tenK: ActivityStreams = { t: seconds(2501), speedCms: filled(2501, 400), hr: filled(2501, 150) };

  it('prefers provider best efforts, then stream segments, keyed by whole metres', () => {
    const facts = deriveFacts(
      run({
        streams: tenK,
        bestEfforts: [
          { name: '1k', distanceM: 1000, elapsedS: 240, startOffsetS: 30 },
          { name: '1 mile', distanceM: 1609.3, elapsedS: 390 },
          { name: '1 mile', distanceM: 1620, elapsedS: 395 },
        ],
      }),
      { fixedHr: null },
    );
    expect(facts.runBests).toEqual({
      400: { timeS: 100, startOffsetS: 0, from: 'stream' },
      1000: { timeS: 240, startOffsetS: 30, from: 'provider' },
      1609: { timeS: 390, startOffsetS: null, from: 'provider' },
      5000: { timeS: 1250, startOffsetS: 0, from: 'stream' },
      10000: { timeS: 2500, startOffsetS: 0, from: 'stream' },
    });
    expect(facts.best30MinSpeedMps).toBe(4);
    expect(facts.ngpMps).toBe(4);
    expect(facts.peakHr).toBe(150);
    expect(facts.normalizedPower).toBeNull();
    expect(facts.powerBests).toEqual({});
  });

  it('pro-rates the moving time when there is no stream and the run is D to 1.03·D', () => {
    const facts = deriveFacts(run({ distanceM: 5100, movingTimeS: 1530 }), { fixedHr: null });
    expect(facts.runBests).toEqual({ 5000: { timeS: 1500, startOffsetS: null, from: 'whole' } });
    expect(deriveFacts(run({ distanceM: 5160, movingTimeS: 1530 }), { fixedHr: null }).runBests).toEqual({});
    // A treadmill run with heart rate only has no speed stream to search: the whole run still counts.
    const hrOnly = deriveFacts(run({ distanceM: 5000, movingTimeS: 1400, streams: { t: seconds(1401), hr: filled(1401, 160) } }), {
      fixedHr: null,
    });
    expect(hrOnly.runBests[5000]).toEqual({ timeS: 1400, startOffsetS: null, from: 'whole' });
  });

  describe('run bests agree with the activity’s own distance', () => {
    it('gives a run of exactly one mile its mile best (stream integrates a little short)', () => {
      // 1,609.34 m in 300 s: the stream's speed rounds to 536 cm/s and integrates to 1,608 m.
      const t = seconds(301);
      const mile = deriveFacts(run({ distanceM: 1609.34, movingTimeS: 300, streams: { t, speedCms: filled(301, 536) } }), {
        fixedHr: null,
      });
      expect(mile.runBests[1609]).toEqual({ timeS: 300, startOffsetS: 0, from: 'whole' });
      expect(mile.runBests[1000]?.timeS).toBeCloseTo((300 * 1000) / 1609.34, 0);
      expect(mile.streamDistanceMismatch).toBeNull();
      // And without a stream: 1,609.34 m is within 0.5 % of 1,609.344 m.
      expect(deriveFacts(run({ distanceM: 1609.34, movingTimeS: 300 }), { fixedHr: null }).runBests[1609]).toEqual({
        timeS: 300,
        startOffsetS: null,
        from: 'whole',
      });
    });

    it('gives a 5 km race recorded 0.3 % short its clock time, standing at the start left out', () => {
      // 10 s on the start line, then 4,985 m in 1,200 s.
      const t = seconds(1211);
      const speedCms = t.map((s) => (s < 10 ? 0 : Math.round(498500 / 1200)));
      const race = deriveFacts(run({ distanceM: 4985, movingTimeS: 1200, streams: { t, speedCms } }), { fixedHr: null });
      // From the last still sample (9 s) to the end: 1,201 s, the trapezoid's first half-second of running included.
      expect(race.runBests[5000]).toEqual({ timeS: 1201, startOffsetS: 9, from: 'whole' });
      // 0.6 % short is not the distance.
      expect(
        deriveFacts(run({ distanceM: 4970, movingTimeS: 1200, streams: { t, speedCms } }), { fixedHr: null }).runBests[5000],
      ).toBeUndefined();
    });

    it('scales the stream to the activity’s distance when they differ moderately', () => {
      // The stream says 10,000 m (4 m/s), the activity 10,400 m: every segment is 4 % longer than it looks.
      const facts = deriveFacts(run({ distanceM: 10400, movingTimeS: 2500, streams: tenK }), { fixedHr: null });
      expect(facts.runBests[5000]!.timeS).toBeCloseTo(5000 / 4.16, 0);
      expect(facts.runBests[10000]!.timeS).toBeCloseTo(10000 / 4.16, 0);
    });

    it('does not search a stream that disagrees badly with the activity, and says so', () => {
      // A 10 km run whose speed stream adds up to 7.5 km (a footpod off calibration, a cut-off stream).
      const t = seconds(2501);
      const facts = deriveFacts(run({ distanceM: 10000, movingTimeS: 2500, streams: { t, speedCms: filled(2501, 300) } }), {
        fixedHr: null,
      });
      expect(facts.streamDistanceMismatch).toEqual({ streamM: 7500, activityM: 10000 });
      // Only what the activity's own distance and time support: its whole 10 km.
      expect(facts.runBests).toEqual({ 10000: { timeS: 2500, startOffsetS: null, from: 'whole' } });
    });
  });

  it('keeps run-only facts off rides and reads power from any sport', () => {
    const t = seconds(1800);
    const power = by(1800, (s) => (s >= 600 && s < 900 ? 300 : 200));
    const facts = deriveFacts(
      { sport: 'ride', movingTimeS: 1800, distanceM: 15000, bestEfforts: [], streams: { t, power, speedCms: filled(1800, 830) } },
      { fixedHr: null },
    );
    expect(facts.runBests).toEqual({});
    expect(facts.ngpMps).toBeNull();
    expect(facts.best30MinSpeedMps).toBeNull();
    expect(facts.powerBests).toEqual({ 5: 300, 60: 300, 300: 300, 1200: 225 });
    expect(facts.normalizedPower).toBeGreaterThan(200 + 100 / 6);
  });

  it('treats an all-zero power channel as no power meter', () => {
    const facts = deriveFacts(
      { sport: 'ride', movingTimeS: 600, distanceM: 5000, bestEfforts: [], streams: { t: seconds(600), power: filled(600, 0) } },
      { fixedHr: null },
    );
    expect(facts.normalizedPower).toBeNull();
    expect(facts.powerBests).toEqual({});
  });

  describe('decoupling gates', () => {
    // 70 min at constant output; HR 140 then 147 after half time: (1 − 140/147) × 100 = 4.76 %.
    const n = 70 * 60;
    const hr = by(n, (s) => (s < n / 2 ? 140 : 147));
    const expected = Math.round((1 - 140 / 147) * 10000) / 100;

    it('reports steady runs of an hour or more', () => {
      const facts = deriveFacts(run({ movingTimeS: n, distanceM: 12600, streams: { t: seconds(n), hr, speedCms: filled(n, 300) } }), {
        fixedHr: null,
      });
      expect(facts.decouplingPct).toBe(expected);
    });

    it('skips runs under an hour and unsteady runs', () => {
      const short = deriveFacts(run({ movingTimeS: 3500, streams: { t: seconds(n), hr, speedCms: filled(n, 300) } }), { fixedHr: null });
      expect(short.decouplingPct).toBeNull();
      // Alternating 2 and 5 m/s each minute: mean 3.5, SD 1.5, CV 0.43.
      const intervals = by(n, (s) => (Math.floor(s / 60) % 2 === 0 ? 200 : 500));
      const unsteady = deriveFacts(run({ movingTimeS: n, streams: { t: seconds(n), hr, speedCms: intervals } }), { fixedHr: null });
      expect(unsteady.decouplingPct).toBeNull();
    });

    it('uses power for steady rides and skips rides with a variability index over 1.10', () => {
      const ride = (power: number[]) =>
        deriveFacts(
          { sport: 'ride', movingTimeS: n, distanceM: 40000, bestEfforts: [], streams: { t: seconds(n), hr, power } },
          { fixedHr: null },
        );
      expect(ride(filled(n, 220)).decouplingPct).toBe(expected);
      expect(ride(by(n, (s) => (Math.floor(s / 60) % 2 === 0 ? 60 : 400))).decouplingPct).toBeNull();
    });
  });

  it('computes speed at the fixed heart rate only when one is given', () => {
    expect(deriveFacts(run({ streams: tenK }), { fixedHr: 148 }).speedAtFixedHrMps).toBe(4);
    expect(deriveFacts(run({ streams: tenK }), { fixedHr: null }).speedAtFixedHrMps).toBeNull();
  });
});
