// The personal heatmap (issue 57, ADR 100): one athlete with ten years of routes (3,500 activities around London,
// runs, rides and walks, a point every 5 m) written as the tracks sync leaves them; the worker's own rebuild bundled
// for Node times the whole history from nothing and one month (its year summed again). Then through the stack:
// tiles at a city zoom (12) and a country zoom (7), all time and the last 12 months of runs, each interleaved with
// the health route (the same-run reference): one caller in ROUNDS rounds, then CLIENTS callers for SECONDS per round.
// Reported: p50/p95 of each, `tile_to_health_p95_ratio` per zoom (target ≤ 2), rebuild times, rows and bytes stored.
import { loadavg } from 'node:os';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, load, loadEntry, percentile, type Sample, summarize, withDatabase } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = Number(process.env.HEATMAP_BENCH_ACTIVITIES ?? 3500);
const YEARS = 10;
const HOME = { lat: 51.5074, lon: -0.1278 };
const END = new Date('2026-11-20T12:00:00Z');
const WARMUP = 20;
const ROUNDS = 200;
const CLIENTS = 4;
const LOAD_ROUNDS = 3;
const SECONDS = 5;

type Entry = typeof import('./heatmap.entry.ts');

/** The 3 × 3 tiles around home at zoom z (a map view's worth). */
function around(z: number): [number, number][] {
  const n = 2 ** z;
  const x = Math.floor(((HOME.lon + 180) / 360) * n);
  const phi = (HOME.lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
  return [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [x + dx, y + dy] as [number, number]));
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => percentile(sorted(xs), q);

export async function heatmapBench(stack: Stack): Promise<string> {
  if (!stack.dbWsProxy) throw new Error('the heatmap bench needs the local WebSocket proxy');
  const base = stack.workerUrl;
  assertLoopback(base);
  const [email] = await createUsers(stack.databaseUrl, 1, 'heatmap');
  const userId = await withDatabase(
    stack.databaseUrl,
    async (c) => (await c.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id,
  );
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./heatmap.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  try {
    let t0 = performance.now();
    const { points } = await h.seed(userId, { count: ACTIVITIES, years: YEARS, end: END, home: HOME, seed: 57 });
    console.log(
      `seeded ${ACTIVITIES} activities over ${YEARS} years, ${points.toLocaleString('en-GB')} points, in ${fmt((performance.now() - t0) / 1000)} s`,
    );

    t0 = performance.now();
    const all = await h.rebuildAll(userId);
    const rebuildAllS = (performance.now() - t0) / 1000;
    const st = await h.storage(userId);
    console.log(
      `whole history rebuilt from nothing: ${all.rebuilt} buckets in ${fmt(rebuildAllS)} s; ${st.rows.toLocaleString('en-GB')} tile rows, ${fmt(Number(st.bytes) / 2 ** 20)} MiB of pixels (table on disk ${fmt(Number(st.on_disk) / 2 ** 20)} MiB)`,
    );
    const busiest = await h.busiestMonth(userId);
    const monthMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      const r = await h.rebuildMonth(userId, busiest.m, busiest.sport);
      monthMs.push(performance.now() - t0);
      if (r.rebuilt !== 3) throw new Error(`one month should rebuild its month, year and all time, rebuilt ${r.rebuilt}`);
    }
    console.log(
      `one month (${busiest.m}, ${busiest.n} ${busiest.sport} activities), its year and all time: ${monthMs.map((m) => fmt(m, 0)).join(', ')} ms`,
    );

    const cookie = await login(base, stack.appUrl, email!);
    const kinds = {
      city: { tiles: around(12), z: 12, q: '' },
      country: { tiles: around(7), z: 7, q: '' },
      city12m: { tiles: around(12), z: 12, q: '?sport=run&from=2025-12&to=2026-11' },
    } as const;
    const counter: Record<string, number> = {};
    const tile = (k: keyof typeof kinds) => {
      const { tiles, z, q } = kinds[k];
      counter[k] = ((counter[k] ?? -1) + 1) % tiles.length;
      const [x, y] = tiles[counter[k]]!;
      return fetch(`${base}/api/v1/maps/heatmap/${z}/${x}/${y}.png${q}`, { headers: { cookie } });
    };
    const health = () => fetch(`${base}/api/health`);
    const home = await tile('city');
    const bytes = (await home.arrayBuffer()).byteLength;
    if (home.status !== 200) throw new Error(`the home tile answered ${home.status}`);

    // One caller, interleaved: health, city, country, city (last 12 months of runs) …
    const names = ['health', 'city', 'country', 'city12m'] as const;
    const single: Record<(typeof names)[number], number[]> = { health: [], city: [], country: [], city12m: [] };
    const call = (n: (typeof names)[number]) => (n === 'health' ? health() : tile(n));
    for (let i = 0; i < WARMUP + ROUNDS; i++)
      for (const n of names) {
        const t = performance.now();
        const res = await call(n);
        await res.arrayBuffer();
        if (res.status !== 200 && res.status !== 204) throw new Error(`${n} answered ${res.status}`);
        if (i >= WARMUP) single[n].push(performance.now() - t);
      }
    for (const n of names)
      console.log(`single caller ${n}: p50 ${fmt(p(single[n], 50))} ms, p95 ${fmt(p(single[n], 95))} ms (${ROUNDS} rounds)`);

    // CLIENTS callers at once, each kind for SECONDS, interleaved per round.
    const loaded: Record<(typeof names)[number], Sample[]> = { health: [], city: [], country: [], city12m: [] };
    const loadBefore = loadavg()[0]!;
    for (let round = 0; round < LOAD_ROUNDS; round++) for (const n of names) loaded[n].push(await load(CLIENTS, SECONDS, () => call(n)));
    const merged = (s: Sample[]) =>
      summarize({ latenciesMs: s.flatMap((x) => x.latenciesMs), errors: s.reduce((a, x) => a + x.errors, 0), seconds: 1 });
    const L = Object.fromEntries(names.map((n) => [n, merged(loaded[n])])) as Record<(typeof names)[number], ReturnType<typeof summarize>>;
    for (const n of names)
      console.log(`${CLIENTS} callers ${n}: n=${L[n].n} p50 ${fmt(L[n].p50)} ms, p95 ${fmt(L[n].p95)} ms, errors ${L[n].errors}`);
    console.log(`load average ${fmt(loadBefore)} → ${fmt(loadavg()[0]!)}; home tile ${bytes} bytes`);

    const r = (n: 'city' | 'country' | 'city12m', src: Record<string, number[]> | null) =>
      fmt(src ? p(src[n]!, 95) / p(src.health!, 95) : L[n].p95 / L.health.p95, 2);
    return [
      `bench=heatmap activities=${ACTIVITIES} years=${YEARS} points=${points} rebuild_all_s=${fmt(rebuildAllS)} rebuild_month_ms=${fmt(p(monthMs, 50), 0)} busiest_month_activities=${busiest.n}`,
      `tile_rows=${st.rows} pixel_mib=${fmt(Number(st.bytes) / 2 ** 20)} home_tile_bytes=${bytes}`,
      `single_health_p95_ms=${fmt(p(single.health, 95))} single_city_p95_ms=${fmt(p(single.city, 95))} single_country_p95_ms=${fmt(p(single.country, 95))} single_city12m_p95_ms=${fmt(p(single.city12m, 95))}`,
      `single_city_to_health_p95_ratio=${r('city', single)} single_country_to_health_p95_ratio=${r('country', single)} single_city12m_to_health_p95_ratio=${r('city12m', single)}`,
      `load_city_to_health_p95_ratio=${r('city', null)} load_country_to_health_p95_ratio=${r('country', null)} load_city12m_to_health_p95_ratio=${r('city12m', null)} target_ratio=2`,
    ].join(' ');
  } finally {
    await h.close();
    cleanup();
  }
}
