import { describe, expect, it } from 'vitest';
import { encodePolyline, metresBetween } from '../../../../lib/geo';
import { decodeSegmentPath, pathLength, resample, SEGMENT_SPACING_M, segmentPathOf } from './path.calc';
import { ride } from './matching.testing';

describe('resample', () => {
  it('puts points the spacing apart along the line, the ends exact', () => {
    const line = ride([
      [0, 0],
      [95, 0],
      [95, 47],
    ]);
    const points = line.lat.map((lat, i) => ({ lat, lon: line.lon[i]! }));
    const out = resample(points, 10);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
    // 142 m of line: 14 steps of 10 m and a last one of 2 m; steps measured along the line, so the corner's is shorter.
    expect(out).toHaveLength(16);
    expect(pathLength(out)).toBeGreaterThan(135);
    expect(pathLength(out)).toBeLessThan(142);
    for (let i = 1; i < out.length - 1; i++) expect(metresBetween(out[i - 1]!, out[i]!)).toBeLessThanOrEqual(10.001);
  });

  it('keeps a single point and an empty line as they are', () => {
    expect(resample([], 10)).toEqual([]);
    expect(resample([{ lat: 51.5, lon: 0 }], 10)).toEqual([{ lat: 51.5, lon: 0 }]);
  });
});

describe('segmentPathOf', () => {
  it('cuts the seconds asked for, resampled every 10 m, with its box, length, climb and grade', () => {
    // 2 km east at 8 m/s, climbing 1 m every 25 m (4 %) with ±0.5 m of barometer noise.
    const track = ride([
      [0, 0],
      [2000, 0],
    ]);
    const alt = track.t.map((s) => 100 + (s * 8) / 25 + (s % 2 ? 0.5 : -0.5));
    const seg = segmentPathOf({ ...track, alt }, 25, 150)!;
    // Seconds 25–150 at 8 m/s: 1,000 m, 40 m up.
    expect(seg.distanceM).toBeCloseTo(1000, 0);
    expect(seg.points).toHaveLength(1000 / SEGMENT_SPACING_M + 1);
    expect(seg.climbM).toBeGreaterThan(38);
    expect(seg.climbM).toBeLessThan(42);
    // The ends' noise moves the net rise by up to 1 m in 1,000: 4 ± 0.1 %.
    expect(Math.abs(seg.gradePct! - 4)).toBeLessThanOrEqual(0.11);
    expect(seg.box.minLon).toBeCloseTo(track.lon[25]!, 9);
    expect(seg.box.maxLon).toBeCloseTo(track.lon[150]!, 9);
    // Without altitude: no climb, no grade; a range with one point: nothing.
    expect(segmentPathOf(track, 25, 150)).toMatchObject({ climbM: null, gradePct: null });
    expect(segmentPathOf(track, 25, 25)).toBeNull();
    // The stored form (precision 6) reads back within 0.1 m.
    const back = decodeSegmentPath({ polyline: encodePolyline(seg.points, 6), distanceM: seg.distanceM });
    for (const [i, p] of back.points.entries()) expect(metresBetween(p, seg.points[i]!)).toBeLessThan(0.1);
  });
});
