// Adaptive plans benchmark (issue 58, ADR 103). The worker's own wiring bundled for Node (adapt.entry.ts) against the
// stack's Postgres through the same driver and proxy; the same-run reference is the health route of the stack's worker.
// 1. Re-planning after one activity: an athlete 8 weeks into a 16-week half-marathon plan (made by the plans service,
//    followed four sessions in five through the activities service) who just added a 3-hour unplanned ride. Each round
//    clears the athlete's plan_adaptations first, so the pass proposes and inserts every trigger again (the worst case:
//    nothing known), then the same pass right after (everything known: reads and engine, no insert). Interleaved with
//    the health route, the order alternating per round.
// 2. The nightly pass: 10,000 athletes cloned in SQL from a second such athlete (plan, workouts, the window's
//    activities and loads, training days), three in ten having missed the last session before today, all read yesterday (due);
//    then `drain(100, 10_000)` ticks back to back (bounded), health asked between ticks.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';
import { seedNight } from './adapt-seed.ts';
import { createUsers } from './users.ts';

const ROUNDS = 40;
const WARMUP = 5;
const ATHLETES = Number(process.env.ADAPT_BENCH_ATHLETES ?? 10_000);
const DRAIN_SECONDS = Number(process.env.ADAPT_BENCH_DRAIN_SECONDS ?? 300);
const LIMIT = 100;
const BUDGET_MS = 10_000;
/** Who missed the last session before today: one in ten per unit. */
const MISSED_TENTHS = 3;

type Entry = typeof import('./adapt.entry.ts');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => percentile(sorted(xs), q);

