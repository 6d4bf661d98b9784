import { describe, expect, it } from 'vitest';
import type { Series } from '~/utils/activity-streams';
import { boundsOf, classOf, colourChannels, colouring, gradients, NO_VALUE, nearestIndex, PALETTE, runsOf } from './route-colour';

const series = (n: number, values: Series['values'], step = 10): Series =>
  ({
    t: Array.from({ length: n }, (_, i) => i * 5),
    d: Array.from({ length: n }, (_, i) => i * step),
    lat: Array.from({ length: n }, (_, i) => 51 + i * 1e-4),
    lng: Array.from({ length: n }, () => 0),
    values,
  }) as Series;

describe('route colouring', () => {
  it('offers only the channels the activity has, gradient when it is long enough to measure one', () => {
    const ramp = Array.from({ length: 100 }, (_, i) => i);
    expect(colourChannels(series(100, { speed: ramp, hr: ramp, altitude: ramp }))).toEqual(['speed', 'hr', 'gradient']);
    expect(colourChannels(series(10, { power: ramp.slice(0, 10), altitude: ramp.slice(0, 10) }))).toEqual(['power']);
  });

  it('measures gradient over ±50 m: a steady 5 % climb reads 5 % and the ends, without the window, read nothing', () => {
    const d = Array.from({ length: 41 }, (_, i) => i * 10);
    const g = gradients(
      d.map((x) => x * 0.05),
      d,
    );
    expect(g[0]).toBeNull();
    expect(g[20]).toBeCloseTo(5, 6);
    expect(g.at(-1)).toBeNull();
  });

  it('classes between the 5th and 95th percentiles, out-of-range values clamped, gaps grey', () => {
    const hr = [...Array.from({ length: 98 }, (_, i) => 100 + i), 0, 250];
    const c = colouring(series(100, { hr }), 'hr', 'run', 'km')!;
    expect(c.colours[0]).toBe(PALETTE[0]);
    expect(c.colours[97]).toBe(PALETTE.at(-1));
    expect(c.colours[98]).toBe(NO_VALUE);
    expect(c.colours[99]).toBe(PALETTE.at(-1));
    expect(c.legend).toHaveLength(PALETTE.length);
    expect(c.legend[0]!.text).toMatch(/^under \d+ bpm$/);
    expect(c.legend.at(-1)!.text).toMatch(/^\d+ bpm and over$/);
  });

  it('reads a pace legend the runner’s way round: slowest first as "slower than"', () => {
    const speed = Array.from({ length: 100 }, (_, i) => 2.5 + i / 100);
    const c = colouring(series(100, { speed }), 'speed', 'run', 'km')!;
    expect(c.legend[0]!.text).toMatch(/^slower than \d+:\d\d\s\/km$/);
    expect(c.legend.at(-1)!.text).toMatch(/^\d+:\d\d\s\/km or faster$/);
    expect([c.low, c.high]).toEqual(['slower', 'faster']);
  });

  it('leaves a flat channel uncoloured rather than inventing classes', () => {
    expect(colouring(series(50, { power: Array(50).fill(200) }), 'power', 'ride', 'km')).toBeNull();
  });

  it('classOf puts a value on an edge into the class above it', () => {
    expect(classOf(-10, [-6, -2, 2])).toBe(0);
    expect(classOf(-2, [-6, -2, 2])).toBe(2);
    expect(classOf(9, [-6, -2, 2])).toBe(3);
  });
});

describe('route geometry', () => {
  it('merges samples of one colour into one line, joined end to start so the line has no gaps', () => {
    const coords: [number, number][] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ];
    const runs = runsOf(coords, ['a', 'a', 'b', 'b']);
    expect(runs).toEqual([
      { colour: 'a', coords: coords.slice(0, 3) },
      { colour: 'b', coords: coords.slice(2, 4) },
    ]);
  });

  it('finds the nearest sample and the bounds', () => {
    const coords: [number, number][] = [
      [0, 50],
      [0.01, 50],
      [0.02, 50.01],
    ];
    expect(nearestIndex(coords, [0.011, 50.001])).toBe(1);
    expect(nearestIndex([], [0, 0])).toBeNull();
    expect(boundsOf(coords)).toEqual([
      [0, 50],
      [0.02, 50.01],
    ]);
  });
});
