// A lost sensor is a gap, not a hold (ADR 063, "A lost sensor"): from the importer's points to the stored curves and
// the derived facts (power bests, peak heart rate) that PBs and thresholds read. Synthetic rides with one silence,
// and a real Garmin Edge 810 ride whose heart-rate strap sends nothing at 1,832–1,860 s, checked against a
// computation written here from the records as Garmin's own decoder reads them.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { parseFit } from '../../ingest/files/fit';
import { TrackBuilder } from '../../ingest/files/track';
import { deriveFacts } from '../calc/derive-facts.calc';
import { activityCurves } from './activity-curves.calc';
import { CURVE_DURATIONS } from './mean-max.calc';

const T0 = Date.UTC(2027, 4, 2, 8);
const trusted = { sport: 'ride' as const, sportInferred: false, implausibleEffort: false };

/** A 1-Hz ride through the importer's track builder: `at(s)` gives a second's readings (undefined: none sent). */
function ride(seconds: number, at: (s: number) => { power?: number; hr?: number }) {
  const b = new TrackBuilder();
  for (let s = 0; s < seconds; s++) b.add({ timeMs: T0 + s * 1000, speedMps: 9, ...at(s) });
  return b.summary(100_000, 'ride')!;
}

const curveOf = (streams: ActivityStreams, kind: 'power' | 'hr') => activityCurves(trusted, streams).find((c) => c.kind === kind)!;
const pointAt = (c: ReturnType<typeof curveOf>, durationS: number) => c.values[CURVE_DURATIONS.indexOf(durationS)];
const factsOf = (streams: ActivityStreams) =>
  deriveFacts({ sport: 'ride', movingTimeS: streams.t.length, distanceM: 0, bestEfforts: [], streams }, { fixedHr: null });

describe('a lost power meter', () => {
  // 200 W with a 20-s 600 W sprint at 0:12:20, then 900 s without power, then 383 s more at 200 W (the file's own
  // average over its readings: 207 W).
  const summary = ride(2043, (s) => (s >= 760 && s < 1660 ? {} : { power: s >= 740 && s < 760 ? 600 : 200 }));
  const streams = summary.streams!;

  it('is stored as a silence beside the held values the charts draw', () => {
    expect(summary.avgPower).toBeCloseTo(207, 0);
    expect(streams.missing).toEqual({ power: [[760, 1660]] });
    expect(streams.power![1000]).toBe(600); // held for drawing only
  });

  it('answers no duration with the sprint held: the best 60 s is what the readings support, and the gap is named', () => {
    const c = curveOf(streams, 'power');
    // The sprint and 40 s at 200 W around it.
    expect(pointAt(c, 60)).toBeCloseTo((20 * 600 + 40 * 200) / 60, 9);
    expect(pointAt(c, 300)).toBeCloseTo((20 * 600 + 280 * 200) / 300, 9);
    for (const d of CURVE_DURATIONS.filter((d) => d >= 60 && d <= 840)) expect(pointAt(c, d) ?? 0, `${d} s`).toBeLessThan(600);
    // 760 s before the silence and 383 s after it: no whole window of 840 s or more.
    expect(pointAt(c, 720)).toBeCloseTo((20 * 600 + 700 * 200) / 720, 9);
    expect(pointAt(c, 840)).toBeNull();
    expect(c.excluded).toEqual([
      {
        durationS: 900,
        value: null,
        startS: 760,
        reason: 'no_reading',
        ref: null,
        note: 'power missing for 900 s from 0:12:40; no window spans it',
      },
    ]);
  });

  it('sets no power best across it (what PBs and eFTP read)', () => {
    const f = factsOf(streams);
    expect(f.powerBests[60]).toBeCloseTo((20 * 600 + 40 * 200) / 60, 1);
    expect(f.powerBests[300]).toBeCloseTo((20 * 600 + 280 * 200) / 300, 1);
    expect(f.powerBests[1200]).toBeUndefined();
    // Normalized power over the seconds with a reading (the sprint held for 900 s made it over 500 W).
    expect(f.normalizedPower!).toBeLessThan(250);
  });

  it('is not a pause: a stop without points still counts as 0 W, and smart recording is not a silence', () => {
    // The same ride with the device stopped (no points at all) over those 900 s.
    const b = new TrackBuilder();
    for (let s = 0; s < 2043; s++)
      if (s < 760 || s >= 1660) b.add({ timeMs: T0 + s * 1000, speedMps: 9, power: s >= 740 && s < 760 ? 600 : 200 });
    const stopped = b.summary(100_000, 'ride')!.streams!;
    expect(stopped.missing).toBeUndefined();
    const c = curveOf(stopped, 'power');
    expect(c.excluded).toEqual([]);
    expect(pointAt(c, 1200)).toBeCloseTo((740 * 200 + 20 * 600 + 440 * 0) / 1200, 0);
    // Smart recording: a point every 1–8 s, each with its reading.
    const sparse = new TrackBuilder();
    for (let s = 0, k = 0; s < 3600; s += 1 + (k++ % 8)) sparse.add({ timeMs: T0 + s * 1000, speedMps: 9, power: 250, hr: 150 });
    expect(sparse.summary(100_000, 'ride')!.streams!.missing).toBeUndefined();
    // A dropped reading or two on a 1-Hz file is spacing, not a lost sensor.
    expect(ride(600, (s) => (s % 97 < 2 ? {} : { power: 250, hr: 150 })).streams!.missing).toBeUndefined();
  });
});

