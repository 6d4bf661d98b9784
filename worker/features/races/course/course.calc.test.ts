// The course's pure part: thinning to ~10 m keeps the ends, missing elevations are filled, the climb is read as the
// pacing core reads it, and the chart's sample keeps the finish.
import { describe, expect, it } from 'vitest';
import { buildCourse, checkAgainstRace, profileSample, type RawCoursePoint, THIN_STEP_M } from './course.calc';

const line = (n: number, step: number, ele: (m: number) => number | null): RawCoursePoint[] =>
  Array.from({ length: n + 1 }, (_, i) => ({ lat: 51 + i * 1e-5, lon: 0, ele: ele(i * step), distanceM: i * step }));

describe('buildCourse', () => {
  it('thins a 1 m track to every 10 m, keeping the first and last points', () => {
    const c = buildCourse(line(1005, 1, () => 50));
    expect(c.dist[0]).toBe(0);
    expect(c.dist.at(-1)).toBe(1005);
    expect(c.dist).toHaveLength(102);
    for (let i = 1; i < c.dist.length; i++)
      expect(c.dist[i]! - c.dist[i - 1]!).toBeGreaterThanOrEqual(i === c.dist.length - 1 ? 0 : THIN_STEP_M);
    expect(c.gainM).toBeCloseTo(0, 9);
  });

  it('reads a steady 2 % climb as its full height, and a course without elevation as flat', () => {
    const up = buildCourse(line(300, 10, (m) => 100 + 0.02 * m));
    expect(up.gainM).toBeCloseTo(60, 0);
    expect(up.lossM).toBeCloseTo(0, 6);
    const flat = buildCourse(line(300, 10, () => null));
    expect(flat.hasElevation).toBe(false);
    expect(flat.gainM).toBe(0);
  });

  it('fills leading, trailing and inner gaps from the nearest known elevations', () => {
    const pts = line(4, 20, (m) => (m === 20 ? 100 : m === 60 ? 120 : null));
    expect(buildCourse(pts).ele).toEqual([100, 100, 110, 120, 120]);
  });

  it('checks the course against the race with the pacing core’s 3 %', () => {
    const c = buildCourse(line(1000, 10, () => 10));
    expect(checkAgainstRace(c, 10000)).toBeNull();
    expect(checkAgainstRace(c, 10400)).toMatchObject({ reason: 'lengthMismatch', field: 'course' });
  });

  it('samples at most 200 points for the chart, the finish always', () => {
    const c = buildCourse(line(4219, 10, (m) => m / 100));
    const s = profileSample(c);
    expect(s.length).toBeLessThanOrEqual(201);
    expect(s.at(-1)!.distanceM).toBe(42190);
  });
});
