// Splits of a real recording (corpus/real/activity-small-fenix2-run.fit, a Garmin Fenix 2 run at 1 Hz;
// source and licence in its README) against an independent computation: the file decoded with Garmin's
// own SDK, and each kilometre or mile found in the records' distance by a plain scan. That the importer
// stores exactly these records' distance and positions is checked with the corpus (real-corpus.test.ts).
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { deltaEncode } from '../../../lib/delta-code';
import { decodeTrack } from './activity-track.calc';
import { splitsOf } from './splits.calc';

const FILE = new URL('../../ingest/files/corpus/real/activity-small-fenix2-run.fit', import.meta.url);
const SEMICIRCLE_DEG = 180 / 2 ** 31;

interface Rec {
  s: number;
  distance: number;
  hr?: number;
  lat?: number;
  lng?: number;
}

/** The records as Garmin's decoder gives them, seconds from the first. */
function records(bytes: Uint8Array): Rec[] {
  const { messages } = new Decoder(Stream.fromByteArray(bytes)).read({ applyScaleAndOffset: true, convertDateTimesToDates: true });
  // The SDK's message types are loose (every field optional).
  const recs = (messages.recordMesgs ?? []) as {
    timestamp: Date;
    distance?: number;
    heartRate?: number;
    positionLat?: number;
    positionLong?: number;
  }[];
  const t0 = recs[0]!.timestamp.getTime();
  return recs
    .filter((r) => typeof r.distance === 'number')
    .map((r) => ({
      s: (r.timestamp.getTime() - t0) / 1000,
      distance: r.distance!,
      hr: r.heartRate,
      lat: r.positionLat === undefined ? undefined : r.positionLat * SEMICIRCLE_DEG,
      lng: r.positionLong === undefined ? undefined : r.positionLong * SEMICIRCLE_DEG,
    }));
}

/** Reference splits: walk the records, and where the distance passes each whole kilometre interpolate the time. */
function referenceSplits(recs: Rec[], unit: number) {
  const out: { endS: number; hrMean: number }[] = [];
  const d0 = recs[0]!.distance;
  let next = unit;
  let startS = recs[0]!.s;
  for (let i = 1; i < recs.length; i++) {
    const a = recs[i - 1]!;
    const b = recs[i]!;
    while (b.distance - d0 >= next) {
      const endS = a.s + ((b.s - a.s) * (next - (a.distance - d0))) / (b.distance - a.distance);
      const hrs = recs.filter((r) => r.s >= startS && r.s < endS && r.hr !== undefined).map((r) => r.hr!);
      out.push({ endS, hrMean: hrs.reduce((x, y) => x + y, 0) / hrs.length });
      startS = endS;
      next += unit;
    }
  }
  return { whole: out, lastM: recs.at(-1)!.distance - d0 - (next - unit) };
}

/** The records stored as the importer stores a 1-Hz file: whole seconds, HR, distance in decimetres delta-coded. */
function stored(recs: Rec[]): ActivityStreams {
  let hr = recs.find((r) => r.hr !== undefined)!.hr!;
  return {
    t: recs.map((r) => Math.round(r.s)),
    hr: recs.map((r) => (hr = r.hr ?? hr)),
    distanceDmDelta: deltaEncode(recs.map((r) => Math.round(r.distance * 10))),
  };
}

describe('splits from a real recording, against Garmin’s decoder', () => {
  const recs = records(new Uint8Array(readFileSync(FILE)));

  it('cuts each kilometre and mile where the records’ distance reaches it, with the heart rate of its seconds', () => {
    const track = decodeTrack(stored(recs), 'run', recs.at(-1)!.distance)!;
    expect(track.distanceFromSpeed).toBe(false);
    for (const units of ['km', 'mi'] as const) {
      const unit = units === 'km' ? 1000 : 1609.344;
      const ref = referenceSplits(recs, unit);
      const ours = splitsOf(track, units);
      expect(ours).toHaveLength(ref.whole.length + (ref.lastM >= 10 ? 1 : 0));
      let startS = 0;
      ref.whole.forEach((r, k) => {
        const s = ours[k]!;
        expect(s.distanceM).toBe(Math.round(unit * 10) / 10);
        // Our samples are whole seconds since the start: a crossing moves by half a second at most.
        expect(Math.abs(s.figures.to - r.endS)).toBeLessThanOrEqual(1);
        expect(Math.abs(s.figures.elapsedS - (r.endS - startS))).toBeLessThanOrEqual(1.5);
        expect(Math.abs(s.figures.hr!.avg! - r.hrMean)).toBeLessThanOrEqual(1);
        startS = r.endS;
      });
      // The rest after the last whole unit is a split of its own unless it is GPS settling (< 10 m).
      if (ref.lastM >= 10) expect(Math.abs(ours.at(-1)!.distanceM - ref.lastM)).toBeLessThanOrEqual(1);
    }
  });
});
