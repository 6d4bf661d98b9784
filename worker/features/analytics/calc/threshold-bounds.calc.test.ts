// Thresholds by date and the activity's own efforts (ADR 007, "Thresholds by date"; ADR 065): the 2013
// ride, a 2026 estimate never used for 2013 (no day reads its future), and a real power recording
// (corpus/real/2019-02-17-062644-ELEMNT-297E-195-0.fit, python-fitparse, MIT; source in that README)
// whose 20-min best is checked against a plain scan of the decoded records.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { deriveFacts } from './derive-facts.calc';
import { computeLoad, type LoadInput, MAX_HOUR_INTENSITY } from './load.calc';
import { thresholdTimeline } from './thresholds.calc';

const ride = (over: Partial<LoadInput> & { facts: LoadInput['facts'] }): LoadInput => ({
  sport: 'ride',
  movingTimeS: 3600,
  distanceM: 30_000,
  avgHr: null,
  avgPower: null,
  normalizedPower: null,
  ...over,
});

// An estimate dated 2025-11-25: it rests only on efforts before that day, so it governs from then on and never before.
const estimate2026 = { kind: 'ftp' as const, value: 143, effectiveFrom: '2025-11-25', source: 'estimated' as const };

describe('the threshold in effect for an activity', () => {
  it('the 2013 ride: no FTP in effect (the 2026 estimate is its future), so its own 20-min best (312 W) serves, IF ≤ 1.05', () => {
    // As reported: 579 TSS at IF 2.11 from FTP 143 → 1.30 h at NP ≈ 302 W.
    const hours = 579 / (2.11 ** 2 * 100);
    const np = 2.11 * 143;
    const input = ride({ movingTimeS: Math.round(hours * 3600), facts: { normalizedPower: np, ngpMps: null, powerBests: { 1200: 312 } } });
    const t = thresholdTimeline([estimate2026]);
    expect(t.inEffect('2013-06-01').ftp).toBeUndefined();

    const r = computeLoad(input, t.at('2013-06-01'));
    expect(r.method).toBe('power_tss');
    expect(r.basis).toEqual({ kind: 'ftp', inEffect: null, used: 312 * 0.95, raisedBy: 'best_20min' });
    expect(r.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY);
    expect(r.intensity!).toBeCloseTo(np / 296.4, 6);
    expect(r.load).toBeCloseTo(Math.round((input.movingTimeS / 3600) * (np / 296.4) ** 2 * 1000) / 10, 6); // ≈ 135, not 579
    expect(r.confidence).toBe('low');
  });

  it('a 2026 estimate is never in effect for a 2013 activity; from its date it is, and a manual value wins from its own', () => {
    const short = ride({ movingTimeS: 900, facts: { normalizedPower: 150, ngpMps: null, powerBests: {} } });
    const t = thresholdTimeline([estimate2026, { kind: 'ftp', value: 280, effectiveFrom: '2013-01-01', source: 'manual' }]);
    const onlyEstimate = thresholdTimeline([estimate2026]);

    expect(onlyEstimate.inEffect('2013-06-01').ftp).toBeUndefined();
    expect(onlyEstimate.inEffect('2025-11-24').ftp).toBeUndefined();
    // 15 minutes prove no FTP: with none in effect the ride falls back to its duration.
    expect(computeLoad(short, onlyEstimate.at('2013-06-01'))).toMatchObject({ method: 'duration_estimate', confidence: 'low' });
    // From the estimate's date on it is in effect, and a confident one.
    expect(onlyEstimate.inEffect('2025-11-25').ftp).toEqual({ value: 143, source: 'estimated', effectiveFrom: '2025-11-25' });
    expect(computeLoad(short, onlyEstimate.at('2026-06-01')).confidence).toBe('high');
    // A value the athlete set from 2013 governs 2013, and keeps winning over later estimates until their next value.
    expect(t.inEffect('2013-06-01').ftp).toEqual({ value: 280, source: 'manual', effectiveFrom: '2013-01-01' });
    expect(t.inEffect('2026-06-01').ftp).toEqual({ value: 280, source: 'manual', effectiveFrom: '2013-01-01' });
    expect(computeLoad(short, t.at('2013-06-01'))).toMatchObject({ confidence: 'high', basis: { used: 280 } });
    // Heart rate the same way: before the estimate there is no max HR, so no hrTSS.
    const hr = thresholdTimeline([{ kind: 'max_hr', value: 190, effectiveFrom: '2025-11-25', source: 'estimated' }]);
    const hike = { ...short, sport: 'hike' as const, avgHr: 140 };
    expect(computeLoad(hike, hr.at('2013-06-01'))).toMatchObject({ method: 'duration_estimate', confidence: 'low' });
    expect(computeLoad(hike, hr.at('2026-06-01'))).toMatchObject({ method: 'hr_tss', confidence: 'medium' });
  });

  it('an hour or more above 105 % of threshold proves the threshold was higher (power, pace, heart rate)', () => {
    // No 20-min best recorded (the source's NP only): the hour bound alone holds IF at 1.05.
    const r = computeLoad(ride({ movingTimeS: 7200, normalizedPower: 260, facts: { normalizedPower: null, ngpMps: null } }), { ftp: 200 });
    expect(r.basis).toMatchObject({ inEffect: 200, used: 260 / 1.05, raisedBy: 'hour_intensity' });
    expect(r.intensity).toBeCloseTo(1.05, 9);
    expect(r.confidence).toBe('medium');
    // Under an hour a higher IF is possible (a 40-min race): no bound.
    expect(
      computeLoad(ride({ movingTimeS: 2400, normalizedPower: 260, facts: { normalizedPower: null, ngpMps: null } }), { ftp: 200 })
        .intensity,
    ).toBeCloseTo(1.3, 9);
    // A run's own best 30 min bounds its threshold pace (the estimate's own rule); not when its sport was guessed.
    const run: LoadInput = {
      ...ride({ facts: { normalizedPower: null, ngpMps: 3.5, best30MinSpeedMps: 3.8 } }),
      sport: 'run',
      movingTimeS: 2400,
    };
    expect(computeLoad(run, { threshold_pace: 3.2 }).basis).toMatchObject({ used: 3.8, raisedBy: 'best_30min' });
    expect(computeLoad({ ...run, ownBestsTrusted: false }, { threshold_pace: 3.2 }).basis).toMatchObject({ used: 3.2, raisedBy: null });
    // Heart rate: 2 h at 175 bpm against LTHR 160 (rest 60) is IF 1.15 → LTHR used = 60 + 115/1.05.
    const hike: LoadInput = { ...ride({ facts: { normalizedPower: null, ngpMps: null } }), sport: 'hike', movingTimeS: 7200, avgHr: 175 };
    const h = computeLoad(hike, { max_hr: 190, lthr: 160 });
    expect(h.basis).toMatchObject({ kind: 'lthr', inEffect: 160, used: 60 + 115 / 1.05, raisedBy: 'hour_intensity' });
    expect(h.intensity).toBeCloseTo(1.05, 9);
  });
});