/** loadEntry's bundle, with `cloudflare:` modules stubbed (the wiring names the Durable Object classes; Node never runs them). */
async function loadWiringEntry(): Promise<{ mod: Entry; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-bench-'));
  const outfile = join(dir, 'entry.mjs');
  await build({
    entryPoints: [new URL('./adapt.entry.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'error',
    // The wiring's email rendering requires Node built-ins from CommonJS (react-dom/server): give the bundle a require.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    plugins: [
      {
        name: 'cloudflare-stub',
        setup(b) {
          b.onResolve({ filter: /^cloudflare:/ }, (a) => ({ path: a.path, namespace: 'cloudflare-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'cloudflare-stub' }, () => ({
            contents: 'export class DurableObject {} export class WorkerEntrypoint {} export const env = {};',
            loader: 'js',
          }));
        },
      },
    ],
  });
  return { mod: (await import(outfile)) as Entry, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function health(base: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/health`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`health answered ${res.status}`);
  return performance.now() - t0;
}

export async function adaptBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the adapt bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadWiringEntry();
  const h = mod.open(stack.databaseUrl, stack.dbWsProxy);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  sql.on('error', () => {});
  await sql.connect();
  const today = new Date().toISOString().slice(0, 10);
  try {
    const emails = await createUsers(stack.databaseUrl, 2, 'adapt');
    const ids = (await sql.query<{ id: string }>('select id from users where email = any($1) order by email', [emails])).rows.map(
      (r) => r.id,
    );
    await sql.query(`update users set time_zone = 'UTC', birth_date = '1985-03-02', sex = 'female' where id = any($1)`, [ids]);
    const [athlete, template] = ids as [string, string];

    // 1. One athlete, re-planned after one activity.
    const made = await h.athleteWithPlan(athlete, today, { ride: true, missLast: true });
    const version = (await sql.query<{ v: number }>('select analytics_version as v from users where id = $1', [athlete])).rows[0]!.v;
    console.log(
      `athlete: ${made.earlier} sandbox activities in the 8 weeks before the plan; half-marathon plan of ${made.workouts} workouts over 16 weeks (plans service), ${made.past} before today, ${made.done} done (the others missed, the last on ${made.last} among them), a 3-hour unplanned ride just added; analytics version ${version}`,
    );
    const passer = h.passer();
    const clear = () => sql.query('delete from plan_adaptations where user_id = $1', [athlete]);
    const cleared: number[] = [];
    const known: number[] = [];
    const healthMs: number[] = [];
    const parts = {
      calendar: [] as number[],
      verdicts: [] as number[],
      fitness: [] as number[],
      wellness: [] as number[],
    };
    let proposals = 0;
    const replanOnce = async (record: boolean) => {
      await clear();
      const c0 = { ...passer.spent };
      const t0 = performance.now();
      proposals = await passer.pass(athlete);
      const ms = performance.now() - t0;
      const c1 = { ...passer.spent };
      if (proposals === 0) throw new Error('the pass proposed nothing: the round did not re-plan');
      const t1 = performance.now();
      const again = await passer.pass(athlete);
      const msKnown = performance.now() - t1;
      if (again !== 0) throw new Error(`the pass read again proposed ${again}: expected nothing new`);
      if (record) {
        cleared.push(ms);
        known.push(msKnown);
        for (const k of Object.keys(parts) as (keyof typeof parts)[]) parts[k].push(c1[k] - c0[k]);
      }
    };
    for (let i = 0; i < WARMUP; i++) {
      await replanOnce(false);
      await health(base);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // A B A B, the order alternating per round: three health calls beside each pass pair.
      if (round % 2 === 0) await replanOnce(true);
      for (let i = 0; i < 3; i++) healthMs.push(await health(base));
      if (round % 2 === 1) await replanOnce(true);
    }
    const engine = await passer.engine(athlete, 200);
    await passer.close();
    const rp95 = p(cleared, 95);
    const hp95 = p(healthMs, 95);
    console.log(
      `re-plan (plan_adaptations cleared before each; ${proposals} proposals inserted), ${ROUNDS} rounds after ${WARMUP} warm-up: p50=${fmt(p(cleared, 50))} ms p95=${fmt(rp95)} ms (target ≤ 50)`,
    );
    console.log(`  same pass right after (every trigger known, nothing inserted): p50=${fmt(p(known, 50))} ms p95=${fmt(p(known, 95))} ms`);
    console.log(
      `  health route beside it (${healthMs.length} calls): p50=${fmt(p(healthMs, 50))} ms p95=${fmt(hp95)} ms; ratio p95 ${fmt(rp95 / hp95, 2)}`,
    );
    console.log(
      `  where it goes (p50 of the cleared passes; the reads overlap): training calendar read ${fmt(p(parts.calendar, 50))} ms (its step verdicts ${fmt(p(parts.verdicts, 50))}), fitness ${fmt(p(parts.fitness, 50))} (the pass's and the calendar form's), readiness ${fmt(p(parts.wellness, 50))}; engine (state, ${engine.triggers} triggers, replan) ${fmt(p(engine.times, 50), 2)} ms (p95 ${fmt(p(engine.times, 95), 2)}) over ${engine.workouts} calendar items; proposals, inserts and notices ≈ ${fmt(p(cleared, 50) - p(known, 50))} ms (cleared − known)`,
    );

    // 2. The nightly pass over ATHLETES athletes.
    const tmade = await h.athleteWithPlan(template, today, { ride: false, missLast: false });
    const s0 = performance.now();
    const seeded = await seedNight(sql, { template, today, lastDay: tmade.last!, athletes: ATHLETES, missedTenths: MISSED_TENTHS });
    console.log(
      `\nnight: template ${tmade.workouts} workouts (${tmade.done} of ${tmade.past} past done, last session before today ${tmade.last}); cloned in ${fmt((performance.now() - s0) / 1000)} s: ${Object.entries(
        seeded,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${MISSED_TENTHS} in 10 missed that last session`,
    );
    const dueCount = async () =>
      (
        await sql.query<{ n: number }>(
          `select count(*)::int as n from plans p join users u on u.id = p.user_id left join plan_adapt_states s on s.user_id = u.id
            where p.status = 'active' and u.blocked_at is null
              and (s.user_id is null or s.day < (now() at time zone u.time_zone)::date or s.analytics_version < u.analytics_version)`,
        )
      ).rows[0]!.n;
    const dueBefore = await dueCount();
    const ticks: { ms: number; athletes: number; proposals: number }[] = [];
    const passes: number[] = [];
    const beforeFirst: number[] = [];
    const nightHealth: number[] = [];
    const spent = { calendar: 0, verdicts: 0, fitness: 0, wellness: 0 };
    const deadline = performance.now() + DRAIN_SECONDS * 1000;
    while (performance.now() < deadline) {
      const t = await h.tick(LIMIT, BUDGET_MS);
      ticks.push({ ms: t.ms, athletes: t.athletes, proposals: t.proposals });
      passes.push(...t.passes);
      beforeFirst.push(t.beforeFirst);
      for (const k of Object.keys(spent) as (keyof typeof spent)[]) spent[k] += t.spent[k];
      for (let i = 0; i < 10; i++) nightHealth.push(await health(base));
      if (ticks.length % 10 === 1 || t.athletes === 0)
        console.log(
          `tick ${ticks.length}: ${t.athletes} athletes, ${t.proposals} proposals, ${fmt(t.ms)} ms (pass p50 ${fmt(p(t.passes, 50))} ms)`,
        );
      if (t.athletes === 0) break;
    }
    const dueAfter = await dueCount();
    const done = ticks.reduce((n, t) => n + t.athletes, 0);
    const working = ticks.filter((t) => t.athletes > 0);
    const perTick = p(
      working.map((t) => t.athletes),
      50,
    );
    const tickMs = working.map((t) => t.ms);
    // A tick the budget ended before its limit (the athletes left wait for the next one).
    const cut = working.filter((t) => t.athletes < LIMIT && t !== working.at(-1));
    const pass95 = p(passes, 95);
    const nh95 = p(nightHealth, 95);
    // At the mean a tick did (a tick the budget ended early did fewer).
    const projected = Math.ceil(dueBefore / (done / Math.max(1, working.length)));
    console.log(
      `\nnight: ${ticks.length} ticks back to back in ${fmt(tickMs.reduce((a, b) => a + b, 0) / 1000)} s of tick time; ${done} of ${dueBefore} due athletes done (${dueAfter} still due)`,
    );
    console.log(
      `  athletes per tick p50 ${perTick}; tick wall p50 ${fmt(p(tickMs, 50))} ms p95 ${fmt(p(tickMs, 95))} ms max ${fmt(Math.max(...tickMs))} ms (budget ${BUDGET_MS}); ${cut.length} ended by the budget before ${LIMIT} athletes${cut.length ? ` (fewest ${Math.min(...cut.map((t) => t.athletes))})` : ''}`,
    );
    console.log(
      `  per-athlete pass p50 ${fmt(p(passes, 50))} ms p95 ${fmt(pass95)} ms (${passes.length} passes; from each calendar read to the next); due query + first plan read p50 ${fmt(p(beforeFirst, 50))} ms`,
    );
    console.log(
      `  a pass's mean: ${fmt(passes.reduce((a, b) => a + b, 0) / passes.length)} ms, of which the training calendar read ${fmt(spent.calendar / passes.length)} ms (its step verdicts ${fmt(spent.verdicts / passes.length)}); fitness (the pass's and the calendar form's) ${fmt(spent.fitness / passes.length)} ms, readiness ${fmt(spent.wellness / passes.length)} ms`,
    );
    console.log(
      `  health beside it (${nightHealth.length} calls between ticks) p50 ${fmt(p(nightHealth, 50))} ms p95 ${fmt(nh95)} ms; pass p95 ÷ health p95 = ${fmt(pass95 / nh95, 2)}`,
    );
    console.log(
      `  at one tick a minute: ${dueBefore} athletes in ${projected} minutes; a 10 s tick holds ${Math.floor(BUDGET_MS / pass95)} passes at the pass p95`,
    );
    return [
      'bench=adapt',
      `replan_rounds=${ROUNDS} replan_proposals=${proposals} replan_p50_ms=${fmt(p(cleared, 50))} replan_p95_ms=${fmt(rp95)}`,
      `replan_known_p50_ms=${fmt(p(known, 50))} replan_calendar_p50_ms=${fmt(p(parts.calendar, 50))} engine_p50_ms=${fmt(p(engine.times, 50), 2)}`,
      `health_p95_ms=${fmt(hp95)} replan_to_health_p95_ratio=${fmt(rp95 / hp95, 2)}`,
      `night_athletes=${dueBefore} night_ticks=${ticks.length} night_done=${done} night_still_due=${dueAfter} athletes_per_tick_p50=${perTick}`,
      `tick_p50_ms=${fmt(p(tickMs, 50))} tick_p95_ms=${fmt(p(tickMs, 95))} tick_max_ms=${fmt(Math.max(...tickMs))} ticks_ended_by_budget=${cut.length}`,
      `projected_minutes=${projected} pass_p50_ms=${fmt(p(passes, 50))} pass_p95_ms=${fmt(pass95)}`,
      `night_health_p95_ms=${fmt(nh95)} pass_to_health_p95_ratio=${fmt(pass95 / nh95, 2)}`,
    ].join(' ');
  } finally {
    await sql.end();
    cleanup();
  }
}
