// Basemap tiles (issue 57, ADR 097): GET /api/v1/maps/tiles/{z}/{x}/{y}.mvt against the health route in the same run,
// through the stack's worker with the offline archive in its local TILES bucket (R2 range reads, the Cache API).
// 1. Cold: each tile of a map view's worth around London (zooms 10–14) and the world (zooms 0–4) asked once, one at a
//    time, beside health one at a time — every answer an edge-cache miss (an R2 directory and tile read, gunzip).
// 2. Warm: 20 clients over the same tiles (now edge-cache hits) interleaved with health, rounds alternating.
// Target (the heatmap bar, taken for the basemap): tile p95 ÷ health p95 ≤ 2.
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, load, percentile, summarize, type Sample } from './lib.ts';

const CLIENTS = 20;
const ROUNDS = 3;
const SECONDS = 8;
const WARMUP_SECONDS = 3;

const tileOf = (lat: number, lng: number, z: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lng + 180) / 360) * 2 ** z), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z)] as const;
};

/** A 4 × 3 view of tiles around London at zooms 10–14, and the whole world at zooms 0–4 (its tiles outside the square cut). */
function tilePaths(): string[] {
  const paths: string[] = [];
  for (let z = 10; z <= 14; z++) {
    const [cx, cy] = tileOf(51.5412, -0.1436, z);
    for (let dx = -2; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) paths.push(`/api/v1/maps/tiles/${z}/${cx + dx}/${cy + dy}.mvt`);
  }
  for (let z = 0; z <= 4; z++)
    for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) paths.push(`/api/v1/maps/tiles/${z}/${x}/${y}.mvt`);
  return paths;
}

async function timed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; res: Response; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { ms: performance.now() - t0, res, bytes };
}

export async function mapTilesBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  const paths = tilePaths();
  const style = await fetch(`${base}/api/v1/maps/style.json`);
  if (!style.ok) throw new Error(`style.json answered ${style.status}: is the basemap in the local TILES bucket?`);
  await style.arrayBuffer();

  // 1. Cold, sequential: every tile once (a miss), each paired with a health call.
  const cold: number[] = [];
  const coldHealth: number[] = [];
  let misses = 0;
  let raw = 0;
  for (const p of paths) {
    const t = await timed(`${base}${p}`, { 'accept-encoding': 'gzip' });
    if (!t.res.ok) throw new Error(`${p}: ${t.res.status}`);
    if (t.res.headers.get('x-basemap-cache') === 'miss') misses++;
    cold.push(t.ms);
    raw += t.bytes;
    coldHealth.push((await timed(`${base}/api/health`)).ms);
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const coldP95 = percentile(sorted(cold), 95);
  const coldHealthP95 = percentile(sorted(coldHealth), 95);
  console.log(
    `cold: ${paths.length} tiles (${misses} edge misses) p50=${fmt(percentile(sorted(cold), 50))}ms p95=${fmt(coldP95)}ms; health p95=${fmt(coldHealthP95)}ms; ${fmt(raw / paths.length / 1024)} KiB a tile`,
  );

  // 2. Warm, under load: the same tiles round-robin (edge-cache hits), interleaved with health.
  let i = 0;
  const endpoints: Record<string, () => Promise<Response>> = {
    health: () => fetch(`${base}/api/health`),
    tile: () => fetch(`${base}${paths[i++ % paths.length]}`, { headers: { 'accept-encoding': 'gzip' } }),
  };
  for (const [name, req] of Object.entries(endpoints)) {
    console.log(`warm-up ${name} (${WARMUP_SECONDS}s)`);
    await load(CLIENTS, WARMUP_SECONDS, req);
  }
  const samples: Record<string, Sample[]> = { health: [], tile: [] };
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const p95: Record<string, number> = {};
    const order = round % 2 ? ['health', 'tile'] : ['tile', 'health'];
    for (const name of order) {
      const sample = await load(CLIENTS, SECONDS, endpoints[name]!);
      samples[name]!.push(sample);
      const s = summarize(sample);
      p95[name] = s.p95;
      console.log(`round ${round} ${name.padEnd(6)} n=${s.n} p50=${fmt(s.p50)}ms p95=${fmt(s.p95)}ms rps=${fmt(s.rps)} errors=${s.errors}`);
    }
    ratios.push(p95.tile! / p95.health!);
  }
  const all = (name: string) => summarize({ latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs), errors: 0, seconds: 1 });
  const medianRatio = sorted(ratios)[Math.floor(ratios.length / 2)]!;
  console.log(`warm ratio per round: ${ratios.map((r) => fmt(r, 2)).join(', ')} (median ${fmt(medianRatio, 2)}; target ≤ 2)`);
  return [
    'bench=map-tiles',
    `tiles=${paths.length}`,
    `cold_tile_p95_ms=${fmt(coldP95)}`,
    `cold_health_p95_ms=${fmt(coldHealthP95)}`,
    `cold_ratio=${fmt(coldP95 / coldHealthP95, 2)}`,
    `warm_tile_p95_ms=${fmt(all('tile').p95)}`,
    `warm_health_p95_ms=${fmt(all('health').p95)}`,
    `warm_ratio_median=${fmt(medianRatio, 2)}`,
    `tile_kib_avg=${fmt(raw / paths.length / 1024)}`,
    `rounds=${ROUNDS}x${SECONDS}s clients=${CLIENTS}`,
  ].join(' ');
}
