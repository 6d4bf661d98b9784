// Thresholds by date and the activity's own efforts (ADR 007, "Thresholds by date"): the 2013
// ride, a 2026 estimate never taken as a confident one for 2013, and a real power recording
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

// The current estimate: 95 % of a 20-min best from the last 365 days, dated from that window's first day.
const estimate2026 = { kind: 'ftp' as const, value: 143, effectiveFrom: '2025-11-25', source: 'estimated' as const };

describe('the threshold in effect for an activity', () => {
  it('the 2013 ride: its own 20-min best (312 W) bounds the FTP, IF ≤ 1.05, and the 2026 estimate makes it a guess', () => {
    // As reported: 579 TSS at IF 2.11 from FTP 143 → 1.30 h at NP ≈ 302 W.
    const hours = 579 / (2.11 ** 2 * 100);
    const np = 2.11 * 143;
    const input = ride({ movingTimeS: Math.round(hours * 3600), facts: { normalizedPower: np, ngpMps: null, powerBests: { 1200: 312 } } });
    const t = thresholdTimeline([estimate2026]);
    const guessed = { ftp: t.inEffect('2013-06-01').ftp!.guess };
    expect(guessed.ftp).toBe(true);

    const r = computeLoad(input, t.at('2013-06-01'), guessed);
    expect(r.method).toBe('power_tss');
    expect(r.basis).toEqual({ kind: 'ftp', inEffect: 143, used: 312 * 0.95, guess: true, raisedBy: 'best_20min' });
    expect(r.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY);
    expect(r.intensity!).toBeCloseTo(np / 296.4, 6);
    expect(r.load).toBeCloseTo(Math.round((input.movingTimeS / 3600) * (np / 296.4) ** 2 * 1000) / 10, 6); // ≈ 135, not 579
    expect(r.confidence).toBe('low');
  });

  it('a 2026 estimate is a guess for a 2013 activity, never high confidence; a threshold dated near it is not', () => {
    const short = ride({ movingTimeS: 900, facts: { normalizedPower: 150, ngpMps: null, powerBests: {} } });
    const t = thresholdTimeline([estimate2026, { kind: 'ftp', value: 280, effectiveFrom: '2013-01-01', source: 'manual' }]);
    const onlyEstimate = thresholdTimeline([estimate2026]);

    expect(onlyEstimate.inEffect('2013-06-01').ftp).toEqual({ value: 143, source: 'estimated', effectiveFrom: '2025-11-25', guess: true });
    const old = computeLoad(short, onlyEstimate.at('2013-06-01'), { ftp: true });
    expect(old).toMatchObject({ method: 'power_tss', confidence: 'low', basis: { used: 143, guess: true, raisedBy: null } });
    // The same ride inside the estimate's window is a confident one.
    expect(onlyEstimate.inEffect('2026-06-01').ftp!.guess).toBe(false);
    expect(computeLoad(short, onlyEstimate.at('2026-06-01'), { ftp: false }).confidence).toBe('high');
    // A value the athlete set from 2013 governs 2013 (and later days until the next one): not a guess.
    expect(t.inEffect('2013-06-01').ftp).toEqual({ value: 280, source: 'manual', effectiveFrom: '2013-01-01', guess: false });
    expect(computeLoad(short, t.at('2013-06-01'), { ftp: false })).toMatchObject({ confidence: 'high', basis: { used: 280 } });
    // Before every value, heart rate and pace estimates are guesses the same way.
    const hr = thresholdTimeline([{ kind: 'max_hr', value: 190, effectiveFrom: '2025-11-25', source: 'estimated' }]);
    const hike = { ...short, sport: 'hike' as const, avgHr: 140 };
    expect(computeLoad(hike, hr.at('2013-06-01'), { max_hr: hr.inEffect('2013-06-01').max_hr!.guess })).toMatchObject({
      method: 'hr_tss',
      confidence: 'low',
    });
  });

  it('an hour or more above 105 % of threshold proves the threshold was higher (power, pace, heart rate)', () => {
    // No 20-min best recorded (the source's NP only): the hour bound alone holds IF at 1.05.
    const r = computeLoad(ride({ movingTimeS: 7200, normalizedPower: 260, facts: { normalizedPower: null, ngpMps: null } }), { ftp: 200 });
    expect(r.basis).toMatchObject({ used: 260 / 1.05, raisedBy: 'hour_intensity', guess: false });
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
  it('its 20-min best matches a plain scan; a 2026 FTP is a guess for it, and one below what it proves is raised', () => {
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
    // 143 W (the 2026 estimate) is not disproved by the 20-min best (0.95 × 147.7 W is below it), but
    // 3 h 45 min at NP 153 W would be IF 1.07: the hour bound raises it to NP ÷ 1.05. From 2026 it stays a guess.
    const t = thresholdTimeline([estimate2026]);
    const r = computeLoad(input, t.at('2019-02-17'), { ftp: t.inEffect('2019-02-17').ftp!.guess });
    expect(r.basis).toMatchObject({ kind: 'ftp', inEffect: 143, guess: true, raisedBy: 'hour_intensity' });
    expect(r.basis!.used).toBeCloseTo(facts.normalizedPower! / MAX_HOUR_INTENSITY, 6);
    expect(r.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY + 1e-9);
    expect(r.confidence).toBe('low');
    // A detrained athlete's 2026 estimate of 120 W is disproved twice over: 0.95 × the 20-min best (140 W) and
    // NP ÷ 1.05 (146 W); the higher bound is the one used.
    const low = computeLoad(input, { ftp: 120 }, { ftp: true });
    expect(p20 * 0.95).toBeLessThan(facts.normalizedPower! / MAX_HOUR_INTENSITY);
    expect(low.basis).toMatchObject({ inEffect: 120, raisedBy: 'hour_intensity' });
    expect(low.basis!.used).toBeCloseTo(facts.normalizedPower! / MAX_HOUR_INTENSITY, 6);
    expect(low.intensity!).toBeLessThanOrEqual(MAX_HOUR_INTENSITY);
    expect(low.load).toBeLessThan((movingTimeS / 3600) * (facts.normalizedPower! / 120) ** 2 * 100);
  });
});
