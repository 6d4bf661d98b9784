import { describe, expect, it } from 'vitest';
import { fromLocal, toLocal } from '../../../../lib/geo';
import { frechet, frechetBanded, frechetWithin } from './frechet.calc';
import { FRECHET_TOLERANCE_M, matchActivityAgainst, matchSegment } from './match.calc';
import { ORIGIN, ride, secondAt, seeded, segmentAlong, type XY } from './matching.testing';

const east: XY[] = [
  [0, 0],
  [1000, 0],
];

/** The symmetric Hausdorff distance: what a buffer test checks (every point of each within a band of the other). */
function hausdorff(a: XY[], b: XY[]): number {
  const one = (p: XY[], q: XY[]) => Math.max(...p.map(([x, y]) => Math.min(...q.map(([u, v]) => Math.hypot(x - u, y - v)))));
  return Math.max(one(a, b), one(b, a));
}
const xyOf = (points: { lat: number; lon: number }[]): XY[] =>
  points.map((p) => {
    const l = toLocal(ORIGIN, p);
    return [l.x, l.y];
  });

describe('matchSegment on hand-made tracks', () => {
  it('finds a noisy pass and times it at the gates within a second', () => {
    const seg = segmentAlong(east);
    // Ridden from 500 m west to 500 m east of the segment at 8 m/s with 8 m of noise.
    const track = ride(
      [
        [-500, 0],
        [1500, 0],
      ],
      { noiseM: 8, seed: 7 },
    );
    const passes = matchSegment(track, seg);
    expect(passes).toHaveLength(1);
    expect(passes[0]!.startS).toBeCloseTo(secondAt(500), -0.5);
    expect(passes[0]!.endS).toBeCloseTo(secondAt(1500), -0.5);
    expect(passes[0]!.frechetM).toBeLessThanOrEqual(FRECHET_TOLERANCE_M);
    expect(track.t[passes[0]!.startIdx]).toBeLessThanOrEqual(passes[0]!.startS);
    expect(track.t[passes[0]!.endIdx]).toBeGreaterThanOrEqual(passes[0]!.endS);
  });

  it('refuses a pass in the wrong direction', () => {
    const seg = segmentAlong(east);
    expect(
      matchSegment(
        ride([
          [1500, 0],
          [-500, 0],
        ]),
        seg,
      ),
    ).toEqual([]);
  });

  it('on an out-and-back, matches only the leg that runs the segment’s way', () => {
    const track = ride([
      [0, 0],
      [2000, 0],
      [0, 0],
    ]);
    const out = matchSegment(
      track,
      segmentAlong([
        [500, 0],
        [1500, 0],
      ]),
    );
    // A gate falling between two seconds is rounded either way: within a second.
    expect(out).toHaveLength(1);
    expect(Math.abs(out[0]!.startS - secondAt(500))).toBeLessThanOrEqual(1);
    expect(Math.abs(out[0]!.endS - secondAt(1500))).toBeLessThanOrEqual(1);
    const back = matchSegment(
      track,
      segmentAlong([
        [1500, 0],
        [500, 0],
      ]),
    );
    expect(back).toHaveLength(1);
    expect(Math.abs(back[0]!.startS - secondAt(2500))).toBeLessThanOrEqual(1);
    expect(Math.abs(back[0]!.endS - secondAt(3500))).toBeLessThanOrEqual(1);
  });

  it('counts each lap of a loop, and refuses the loop ridden the other way though a buffer test would pass it', () => {
    const square: XY[] = [
      [0, 0],
      [400, 0],
      [400, 400],
      [0, 400],
      [0, 0],
    ];
    const seg = segmentAlong(square);
    const twice = ride([...square, ...square.slice(1)], { noiseM: 5, seed: 3 });
    const laps = matchSegment(twice, seg);
    expect(laps).toHaveLength(2);
    expect(laps[0]!.endS).toBe(laps[1]!.startS);
    expect(laps[1]!.endS - laps[1]!.startS).toBeCloseTo(1600 / 8, -0.5);

    const reversed = [...square].reverse();
    const wrongWay = ride(reversed);
    // Every point of each is on the other: a buffer (Hausdorff) test of any width passes it; Fréchet sees the order.
    expect(hausdorff(xyOf(seg.points), xyOf(wrongWay.lat.map((lat, i) => ({ lat, lon: wrongWay.lon[i]! }))))).toBeLessThan(10);
    expect(matchSegment(wrongWay, seg)).toEqual([]);
  });

  it('refuses a shortcut across the bend', () => {
    const seg = segmentAlong([
      [0, 0],
      [600, 0],
      [600, 600],
    ]);
    expect(
      matchSegment(
        ride([
          [-200, 0],
          [0, 0],
          [600, 600],
          [600, 800],
        ]),
        seg,
      ),
    ).toEqual([]);
    // Cutting only the corner's last 30 m each way keeps within the leash: riders take the inside of a bend.
    expect(
      matchSegment(
        ride([
          [-200, 0],
          [570, 0],
          [600, 30],
          [600, 800],
        ]),
        seg,
      ),
    ).toHaveLength(1);
  });

  it('refuses a partial pass: stopping short of the end, or leaving and coming back to the end by another road', () => {
    const seg = segmentAlong(east);
    expect(
      matchSegment(
        ride([
          [-200, 0],
          [800, 0],
        ]),
        seg,
      ),
    ).toEqual([]);
    expect(
      matchSegment(
        ride([
          [-200, 0],
          [400, 0],
          [400, 300],
          [1000, 300],
          [1000, 0],
          [1200, 0],
        ]),
        seg,
      ),
    ).toEqual([]);
  });

  it('tolerates a 40 m GPS glitch at either gate', () => {
    const seg = segmentAlong(east);
    for (const at of [0, 1000]) {
      const track = ride(
        [
          [-500, 0],
          [1500, 0],
        ],
        { noiseM: 4, seed: 11 },
      );
      // The point nearest the gate jumps 40 m sideways for a second.
      const i = Math.round(secondAt(500 + at));
      const off = fromLocal({ lat: track.lat[i]!, lon: track.lon[i]! }, 0, 40);
      track.lat[i] = off.lat;
      track.lon[i] = off.lon;
      const passes = matchSegment(track, seg);
      expect(passes).toHaveLength(1);
      expect(Math.abs(passes[0]!.endS - passes[0]!.startS - 1000 / 8)).toBeLessThanOrEqual(1);
    }
  });

  it('finds both passes of one activity', () => {
    const seg = segmentAlong(east);
    const track = ride([
      [-200, 0],
      [1200, 0],
      [1200, 500],
      [-200, 500],
      [-200, 0],
      [1200, 0],
    ]);
    const passes = matchSegment(track, seg);
    expect(passes).toHaveLength(2);
    const lap = 1400 + 500 + 1400 + 500;
    expect(passes.map((p) => p.startS)).toEqual([secondAt(200), secondAt(200 + lap)].map(Math.round));
  });

  it('refuses a parallel road 30 m away between the same gates, and accepts the same road 12 m off', () => {
    const seg = segmentAlong(east);
    const via = (off: number) =>
      ride([
        [-200, 0],
        [100, 0],
        [150, off],
        [850, off],
        [900, 0],
        [1200, 0],
      ]);
    expect(matchSegment(via(30), seg)).toEqual([]);
    const near = matchSegment(via(12), seg);
    expect(near).toHaveLength(1);
    expect(near[0]!.frechetM).toBeCloseTo(12, -0.5);
  });
});

