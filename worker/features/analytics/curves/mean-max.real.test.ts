// Mean-maximal curves of real recordings (the upload corpus: a Wahoo ELEMNT ride with power, an indoor trainer ride,
// a Garmin Fenix 2 run; sources and licences in ../../ingest/files/corpus/real/README.md), against a computation
// written here from the records as Garmin's own decoder reads them: every window length, every start.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { decodeTrack } from '../streams/activity-track.calc';
import { curveSeries, meanMaxCurve } from './mean-max.calc';

const corpus = (name: string) => new URL(`../../ingest/files/corpus/real/${name}`, import.meta.url);

interface Rec {
  s: number;
  power?: number;
  speed?: number;
  hr?: number;
}

function records(name: string): Rec[] {
  const { messages } = new Decoder(Stream.fromByteArray(new Uint8Array(readFileSync(corpus(name))))).read({
    applyScaleAndOffset: true,
    convertDateTimesToDates: true,
  });
  const recs = (messages.recordMesgs ?? []) as {
    timestamp: Date;
    power?: number;
    enhancedSpeed?: number;
    speed?: number;
    heartRate?: number;
  }[];
  const t0 = recs[0]!.timestamp.getTime();
  return recs.map((r) => ({
    s: Math.round((r.timestamp.getTime() - t0) / 1000),
    power: r.power,
    speed: r.enhancedSpeed ?? r.speed,
    hr: r.heartRate,
  }));
}

/** As the importer stores a 1-Hz file: whole seconds, watts, cm/s, bpm. */
const stored = (recs: Rec[]): ActivityStreams => ({
  t: recs.map((r) => r.s),
  power: recs.some((r) => r.power !== undefined) ? recs.map((r) => r.power ?? 0) : undefined,
  speedCms: recs.some((r) => r.speed !== undefined) ? recs.map((r) => Math.round((r.speed ?? 0) * 100)) : undefined,
  hr: recs.some((r) => r.hr !== undefined) ? recs.map((r) => r.hr ?? 0) : undefined,
});

/**
 * The reference: one value per second from the records themselves — a record's own value on its second, a straight
 * line between records up to 10 s apart, and across a longer gap (a stop) 0, or no reading for heart rate.
 */
function perSecond(recs: Rec[], pick: (r: Rec) => number, gapValue: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < recs.length; k++) {
    const a = recs[k]!;
    out[a.s] = pick(a);
    const b = recs[k + 1];
    if (!b) break;
    for (let s = a.s + 1; s < b.s; s++) out[s] = b.s - a.s <= 10 ? pick(a) + ((pick(b) - pick(a)) * (s - a.s)) / (b.s - a.s) : gapValue;
  }
  return out;
}

/** Best mean over every window of every length from 1 to maxLen: one running sum per length; a missing second breaks a window. */
function bruteForce(xs: number[], maxLen: number): (number | null)[] {
  const best: (number | null)[] = [];
  for (let w = 1; w <= maxLen; w++) {
    let top: number | null = null;
    let sum = 0;
    let missing = 0;
    for (let i = 0; i < xs.length; i++) {
      if (Number.isNaN(xs[i]!)) missing++;
      else sum += xs[i]!;
      if (i >= w) {
        if (Number.isNaN(xs[i - w]!)) missing--;
        else sum -= xs[i - w]!;
      }
      if (i >= w - 1 && missing === 0 && (top === null || sum / w > top)) top = sum / w;
    }
    best.push(top);
  }
  return best;
}

describe('mean-maximal curves of real recordings', () => {
  it('the indoor ride’s power: every window length (1 s to the whole ride), every start', { timeout: 60_000 }, () => {
    const recs = records('sample-activity-indoor-trainer.fit');
    const track = decodeTrack(stored(recs), 'ride', 0)!;
    const xs = perSecond(recs, (r) => r.power ?? 0, 0);
    const lengths = Array.from({ length: xs.length }, (_, i) => i + 1);
    const ours = meanMaxCurve(curveSeries(track, 'power')!, lengths);
    const ref = bruteForce(xs, xs.length);
    expect(ours).toHaveLength(ref.length);
    for (const [i, v] of ref.entries()) expect(ours[i]?.value, `${i + 1} s`).toBeCloseTo(v!, 9);
  });

  it('the ELEMNT ride’s power across a 42-minute stop (counted as 0 W): every length to 20 min, then the ladder', {
    timeout: 60_000,
  }, () => {
    const recs = records('2019-02-17-062644-ELEMNT-297E-195-0.fit');
    const track = decodeTrack(stored(recs), 'ride', 0)!;
    const xs = perSecond(recs, (r) => r.power ?? 0, 0);
    const series = curveSeries(track, 'power')!;
    const lengths = [...Array.from({ length: 1200 }, (_, i) => i + 1), 1800, 3600, 7200, 14_400, xs.length];
    const ours = meanMaxCurve(series, lengths);
    const sums = [0];
    for (const v of xs) sums.push(sums.at(-1)! + v);
    lengths.forEach((w, i) => {
      let best = 0;
      for (let s = 0; s + w <= xs.length; s++) best = Math.max(best, (sums[s + w]! - sums[s]!) / w);
      expect(ours[i]?.value, `${w} s`).toBeCloseTo(best, 6);
      // The receipt's moment holds that mean.
      const at = ours[i]!.startS;
      expect((sums[at + w]! - sums[at]!) / w).toBeCloseTo(best, 6);
    });
  });

  it('the run’s speed and heart rate: every length; heart rate never bridges a second without a reading', { timeout: 60_000 }, () => {
    const recs = records('activity-small-fenix2-run.fit');
    const track = decodeTrack(stored(recs), 'run', 0)!;
    const speed = perSecond(recs, (r) => Math.round((r.speed ?? 0) * 100) / 100, 0);
    const oursSpeed = meanMaxCurve(
      curveSeries(track, 'speed')!,
      Array.from({ length: speed.length }, (_, i) => i + 1),
    );
    for (const [i, v] of bruteForce(speed, speed.length).entries()) expect(oursSpeed[i]?.value, `speed ${i + 1} s`).toBeCloseTo(v!, 6);

    const hr = perSecond(recs, (r) => r.hr ?? 0, NaN);
    const oursHr = meanMaxCurve(
      curveSeries(track, 'hr')!,
      Array.from({ length: 600 }, (_, i) => i + 1),
    );
    for (const [i, v] of bruteForce(hr, 600).entries()) expect(oursHr[i]?.value ?? null, `hr ${i + 1} s`).toBeCloseTo(v!, 9);
  });
});
