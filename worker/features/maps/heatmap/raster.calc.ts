// The heatmap's rasterisation (ADR 100): routes projected to Web Mercator pixels and drawn segment by segment with
// Bresenham's line algorithm, each activity counted once per pixel, gathered per slippy-map tile. Pure, node lane.

/** The zooms stored: 14 is a pixel of 9.6 m at the equator (6 m at 51° N), about GPS noise; MapLibre overzooms past it. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 14;
/** Pixels per tile side, as every slippy map. */
export const TILE = 256;
/** Web Mercator's latitude limit (the square world): atan(sinh(π)). */
const MAX_LAT = 85.0511287798066;

/** A route as the heatmap reads it: degrees, in order. */
export interface Route {
  lat: readonly number[];
  lon: readonly number[];
}

/** A route's points as fractions of the world (0..1 both ways), computed once and scaled for each zoom. */
export function project(route: Route): { x: Float64Array; y: Float64Array } {
  const n = route.lat.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, route.lat[i]!));
    const phi = (lat * Math.PI) / 180;
    x[i] = (route.lon[i]! + 180) / 360;
    y[i] = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
  }
  return { x, y };
}

/** The integer pixel (world pixel coordinates at zoom z) a fraction of the world falls in, kept inside the world. */
const cell = (f: number, size: number) => Math.min(size - 1, Math.max(0, Math.floor(f * size)));

/**
 * Bresenham's line algorithm (1965), all octants: every pixel from (x0, y0) to (x1, y1) inclusive, 8-connected,
 * handed to `put` (which may see a pixel twice when a route folds back; callers count sets).
 */