describe('a lost heart-rate strap', () => {
  // 140 bpm with a 1-s reading of 190 at second 600, then nothing for 600 s, then 600 s more at 140.
  const streams = ride(1801, (s) => (s > 600 && s <= 1200 ? {} : { hr: s === 600 ? 190 : 140 })).streams!;

  it('does not turn a 1-s peak into a 10-minute one', () => {
    expect(streams.missing).toEqual({ hr: [[601, 1201]] });
    const c = curveOf(streams, 'hr');
    expect(pointAt(c, 1)).toBe(190);
    expect(pointAt(c, 600)).toBeCloseTo((599 * 140 + 190) / 600, 9);
    expect(pointAt(c, 5)).toBeCloseTo((4 * 140 + 190) / 5, 9);
    expect(c.excluded.map((e) => (e.reason === 'no_reading' ? e.note : e.reason))).toEqual([
      'heart rate missing for 600 s from 0:10:01; no window spans it',
    ]);
    // The peak held 5 s (the max-HR estimate) is a real 5 s.
    expect(factsOf(streams).peakHr).toBe(140);
  });
});

describe('the Edge 810 ride (heart rate absent at 1,832–1,860 s)', () => {
  const FILE = new URL('../../ingest/files/corpus/real/Edge810-Vector-2013-08-16-15-35-10.fit', import.meta.url);
  const bytes = new Uint8Array(readFileSync(FILE));

  /** Heart rate per second from the records as Garmin's decoder reads them: a record's own reading, else none. */
  function decodedHr(): number[] {
    const { messages } = new Decoder(Stream.fromByteArray(bytes)).read({ convertDateTimesToDates: true });
    const recs = messages.recordMesgs as { timestamp: Date; heartRate?: number }[];
    const t0 = recs[0]!.timestamp.getTime();
    const out: number[] = [];
    for (const r of recs) out[Math.round((r.timestamp.getTime() - t0) / 1000)] = r.heartRate ?? NaN;
    // The file is 1 Hz throughout (one record a second, no pause): no second is between records.
    expect(out.length).toBe(recs.length);
    return out;
  }

  it('keeps no heart-rate window across the silence; every point equals the best window of the decoded records', async () => {
    const [activity] = await parseFit(bytes, { fallbackTimeZone: 'UTC' });
    const streams = activity!.streams!;
    expect(streams.missing?.hr).toEqual([[1832, 1861]]);
    const c = curveOf(streams, 'hr');
    expect(c.excluded.filter((e) => e.reason === 'no_reading').map((e) => e.note)).toEqual([
      'heart rate missing for 29 s from 0:30:32; no window spans it',
    ]);

    const hr = decodedHr();
    const sums = [0];
    const gaps = [0];
    for (const v of hr) {
      sums.push(sums.at(-1)! + (Number.isNaN(v) ? 0 : v));
      gaps.push(gaps.at(-1)! + (Number.isNaN(v) ? 1 : 0));
    }
    CURVE_DURATIONS.forEach((d, i) => {
      let best: number | null = null;
      for (let s = 0; s + d <= hr.length; s++)
        if (gaps[s + d] === gaps[s]) best = Math.max(best ?? -Infinity, (sums[s + d]! - sums[s]!) / d);
      expect(c.values[i] ?? null, `${d} s`).toEqual(best === null ? null : expect.any(Number));
      if (best !== null) expect(c.values[i]!, `${d} s`).toBeCloseTo(best, 9);
      const at = c.starts[i];
      if (at != null) expect(at + d <= 1832 || at >= 1861, `${d} s from ${at}`).toBe(true);
    });
    // 1,832 s before the silence and 2,839 s after it: no window of 3,000 s or more is whole any more.
    for (const d of [3000, 3600, 4500]) expect(pointAt(c, d), `${d} s`).toBeNull();
    expect(c.starts[CURVE_DURATIONS.indexOf(2700)]!).toBeGreaterThanOrEqual(1861);
  });
});