describe('matchActivityAgainst', () => {
  it('finds what matchSegment finds for each segment, skipping those whose gates the track never nears', () => {
    const track = ride(
      [
        [0, 0],
        [3000, 0],
        [3000, 2000],
        [0, 2000],
        [0, 0],
      ],
      { noiseM: 6, seed: 5 },
    );
    const segs = [
      segmentAlong([
        [200, 0],
        [1200, 0],
      ]),
      segmentAlong([
        [1200, 0],
        [200, 0],
      ]),
      segmentAlong([
        [2500, 0],
        [3000, 0],
        [3000, 800],
      ]),
      segmentAlong([
        [500, 900],
        [1500, 900],
      ]),
      segmentAlong([
        [3000, 2000],
        [0, 2000],
        [0, 1500],
      ]),
    ];
    const found = matchActivityAgainst(track, segs);
    expect(found.map((f) => segs.indexOf(f.segment))).toEqual([0, 2, 4]);
    // The same passes; the Fréchet figure moves by the resampling's phase (each projects from its own point).
    for (const f of found) {
      const alone = matchSegment(track, f.segment);
      expect(f.passes.map((p) => [p.startS, p.endS])).toEqual(alone.map((p) => [p.startS, p.endS]));
      for (const [i, p] of f.passes.entries()) expect(Math.abs(p.frechetM - alone[i]!.frechetM)).toBeLessThan(2);
    }
  });
});

describe('frechet', () => {
  it('is the leash length for a small known pair, and sees order where Hausdorff does not', () => {
    // Two parallel lines 3 apart: the leash is 3.
    expect(frechet([0, 1, 2], [0, 0, 0], [0, 1, 2], [3, 3, 3])).toBeCloseTo(3, 9);
    // The same points the other way round: Hausdorff 0, Fréchet the full length.
    expect(frechet([0, 1, 2], [0, 0, 0], [2, 1, 0], [0, 0, 0])).toBeCloseTo(2, 9);
  });

  it('in a band, never says less than the whole table, and says the same for curves that keep in step', () => {
    const rnd = seeded(9);
    for (let k = 0; k < 200; k++) {
      const n = 20 + Math.floor(rnd() * 60);
      const m = 20 + Math.floor(rnd() * 60);
      const ax = Array.from({ length: n }, (_, i) => i * 10);
      const ay = ax.map(() => rnd() * 30);
      const bx = Array.from({ length: m }, (_, j) => (j * 10 * (n - 1)) / (m - 1));
      const by = bx.map(() => rnd() * 30);
      const whole = frechet(ax, ay, bx, by);
      const banded = frechetBanded(ax, ay, bx, by, 1e9, 3);
      expect(banded).toBeGreaterThanOrEqual(whole - 1e-9);
      expect(frechetBanded(ax, ay, bx, by, 1e9, 200)).toBeCloseTo(whole, 9);
      expect(frechetWithin(ax, ay, bx, by, whole + 1e-6)).toBeCloseTo(whole, 9);
      expect(frechetWithin(ax, ay, bx, by, whole - 1e-6)).toBe(Number.POSITIVE_INFINITY);
    }
  });
});
