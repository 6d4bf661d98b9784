import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { deriveFacts, type DeriveFactsInput } from './derive-facts.calc';
import { by, filled, seconds } from './synthetic-streams.fixtures';

// The facts stored per activity, from synthetic 1-Hz streams with answers that can be worked out by hand.
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
