// Awards re-evaluation benchmark (issue 42, ADR 084): one athlete with 1,000 recorded runs (1 h at 1 s each), their
// achievements and open week re-evaluated by the worker's own code bundled for Node against the stack's Postgres.
// "Before" is the evaluation with no stored verdicts (every stream read, as before ADR 084); "after" is one with
// every verdict stored (no stream read), and one after a single activity changed (one stream read).
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { loadEntry, percentile } from './lib.ts';

const ACTIVITIES = 1_000;
const SAMPLES = 3_600;
const ROUNDS = 3;
const NOW = new Date('2026-11-25T12:00:00Z');

type Entry = typeof import('./awards-reevaluate.entry.ts');

async function seed(databaseUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('begin');
    const u = await c.query<{ id: string }>(
      `insert into users (email, password_hash, role, display_name, time_zone, analytics_version)
       values ('awards-bench@bench.test', 'x', 'athlete', 'Awards Bench', 'Europe/London', 1) returning id`,
    );
    const userId = u.rows[0]!.id;
    // One run a day back from yesterday, 10.8 km in an hour, with 1 s samples (t and distance deltas in dm).
    await c.query(
      `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date,
                               moving_time_s, elapsed_time_s, distance_m, detail_complete, content_hash)
       select $1, 'fit_upload', 'bench-' || g, 'run', 'running', 'Run ' || g, $2::timestamptz - (g || ' days')::interval,
              ($2::timestamptz - (g || ' days')::interval)::date, $3, $3, 10800, true, md5(g::text)
       from generate_series(1, $4) g`,
      [userId, NOW.toISOString(), SAMPLES, ACTIVITIES],
    );
    await c.query(
      `insert into activity_streams (activity_id, streams)
       select a.id, jsonb_build_object(
         't', (select jsonb_agg(i) from generate_series(0, $2 - 1) i),
         'distanceDmDelta', (select jsonb_agg(case when i = 0 then 0 else 26 + (random() * 8)::int end) from generate_series(0, $2 - 1) i))
       from activities a where a.user_id = $1`,
      [userId, SAMPLES],
    );
    await c.query('commit');
    await c.query('analyze activities');
    await c.query('analyze activity_streams');
    return userId;
  } finally {
    await c.end();
  }
}

export async function awardsReevaluateBench(stack: Stack): Promise<string> {
  if (!stack.dbWsProxy) throw new Error('the awards bench needs the local WebSocket proxy');
  const userId = await seed(stack.databaseUrl);
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./awards-reevaluate.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy, NOW);
  const times = { before: [] as number[], after: [] as number[], one: [] as number[] };
  const timed = async (key: keyof typeof times, expectRead: number) => {
    const t0 = performance.now();
    const r = await h.reevaluate(userId);
    times[key].push(performance.now() - t0);
    if (r.streamsRead !== expectRead) throw new Error(`${key}: read ${r.streamsRead} streams, expected ${expectRead}`);
  };
  try {
    await h.reevaluate(userId); // warm-up
    for (let round = 1; round <= ROUNDS; round++) {
      await h.forget(userId);
      await timed('before', ACTIVITIES);
      await timed('after', 0);
      await h.touchOne(userId);
      await timed('one', 1);
      console.log(
        `round ${round}: no verdicts ${times.before.at(-1)!.toFixed(0)} ms, all stored ${times.after.at(-1)!.toFixed(0)} ms, one changed ${times.one.at(-1)!.toFixed(0)} ms`,
      );
    }
  } finally {
    await h.close();
    cleanup();
  }
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return `bench=awards activities=${ACTIVITIES} samples=${SAMPLES} before_ms_p50=${med(times.before).toFixed(0)} after_ms_p50=${med(times.after).toFixed(0)} one_changed_ms_p50=${med(times.one).toFixed(0)}`;
}
