import { describe, expect, it } from 'vitest';
import { binOf, periodsFor } from './periods.calc';
import { crc32, decodePalettePng, encodePalettePng } from './png';
import { prng, route } from './heatmap.testing';
import { addEncoded, encodePixels, line, pixelKey, pixelOf, project, rasterise, routePixels, sumTiles } from './raster.calc';

const drawn = (x0: number, y0: number, x1: number, y1: number) => {
  const out: [number, number][] = [];
  line(x0, y0, x1, y1, (x, y) => out.push([x, y]));
  return out;
};

describe("Bresenham's line", () => {
  it('draws both ends and one pixel per step of the longer axis, in every octant', () => {
    expect(drawn(0, 0, 3, 0)).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(drawn(0, 0, 0, -2)).toEqual([
      [0, 0],
      [0, -1],
      [0, -2],
    ]);
    expect(drawn(0, 0, 3, 3)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    // The textbook octant-one example (0,0)→(6,2): y steps up at x = 2 and 5.
    expect(drawn(0, 0, 6, 2).map(([, y]) => y)).toEqual([0, 0, 1, 1, 1, 2, 2]);
    for (const [x1, y1] of [
      [7, -3],
      [-5, 9],
      [-8, -2],
      [2, -11],
    ] as const) {
      const px = drawn(0, 0, x1, y1);
      expect(px).toHaveLength(Math.max(Math.abs(x1), Math.abs(y1)) + 1);
      expect(px.at(-1)).toEqual([x1, y1]);
      // 8-connected: each pixel touches the one before it.
      for (let i = 1; i < px.length; i++)
        expect(Math.max(Math.abs(px[i]![0] - px[i - 1]![0]), Math.abs(px[i]![1] - px[i - 1]![1]))).toBe(1);
    }
    expect(drawn(4, 4, 4, 4)).toEqual([[4, 4]]);
  });
});

describe('Web Mercator', () => {
  it('puts (0, 0) mid-world and London in its OpenStreetMap tile (z14: 8186/5448)', () => {
    const p = project({ lat: [0, 51.5074], lon: [0, -0.1278] });
    expect(p.x[0]).toBeCloseTo(0.5, 12);
    expect(p.y[0]).toBeCloseTo(0.5, 12);
    expect(Math.floor(p.x[1]! * 2 ** 14)).toBe(8186);
    expect(Math.floor(p.y[1]! * 2 ** 14)).toBe(5448);
  });

  it('keeps the poles inside the square world', () => {
    const p = project({ lat: [90, -90], lon: [180, -180] });
    const px = routePixels(p, 0);
    expect([...px].map(pixelOf)).toEqual([{ x: 255, y: 0 }, ...Array.from({ length: 255 }, (_, i) => ({ x: 254 - i, y: 1 + i }))]);
  });
});

describe('routes to pixels', () => {
  // An out-and-back along the equator at zoom 14's own scale: 360° / 2²² pixels ≈ 0.0000858° a pixel.
  const step = 360 / 2 ** 22;
  const out = { lat: [0, 0, 0], lon: [step * 0.5, step * 10.5, step * 0.5] };

  it('counts an activity once per pixel, however often it passes', () => {
    const px = routePixels(project(out), 14);
    expect(px.size).toBe(11);
    const tiles = rasterise([out, out]).get(14)!;
    const counts = [...tiles.values()].flatMap((t) => [...t.values()]);
    expect(counts).toEqual(Array(11).fill(2));
  });

  it('builds the same tiles as each route’s own pixel set, added once per route (revisits and tile edges included)', () => {
    const rand = prng(1);
    const routes = Array.from({ length: 6 }, (_, i) =>
      route(rand, { lat: 51.5, lon: i % 2 ? -0.12 : 0.0004 }, i % 3 ? 'run' : 'ride', 4, 5),
    );
    routes.push(routes[0]!);
    for (const z of [3, 10, 14]) {
      const expected = new Map<string, Map<number, number>>();
      for (const r of routes)
        for (const k of routePixels(project(r), z)) {
          const { x, y } = pixelOf(k);
          const tk = `${Math.floor(x / 256)}/${Math.floor(y / 256)}`;
          const t = expected.get(tk) ?? new Map<number, number>();
          expected.set(tk, t);
          const i = (y % 256) * 256 + (x % 256);
          t.set(i, (t.get(i) ?? 0) + 1);
        }
      const got = rasterise(routes).get(z)!;
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [k, t] of expected)
        expect(new Map([...got.get(k)!].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...t].sort((a, b) => a[0] - b[0])));
    }
  });

  it('splits a line crossing a tile edge into both tiles, by pixel index row · 256 + column', () => {
    // (0°, 0°) is the corner of four tiles at every zoom ≥ 1: from just west to just east of it at z1.
    const s1 = 360 / 512;
    const tiles = rasterise([{ lat: [-0.1, -0.1], lon: [-s1 * 1.5, s1 * 1.5] }]).get(1)!;
    expect([...tiles.keys()].sort()).toEqual(['0/1', '1/1']);
    expect([...tiles.get('0/1')!.keys()].sort((a, b) => a - b)).toEqual([254, 255]);
    expect([...tiles.get('1/1')!.keys()].sort((a, b) => a - b)).toEqual([0, 1]);
  });

  it('stores sparse counts that add back into a grid and sum across buckets', () => {
    const t = new Map([
      [0, 1],
      [65_535, 3],
      [300, 70_000],
    ]);
    const grid = new Uint32Array(65_536);
    addEncoded(grid, encodePixels(t));
    addEncoded(grid, encodePixels(t));
    expect([grid[0], grid[300], grid[65_535]]).toEqual([2, 140_000, 6]);
    expect(
      encodePixels(
        new Map([
          [1, 1],
          [2, 1],
          [258, 3],
        ]),
      ),
    ).toEqual(new Uint8Array([2, 1, 1, 1, 0x80, 0x02, 3]));
    const sum = sumTiles([
      { key: '1/2', pixels: encodePixels(new Map([[5, 2]])) },
      { key: '1/2', pixels: encodePixels(new Map([[5, 3]])) },
    ]);
    expect(sum.get('1/2')!.get(5)).toBe(5);
    expect(pixelOf(pixelKey(4_194_303, 17))).toEqual({ x: 4_194_303, y: 17 });
  });
});