const ELEMNT = new URL('../../ingest/files/corpus/real/2019-02-17-062644-ELEMNT-297E-195-0.fit', import.meta.url);

/** The records with power, seconds from the first, as Garmin's decoder gives them; and the session's figures. */
function decoded() {
  const { messages } = new Decoder(Stream.fromByteArray(new Uint8Array(readFileSync(ELEMNT)))).read({ convertDateTimesToDates: true });
  const recs = (messages.recordMesgs ?? []) as { timestamp: Date; power?: number }[];
  const t0 = recs[0]!.timestamp.getTime();
  const session = messages.sessionMesgs![0]! as { normalizedPower: number; totalTimerTime: number; thresholdPower: number };
  return { recs: recs.map((r) => ({ s: (r.timestamp.getTime() - t0) / 1000, w: r.power ?? 0 })), session };
}

/**
 * Independent 20-min best: every record holds its power for one second (the file is 1-s recording while
 * moving), a window is the 1,200 s from a record's time, stopped time inside it counts as 0 W.
 */
function best20ByScan(recs: { s: number; w: number }[]): number {
  let best = 0;
  let j = 0;
  let sum = 0;
  for (let i = 0; i < recs.length; i++) {
    while (j < recs.length && recs[j]!.s < recs[i]!.s + 1200) sum += recs[j++]!.w;
    best = Math.max(best, sum / 1200);
    sum -= recs[i]!.w;
  }
  return best;
}

describe('a real power recording (Wahoo ELEMNT, 2019, 3 h 45 min)', () => {
  it('its 20-min best matches a plain scan; with only a 2026 FTP its own efforts serve, and an FTP below them is raised', () => {
    const { recs, session } = decoded();
    const streams: ActivityStreams = { t: [], power: [] };
    for (const r of recs) {
      const s = Math.round(r.s);
      if (streams.t.length && s <= streams.t.at(-1)!) continue;
      streams.t.push(s);
      streams.power!.push(r.w);
    }
    const movingTimeS = Math.round(session.totalTimerTime);
    const facts = deriveFacts({ sport: 'ride', movingTimeS, distanceM: 78_900, bestEfforts: [], streams }, { fixedHr: null });
    const p20 = facts.powerBests[1200]!;
    const scanned = best20ByScan(recs);
    expect(Math.abs(p20 - scanned) / scanned).toBeLessThan(0.005);
    // NP leaves the 42-min stop out (ADR 032): 153 W, near the head unit's own 157 W over moving time.
    expect(facts.normalizedPower!).toBeGreaterThan(150);

    const input: LoadInput = { sport: 'ride', movingTimeS, distanceM: 78_900, avgHr: null, avgPower: 102, normalizedPower: 157, facts };
    // The 2026 estimate is not in effect in 2019: the ride's own efforts serve, the higher of 0.95 × its 20-min best
    // (140 W) and, 3 h 45 min at NP 153 W, NP ÷ 1.05 (146 W). Low confidence: nothing but the ride itself.
    const t = thresholdTimeline([estimate2026]);
    const r = computeLoad(input, t.at('2019-02-17'));
    expect(r.basis).toMatchObject({ kind: 'ftp', inEffect: null, raisedBy: 'hour_intensity' });
    expect(r.basis!.used).toBeCloseTo(facts.normalizedPower! / MAX_HOUR_INTENSITY, 6);
    expect(r.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY + 1e-9);
    expect(r.confidence).toBe('low');
    // A detrained athlete's 2026 estimate of 120 W is disproved twice over: 0.95 × the 20-min best (140 W) and
    // NP ÷ 1.05 (146 W); the higher bound is the one used.
    const low = computeLoad(input, { ftp: 120 });
    expect(p20 * 0.95).toBeLessThan(facts.normalizedPower! / MAX_HOUR_INTENSITY);
    expect(low.basis).toMatchObject({ inEffect: 120, raisedBy: 'hour_intensity' });
    expect(low.basis!.used).toBeCloseTo(facts.normalizedPower! / MAX_HOUR_INTENSITY, 6);
    expect(low.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY);
    expect(low.load).toBeLessThan((movingTimeS / 3600) * (facts.normalizedPower! / 120) ** 2 * 100);
  });
});
