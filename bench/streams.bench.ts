// Activity streams benchmark: a 4-hour ride at 1 Hz (14,400 samples × 6 channels, plus distance and
// position) stored through the production write path, then
// 1. the activity page's data: the streams API's JSON and the page's own data request (`.data`, Remix's
//    single fetch), gzipped (zlib level 6, as a CDN would) — target ≤ 150 KB;
// 2. the streams API (`GET /api/v1/activities/{id}/streams`) and the range API (`…/streams/range`, a
//    different 5–60-minute range on every call, so never a cached answer) under 20 clients, interleaved
//    with the health route, 3 rounds × 8 s after a warm-up — target p95 ÷ health p95 ≤ 3;
// 3. the first, uncached answer (decode, LTTB, figures, splits, zones) and a range's, single caller.
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, percentile, summarize, type Sample } from './lib.ts';
import { createUsers, login } from './users.ts';

const CLIENTS = 20;
const ROUNDS = 3;
const SECONDS = 8;

type Entry = typeof import('./streams.entry.ts');
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

export async function streamsBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the streams bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./streams.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'streams');
    const userId = (await sql.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    const day = addDays(new Date().toISOString().slice(0, 10), -2);
    const ride = mod.fourHourRide(day);
    const { id } = await h.activities.ingest(userId, ride);
    const stored = await sql.query<{ chars: number; bytes: number }>(
      'select length(streams::text) as chars, pg_column_size(streams) as bytes from activity_streams where activity_id = $1',
      [id],
    );
    // What sending every sample would cost instead (ADR 032): the stored integer form, gzipped.
    const everySampleGz = gzipSync(JSON.stringify(ride.streams)).length;
    console.log(
      `stored streams: ${ride.streams!.t.length} samples, ${kb(stored.rows[0]!.chars)} of JSON text, ${kb(stored.rows[0]!.bytes)} in Postgres (TOAST-compressed); every sample sent as stored would be ${kb(everySampleGz)} gzipped`,
    );
    const cookie = await login(base, stack.appUrl, email!);
    const headers = { cookie };
    const streamsUrl = `${base}/api/v1/activities/${id}/streams`;

    // 3. The first answer is computed (nothing cached yet); then one range, single caller.
    let t0 = performance.now();
    const first = await fetch(streamsUrl, { headers });
    const body = await first.text();
    const firstMs = performance.now() - t0;
    if (!first.ok) throw new Error(`streams answered ${first.status}: ${body.slice(0, 200)}`);
    const view = JSON.parse(body) as { series: { t: number[] }; splits: unknown[]; zones: unknown[] };
    t0 = performance.now();
    const oneRange = await fetch(`${streamsUrl}/range?from=3600&to=5400`, { headers });
    const rangeBody = await oneRange.text();
    const rangeMs = performance.now() - t0;
    console.log(
      `first (uncached) answer ${fmt(firstMs)} ms: ${view.series.t.length} drawn samples, ${view.splits.length} splits, ${view.zones.length} zone tables; one 30-min range ${fmt(rangeMs)} ms`,
    );

    // 1. Payload: the API's JSON, the page's data request and the HTML document, gzipped.
    const page = await fetch(`${stack.appUrl}/activities/${id}.data`, { headers });
    const pageData = Buffer.from(await page.arrayBuffer());
    if (!page.ok) throw new Error(`page data answered ${page.status}`);
    const html = Buffer.from(await (await fetch(`${stack.appUrl}/activities/${id}`, { headers })).arrayBuffer());
    const apiGz = gzipSync(body).length;
    const dataGz = gzipSync(pageData).length;
    console.log(
      `payload: API ${kb(body.length)} → ${kb(apiGz)} gzipped; page data (.data) ${kb(pageData.length)} → ${kb(dataGz)} gzipped; HTML ${kb(html.length)} → ${kb(gzipSync(html).length)} gzipped; a range ${kb(rangeBody.length)} → ${kb(gzipSync(rangeBody).length)} gzipped (target ≤ 150 KB)`,
    );

    // 2. Latency under load, interleaved with the health route.
    let k = 0;
    const endpoints: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      streams: () => fetch(streamsUrl, { headers }),
      range: () => {
        // Every call a range of its own: 5–60 minutes somewhere in the ride.
        const from = (k * 937) % 10_000;
        const to = from + 300 + ((k++ * 331) % 3300);
        return fetch(`${streamsUrl}/range?from=${from}&to=${to}`, { headers });
      },
    };
    for (const req of Object.values(endpoints)) await load(CLIENTS, 2, req);
    const samples: Record<string, Sample[]> = { health: [], streams: [], range: [] };
    const ratios: { streams: number[]; range: number[] } = { streams: [], range: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const p95: Record<string, number> = {};
      for (const [name, req] of Object.entries(endpoints)) {
        const s = await load(CLIENTS, SECONDS, req);
        samples[name]!.push(s);
        const x = summarize(s);
        p95[name] = x.p95;
        console.log(`round ${round} ${name.padEnd(8)} n=${x.n} p50=${fmt(x.p50)}ms p95=${fmt(x.p95)}ms errors=${x.errors}`);
      }
      ratios.streams.push(p95.streams! / p95.health!);
      ratios.range.push(p95.range! / p95.health!);
    }
    const merged = (name: string) =>
      summarize({
        latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
        errors: samples[name]!.reduce((n, s) => n + s.errors, 0),
        seconds: samples[name]!.reduce((n, s) => n + s.seconds, 0),
      });
    const health = merged('health');
    const streams = merged('streams');
    const range = merged('range');
    console.log(
      `\nper-round p95 ratios: streams ${ratios.streams.map((r) => fmt(r, 2)).join(', ')}; range ${ratios.range.map((r) => fmt(r, 2)).join(', ')} (target ≤ 3)`,
    );
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    return [
      'bench=streams',
      `samples=${ride.streams!.t.length} drawn=${view.series.t.length}`,
      `api_gzip_kb=${fmt(apiGz / 1024)} page_data_gzip_kb=${fmt(dataGz / 1024)} every_sample_gzip_kb=${fmt(everySampleGz / 1024)}`,
      `first_ms=${fmt(firstMs)} one_range_ms=${fmt(rangeMs)}`,
      `health_p95_ms=${fmt(health.p95)} streams_p50_ms=${fmt(streams.p50)} streams_p95_ms=${fmt(streams.p95)} range_p50_ms=${fmt(range.p50)} range_p95_ms=${fmt(range.p95)}`,
      `streams_to_health_p95_ratio=${fmt(streams.p95 / health.p95, 2)} range_to_health_p95_ratio=${fmt(range.p95 / health.p95, 2)}`,
      `range_p99_ms=${fmt(percentile(sorted(samples.range!.flatMap((s) => s.latenciesMs)), 99))} errors=${health.errors + streams.errors + range.errors}`,
    ].join(' ');
  } finally {
    await sql.end();
    await h.close();
    cleanup();
  }
}
