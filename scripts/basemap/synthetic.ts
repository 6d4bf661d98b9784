// The denser layer of the offline basemap around each demo place (scripts/sandbox/strava/tz.ts PLACES, where the
// generated GPS tracks start): a plausible but SYNTHETIC street grid, a park, a wood, a lake and a river, in the
// Protomaps schema (`roads`, `landuse`, `water`). Not real streets: every feature carries `synthetic: true`, and the
// archive's attribution says so. Deterministic: a seeded generator per place.
import type { Feature, LineString, Polygon, Position } from 'geojson';
import { rewind } from './world.ts';

export interface Place {
  lat: number;
  lng: number;
}

/** Half the side of the square around each place that gets the dense layer, in metres. */
export const SYNTHETIC_RADIUS_M = 15_000;
const CORE_M = 6_000;

export interface SyntheticLayers {
  roads: Feature<LineString>[];
  landuse: Feature<Polygon>[];
  water: Feature<LineString | Polygon>[];
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The square around a place as [west, south, east, north] degrees. */
export function syntheticBounds(p: Place): [number, number, number, number] {
  const dLat = SYNTHETIC_RADIUS_M / 111_320;
  const dLng = SYNTHETIC_RADIUS_M / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return [p.lng - dLng, p.lat - dLat, p.lng + dLng, p.lat + dLat];
}

export function syntheticLayers(p: Place, seed: number): SyntheticLayers {
  const rand = seeded(seed);
  const kx = 111_320 * Math.cos((p.lat * Math.PI) / 180);
  // Metres east and north of the place → [lng, lat], rounded to ~1 cm so the output is stable across platforms.
  const at = (e: number, n: number): Position => [Number((p.lng + e / kx).toFixed(7)), Number((p.lat + n / 111_320).toFixed(7))];
  const R = SYNTHETIC_RADIUS_M;
  const props = (kind: string) => ({ kind, synthetic: true });
  const lake = { e: 4_000 + rand() * 1_000, n: 3_000 + rand() * 1_000, r: 600 };
  const inLake = (e: number, n: number) => Math.hypot(e - lake.e, n - lake.n) < lake.r + 30;

  // A line sampled every `step` metres along `along` (−R..R), cut where it would cross the lake.
  const line = (kind: string, fn: (t: number) => [number, number], step = 200): Feature<LineString>[] => {
    const out: Feature<LineString>[] = [];
    let run: Position[] = [];
    const flush = () => {
      if (run.length > 1) out.push({ type: 'Feature', properties: props(kind), geometry: { type: 'LineString', coordinates: run } });
      run = [];
    };
    for (let t = -R; t <= R; t += step) {
      const [e, n] = fn(t);
      if (Math.abs(e) > R || Math.abs(n) > R || inLake(e, n)) flush();
      else run.push(at(e, n));
    }
    flush();
    return out;
  };
  const blob = (ce: number, cn: number, re: number, rn: number, vertices = 24): Position[] => {
    const ring: Position[] = [];
    for (let i = 0; i < vertices; i++) {
      const a = (2 * Math.PI * i) / vertices;
      const k = 0.85 + rand() * 0.3;
      ring.push(at(ce + Math.cos(a) * re * k, cn + Math.sin(a) * rn * k));
    }
    ring.push(ring[0]!);
    return rewind(ring, true);
  };

  const roads: Feature<LineString>[] = [];
  // Arterials every 2.5 km both ways, gently curving; a highway on the diagonal.
  for (let c = -R + 1_250; c < R; c += 2_500) {
    const phase = rand() * 6;
    roads.push(...line('major_road', (t) => [c + 80 * Math.sin(t / 1_500 + phase), t], 250));
    roads.push(...line('major_road', (t) => [t, c + 80 * Math.sin(t / 1_700 + phase)], 250));
  }
  roads.push(...line('highway', (t) => [t, t * 0.6 - 2_000], 250));
  // Minor streets: every 300 m in the core, every 900 m beyond it.
  for (let c = -R + 150; c < R; c += Math.abs(c) < CORE_M ? 300 : 900) {
    const jitter = (rand() - 0.5) * 60;
    roads.push(...line('minor_road', (t) => [c + jitter, t], 300));
    roads.push(...line('minor_road', (t) => [t, c + jitter], 300));
  }
  const park = { e: -2_000, n: 1_500 };
  roads.push(
    ...line('path', (t) => [park.e + t / 25, park.n + 250 * Math.sin(t / 200)], 40).filter((f) => f.geometry.coordinates.length > 3),
  );

  const landuse: Feature<Polygon>[] = [
    { type: 'Feature', properties: props('park'), geometry: { type: 'Polygon', coordinates: [blob(park.e, park.n, 700, 450)] } },
    { type: 'Feature', properties: props('wood'), geometry: { type: 'Polygon', coordinates: [blob(-8_000, -7_000, 1_800, 1_200, 32)] } },
  ];
  const riverPhase = rand() * 6;
  const water: Feature<LineString | Polygon>[] = [
    { type: 'Feature', properties: props('lake'), geometry: { type: 'Polygon', coordinates: [blob(lake.e, lake.n, lake.r, lake.r, 32)] } },
    ...line('river', (t) => [t, -3_000 + 600 * Math.sin(t / 2_200 + riverPhase)], 150),
  ];
  return { roads, landuse, water };
}