export function line(x0: number, y0: number, x1: number, y1: number, put: (x: number, y: number) => void): void {
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    put(x, y);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** Key of a world pixel at zoom ≤ 14: x · 2²² + y (both < 2²², so exact in a double). */
const WORLD_BITS = 2 ** (MAX_ZOOM + 8);
export const pixelKey = (x: number, y: number) => x * WORLD_BITS + y;
export const pixelOf = (key: number) => ({ x: Math.floor(key / WORLD_BITS), y: key % WORLD_BITS });

/** The set of world pixels one projected route passes through at zoom z: its segments drawn, each pixel once. */
export function routePixels(p: { x: Float64Array; y: Float64Array }, z: number): Set<number> {
  const size = TILE * 2 ** z;
  const out = new Set<number>();
  const put = (x: number, y: number) => void out.add(pixelKey(x, y));
  if (p.x.length === 0) return out;
  let px = cell(p.x[0]!, size);
  let py = cell(p.y[0]!, size);
  put(px, py);
  for (let i = 1; i < p.x.length; i++) {
    const qx = cell(p.x[i]!, size);
    const qy = cell(p.y[i]!, size);
    if (qx !== px || qy !== py) line(px, py, qx, qy, put);
    px = qx;
    py = qy;
  }
  return out;
}

/** A tile's counts: pixel index (row · 256 + column) → activities through it. */
export type TileCounts = Map<number, number>;
/** Tiles of one zoom by key `x/y`. */
export type ZoomTiles = Map<string, TileCounts>;

/**
 * Draws one projected route into a zoom's tiles, counting each pixel once for activity number `a`: a per-tile stamp
 * of the last activity that counted there (small-integer maps, no per-activity set), the current tile cached.
 */
function drawInto(
  tiles: ZoomTiles,
  stamps: Map<string, Map<number, number>>,
  p: { x: Float64Array; y: Float64Array },
  z: number,
  a: number,
) {
  const size = TILE * 2 ** z;
  let tx = -1;
  let ty = -1;
  let counts: TileCounts = new Map();
  let stamp = new Map<number, number>();
  const put = (x: number, y: number) => {
    const nx = Math.floor(x / TILE);
    const ny = Math.floor(y / TILE);
    if (nx !== tx || ny !== ty) {
      [tx, ty] = [nx, ny];
      const k = `${tx}/${ty}`;
      counts = tiles.get(k) ?? new Map();
      stamp = stamps.get(k) ?? new Map();
      tiles.set(k, counts);
      stamps.set(k, stamp);
    }
    const i = (y - ty * TILE) * TILE + (x - tx * TILE);
    if (stamp.get(i) === a) return;
    stamp.set(i, a);
    counts.set(i, (counts.get(i) ?? 0) + 1);
  };
  if (p.x.length === 0) return;
  let px = cell(p.x[0]!, size);
  let py = cell(p.y[0]!, size);
  put(px, py);
  for (let i = 1; i < p.x.length; i++) {
    const qx = cell(p.x[i]!, size);
    const qy = cell(p.y[i]!, size);
    if (qx !== px || qy !== py) line(px, py, qx, qy, put);
    px = qx;
    py = qy;
  }
}

/**
 * A bucket's tiles at every stored zoom from its routes: `zooms[z]` maps `x/y` to that tile's counts, each route
 * drawn as `routePixels` draws it (the tests hold the two equal). The whole bucket is rebuilt from its routes each
 * time, so building twice gives the same rows (idempotent).
 */
export function rasterise(routes: readonly Route[]): Map<number, ZoomTiles> {
  const zooms = allZooms();
  const out = new Map<number, ZoomTiles>(zooms.map((z) => [z, new Map()]));
  const stamps = new Map<number, Map<string, Map<number, number>>>(zooms.map((z) => [z, new Map()]));
  routes.forEach((r, a) => {
    const p = project(r);
    for (const z of zooms) drawInto(out.get(z)!, stamps.get(z)!, p, z, a);
  });
  return out;
}

export const allZooms = (): number[] => Array.from({ length: MAX_ZOOM - MIN_ZOOM + 1 }, (_, i) => MIN_ZOOM + i);

/**
 * Sparse pixels as stored, by index: for each pixel the gap from the previous index (the first from −1) and its count,
 * both LEB128 varints — a line's neighbours are 1 or 256 apart and most counts are small, so ~2.5 bytes a pixel.
 */
export function encodePixels(t: TileCounts): Uint8Array {
  const keys = [...t.keys()].sort((a, b) => a - b);
  const out = new Uint8Array(keys.length * 6);
  let o = 0;
  const put = (v: number) => {
    while (v >= 0x80) {
      out[o++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[o++] = v;
  };
  let prev = -1;
  for (const k of keys) {
    put(k - prev);
    put(Math.min(0xffff_ffff, t.get(k)!));
    prev = k;
  }
  return out.slice(0, o);
}

/** Calls `each(index, count)` for every stored pixel (encodePixels' reader). */
export function eachPixel(bytes: Uint8Array, each: (index: number, count: number) => void): void {
  let o = 0;
  let index = -1;
  const get = () => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[o++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  };
  while (o < bytes.length) {
    index += get();
    each(index, get());
  }
}

/** Adds stored pixels into a 256 × 256 grid of counts (the sum over buckets: each activity is in one bucket). */
export function addEncoded(grid: Uint32Array, bytes: Uint8Array): void {
  // eachPixel inlined: this loop is most of a tile request's time (tens of rows of thousands of pixels).
  let o = 0;
  let index = -1;
  const n = bytes.length;
  while (o < n) {
    let b = bytes[o++]!;
    let gap = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = bytes[o++]!;
      gap += (b & 0x7f) * 2 ** shift;
    }
    index += gap;
    b = bytes[o++]!;
    let count = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = bytes[o++]!;
      count += (b & 0x7f) * 2 ** shift;
    }
    grid[index]! += count;
  }
}

/** Sums several buckets' tiles (a year from its months): `x/y` → counts. */
export function sumTiles(rows: readonly { key: string; pixels: Uint8Array }[]): ZoomTiles {
  const out: ZoomTiles = new Map();
  for (const r of rows) {
    const t = out.get(r.key) ?? new Map<number, number>();
    out.set(r.key, t);
    eachPixel(r.pixels, (i, c) => t.set(i, (t.get(i) ?? 0) + c));
  }
  return out;
}