describe('periods and colours', () => {
  const have = new Set(['all', '2024', '2024-03', '2024-11', '2025', '2025-01', '2025-06', '2026-02']);
  it('reads all time’s bucket for every month, a year’s only when the range holds the whole year, and months elsewhere', () => {
    expect(periodsFor(have, {})).toEqual(['all']);
    expect(periodsFor(have, { from: '2024-03', to: '2026-05' })).toEqual(['all']);
    expect(periodsFor(new Set([...have].filter((p) => p !== 'all')), {})).toEqual(['2024', '2025', '2026-02']);
    expect(periodsFor(have, { from: '2024-01', to: '2025-12' })).toEqual(['2024', '2025']);
    expect(periodsFor(have, { from: '2024-04' })).toEqual(['2024-11', '2025', '2026-02']);
    expect(periodsFor(have, { from: '2025-01', to: '2025-05' })).toEqual(['2025-01']);
    expect(periodsFor(have, { to: '2023-12' })).toEqual([]);
  });

  it('bins counts by doublings', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 127, 128, 10_000].map(binOf)).toEqual([0, 1, 2, 2, 3, 3, 4, 7, 8, 8]);
  });
});

describe('the PNG encoder', () => {
  it('has the standard CRC-32 check value', () => {
    expect((crc32(new TextEncoder().encode('123456789')) ^ 0xffffffff) >>> 0).toBe(0xcbf43926);
  });

  it('round-trips a palette image with its transparency', async () => {
    const indices = new Uint8Array(256 * 256).map((_, i) => (i * 7) % 9);
    const png = await encodePalettePng(256, 256, indices, [
      [0, 0, 0, 0],
      ...Array.from({ length: 8 }, (_, i) => [i, i, i, 255 - i] as const),
    ]);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const back = await decodePalettePng(png);
    expect(back.width).toBe(256);
    expect(back.indices).toEqual(indices);
    expect([...back.alpha]).toEqual([0, 255, 254, 253, 252, 251, 250, 249, 248]);
  });
});
