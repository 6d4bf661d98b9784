// Weekly leaderboard close benchmark (issue 42): 10,000 athletes in 5 zones, each with last week's board rows
// (two sports) and this week's, then the cron's close — one statement per zone making final every week that has
// ended there. Runs the worker's close bundled for Node against the stack's Postgres; measures wall time and the
// Node process's heap and RSS while it runs. Reference in the same run: a bare select of the open rows.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { loadEntry, percentile } from './lib.ts';

const ATHLETES = 10_000;
const ROUNDS = 3;
const ZONES = ['Pacific/Auckland', 'Asia/Kolkata', 'Europe/London', 'America/New_York', 'America/Los_Angeles'];
/** Monday 12:00 UTC: the week of the 16th has ended in all five zones, the week of the 23rd has begun in all. */
const NOW = new Date('2026-11-23T12:00:00Z');
const ENDED = '2026-11-16';
const OPEN = '2026-11-23';

type Entry = typeof import('./leaderboards.entry.ts');

async function seed(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(
      `insert into users (email, password_hash, role, display_name, time_zone)
       select 'board-bench-' || g || '@bench.test', 'x', 'athlete', 'Athlete ' || g, ($2::text[])[1 + g % 5]
       from generate_series(1, $1) g`,
      [ATHLETES, ZONES],
    );
    // Two sports last week, one this week: 30,000 rows, 20,000 of them due to close.
    await c.query(
      `insert into leaderboard_weeks (user_id, week_start, zone, sport, distance_m, moving_s, active_days, counted_activity_ids, excluded_count)
       select u.id, w.week::date, u.time_zone, s.sport, 10000 + (random() * 40000), 3600 + (random() * 7200)::int, 1 + (random() * 6)::int,
              array[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()], (random() * 2)::int
       from users u
       cross join (values ($1), ($2)) w(week)
       cross join (values ('run'), ('ride')) s(sport)
       where u.email like 'board-bench-%' and (w.week = $1 or s.sport = 'run')`,
      [ENDED, OPEN],
    );
    await c.query('commit');
    await c.query('analyze leaderboard_weeks');
  } finally {
    await c.end();
  }
}

export async function leaderboardsBench(stack: Stack): Promise<string> {
  if (!stack.dbWsProxy) throw new Error('the leaderboards bench needs the local WebSocket proxy');
  await seed(stack.databaseUrl);
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./leaderboards.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy, NOW);
  const closeMs: number[] = [];
  const selectMs: number[] = [];
  const heapPeakMb: number[] = [];
  const rssPeakMb: number[] = [];
  try {
    await h.bareSelect();
    await h.closeWeeks();
    await h.reopen(ENDED);
    for (let round = 1; round <= ROUNDS; round++) {
      let t0 = performance.now();
      const open = await h.bareSelect();
      selectMs.push(performance.now() - t0);
      global.gc?.();
      const base = process.memoryUsage();
      let heapPeak = base.heapUsed;
      let rssPeak = base.rss;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed);
        rssPeak = Math.max(rssPeak, m.rss);
      }, 5);
      t0 = performance.now();
      const { zones, closed } = await h.closeWeeks();
      closeMs.push(performance.now() - t0);
      clearInterval(sampler);
      heapPeakMb.push((heapPeak - base.heapUsed) / 2 ** 20);
      rssPeakMb.push((rssPeak - base.rss) / 2 ** 20);
      const expected = ATHLETES * 2;
      if (closed !== expected || (await h.finalCount(ENDED)) !== expected || (await h.finalCount(OPEN)) !== 0)
        throw new Error(`closed ${closed}; expected ${expected} final rows of ${ENDED} and none of ${OPEN}`);
      // A second close right after changes nothing.
      if ((await h.closeWeeks()).closed !== 0) throw new Error('a second close closed again');
      console.log(
        `round ${round}: closed ${closed} rows in ${zones} zones in ${closeMs.at(-1)!.toFixed(0)} ms (bare select of ${open} open rows ${selectMs.at(-1)!.toFixed(0)} ms), heap +${heapPeakMb.at(-1)!.toFixed(1)} MiB, rss +${rssPeakMb.at(-1)!.toFixed(1)} MiB`,
      );
      await h.reopen(ENDED);
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
  return `bench=leaderboards athletes=${ATHLETES} zones=${ZONES.length} rows_closed=${ATHLETES * 2} close_ms_p50=${med(closeMs).toFixed(0)} close_ms_max=${Math.max(...closeMs).toFixed(0)} bare_select_ms_p50=${med(selectMs).toFixed(0)} heap_peak_mib=${Math.max(...heapPeakMb).toFixed(1)} rss_peak_mib=${Math.max(...rssPeakMb).toFixed(1)} target_ms=2000`;
}
