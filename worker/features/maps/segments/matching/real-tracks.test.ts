// The matcher on real recordings (ingest's corpus; sources and licences in its README), read with Garmin's FIT SDK
// rather than our parser. A segment cut from a stretch of a file must find that stretch again — and the laps that
// ride the same road — and nothing in the other files, which were recorded on other continents.
import { describe, expect, it } from 'vitest';
import { type LatLon, metresBetween, toLocal } from '../../../../lib/geo';
import { matchSegment } from './match.calc';
import { segmentPathOf } from './path.calc';
import { REAL_FILES, type RealRecording, realRecording } from './real-tracks.testing';

/** Metres from p to the nearest point of the line through `path` (brute force: every piece). */
function offPath(p: LatLon, path: LatLon[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < path.length; i++) {
    const a = toLocal(p, path[i - 1]!);
    const b = toLocal(p, path[i]!);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const u = len2 ? Math.min(1, Math.max(0, -(a.x * dx + a.y * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(a.x + u * dx, a.y + u * dy));
  }
  return best;
}

/** The second of the raw record nearest `at` among those within `windowS` of `near` (the file's own timestamps). */
function nearestSecond(r: RealRecording, at: LatLon, near: number, windowS: number): number {
  let best = Number.POSITIVE_INFINITY;
  let second = Number.NaN;
  for (let i = 0; i < r.raw.t.length; i++) {
    if (Math.abs(r.raw.t[i]! - near) > windowS) continue;
    const d = metresBetween(at, { lat: r.raw.lat[i]!, lon: r.raw.lon[i]! });
    if (d < best) {
      best = d;
      second = r.raw.t[i]!;
    }
  }
  return second;
}

/**
 * Passes counted the slow, independent way on the raw records: runs of records all within 25 m of the path, each
 * holding a record within 25 m of the start and a later one within 25 m of the end (direction by time).
 */
function bruteForcePasses(r: RealRecording, path: LatLon[]): number {
  let count = 0;
  let sawStart = false;
  for (let i = 0; i < r.raw.t.length; i++) {
    const p = { lat: r.raw.lat[i]!, lon: r.raw.lon[i]! };
    if (offPath(p, path) > 25) {
      sawStart = false;
      continue;
    }
    if (metresBetween(p, path[0]!) <= 25) sawStart = true;
    else if (sawStart && metresBetween(p, path.at(-1)!) <= 25) {
      count++;
      sawStart = false;
    }
  }
  return count;
}

// Each: the file and the seconds cut. The run laps a park and the Edge 810 ride passes its stretches twice: how many
// times each recording rides the stretch is counted by the brute-force buffer walk below, not by the matcher.
const CASES = [
  { file: 'activity-small-fenix2-run.fit', from: 283, to: 583 },
  { file: 'activity-small-fenix2-run.fit', from: 1417, to: 1717 },
  { file: 'Edge810-Vector-2013-08-16-15-35-10.fit', from: 470, to: 770 },
  { file: 'Edge810-Vector-2013-08-16-15-35-10.fit', from: 3289, to: 3589 },
  { file: 'garmin-edge-500-activity.fit', from: 3807, to: 4107 },
  { file: 'nick.fit', from: 5017, to: 5317 },
] as const;

const recordings = new Map(REAL_FILES.map((f) => [f, realRecording(f)]));

describe('matching real recordings', () => {
  for (const c of CASES)
    it(`${c.file} ${c.from}–${c.to} s: finds the stretch and each lap over it, timed as the file's own records`, () => {
      const r = recordings.get(c.file)!;
      const seg = segmentPathOf(r.track, c.from, c.to)!;
      expect(seg.distanceM).toBeGreaterThan(500);
      const passes = matchSegment(r.track, seg);
      expect(passes.length).toBeGreaterThan(0);
      expect(passes).toHaveLength(bruteForcePasses(r, seg.points));
      // The stretch cut is one of them, to the second.
      expect(passes.some((p) => Math.abs(p.startS - c.from) <= 1 && Math.abs(p.endS - c.to) <= 1)).toBe(true);
      for (const p of passes) {
        // Independently: the elapsed time between the raw records nearest each end, within 2 s.
        const start = nearestSecond(r, seg.points[0]!, p.startS, 60);
        const end = nearestSecond(r, seg.points.at(-1)!, p.endS, 60);
        expect(Math.abs(p.endS - p.startS - (end - start))).toBeLessThanOrEqual(2);
        // And every raw record of the pass lies on the segment's line (within the leash).
        for (let i = 0; i < r.raw.t.length; i++)
          if (r.raw.t[i]! > p.startS && r.raw.t[i]! < p.endS)
            expect(offPath({ lat: r.raw.lat[i]!, lon: r.raw.lon[i]! }, seg.points)).toBeLessThan(25);
      }
      // No other recording goes there.
      for (const [other, o] of recordings) if (other !== c.file) expect(matchSegment(o.track, seg)).toEqual([]);
    });

  it('gives a real climb its metres and grade from the file’s altitude', () => {
    const r = recordings.get('Edge810-Vector-2013-08-16-15-35-10.fit')!;
    const seg = segmentPathOf(r.track, 470, 770)!;
    const alt = r.raw.alt.filter((_, i) => r.raw.t[i]! >= 470 && r.raw.t[i]! <= 770) as number[];
    // Net rise over the stretch from the raw records, against the path's grade (its length is along the road).
    expect(seg.gradePct).toBeCloseTo(((alt.at(-1)! - alt[0]!) / seg.distanceM) * 100, 0);
    expect(seg.climbM).toBeGreaterThanOrEqual(Math.max(0, alt.at(-1)! - alt[0]!));
  });
});
