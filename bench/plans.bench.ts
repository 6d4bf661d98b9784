// Plans benchmark. Two figures:
// 1. Generating a 24-week full-distance triathlon plan, single caller: the pure generator in Node
//    (the production function, bundled) and the preview API end to end (fitness reads + generation +
//    JSON) through `wrangler dev`, sequential calls; p50/p95.
// 2. The calendar month API (a 5-week grid: workouts, the athlete's activities of those days, matching
//    and compliance) under 20 clients, interleaved with the health route; p95 ratio (target ≤ 3).
// The athlete has 1,500 activities (the newest 200 with streams) loaded through the production write
// path. Plans start tomorrow at the earliest, so the bench moves the saved plan 8 weeks back (a "bench
// clock" UPDATE, as the demo does) and adds activities that follow four workouts in five, so that the
// month it reads has matches to find.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, percentile, summarize, type Sample } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 1500;
const WITH_STREAMS = 1300;
const GENERATE_RUNS = 300;
const PREVIEW_RUNS = 60;
const CLIENTS = 20;
const ROUNDS = 3;
const SECONDS = 8;
const SHIFT_DAYS = 56;

type Entry = typeof import('./plans.entry.ts');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export async function plansBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the plans bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./plans.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  try {
    // 1a. The generator alone (warm-up, then timed runs).
    for (let i = 0; i < 20; i++) mod.generateTriFull();
    const gen: number[] = [];
    let workouts = 0;
    for (let i = 0; i < GENERATE_RUNS; i++) {
      const t0 = performance.now();
      workouts = mod.generateTriFull().workouts.length;
      gen.push(performance.now() - t0);
    }
    const g = sorted(gen);
    console.log(
      `generator tri_full 24 weeks (${workouts} workouts): p50=${fmt(percentile(g, 50), 2)} ms p95=${fmt(percentile(g, 95), 2)} ms (${GENERATE_RUNS} runs)`,
    );

    // The athlete: history through the production write path, then the training-load rebuild.
    const [email] = await createUsers(stack.databaseUrl, 1, 'plans');
    const userId = (await sql.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    await sql.query("update users set birth_date = '1979-05-14', time_zone = 'UTC' where id = $1", [userId]);
    const end = new Date(new Date().setUTCHours(0, 0, 0, 0));
    let batch = [];
    for (const input of mod.history(7117, ACTIVITIES, end, ACTIVITIES - WITH_STREAMS)) {
      batch.push(input);
      if (batch.length === 100) {
        await h.activities.ingestMany(userId, batch);
        batch = [];
      }
    }
    if (batch.length) await h.activities.ingestMany(userId, batch);
    await h.trainingLoad.rebuild(userId);
    await sql.query('analyze');
    const cookie = await login(base, stack.appUrl, email!);
    const headers = { cookie, 'content-type': 'application/json', origin: stack.appUrl };

    // 1b. The preview API, one caller: 24 weeks from tomorrow to race day.
    const today = new Date().toISOString().slice(0, 10);
    const request = JSON.stringify({
      goal: { kind: 'tri_full', eventDate: addDays(today, 24 * 7), eventName: 'Bench Ironman' },
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 5,
      hoursPerWeek: 14,
      includeStrength: false,
    });
    const preview = () => fetch(`${base}/api/v1/plans/preview`, { method: 'POST', headers, body: request });
    for (let i = 0; i < 5; i++) await (await preview()).arrayBuffer();
    const api: number[] = [];
    for (let i = 0; i < PREVIEW_RUNS; i++) {
      const t0 = performance.now();
      const res = await preview();
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`preview answered ${res.status}`);
      api.push(performance.now() - t0);
    }
    const a = sorted(api);
    console.log(
      `preview API tri_full: p50=${fmt(percentile(a, 50))} ms p95=${fmt(percentile(a, 95))} ms (${PREVIEW_RUNS} sequential calls)`,
    );

    // 2. Save the plan, move it back 8 weeks, and read a month around today.
    const made = await fetch(`${base}/api/v1/plans`, { method: 'POST', headers, body: request });
    if (made.status !== 201) throw new Error(`create answered ${made.status}: ${await made.text()}`);
    const planId = ((await made.json()) as { id: string }).id;
    await sql.query(
      `update plans set start_date = start_date - $2::int, end_date = end_date - $2::int, event_date = event_date - $2::int where id = $1`,
      [planId, SHIFT_DAYS],
    );
    await sql.query('update planned_workouts set date = date - $2::int where plan_id = $1', [planId, SHIFT_DAYS]);
    const from = addDays(today, -28);
    const to = addDays(today, 6);
    // The athlete followed the plan until yesterday (mostly): the month has matches to find.
    const past = await sql.query<{ date: string; sport: string; durationSec: number }>(
      `select to_char(date, 'YYYY-MM-DD') as date, sport, duration_sec as "durationSec" from planned_workouts
        where plan_id = $1 and date < $2::date order by date, created_at`,
      [planId, today],
    );
    await h.activities.ingestMany(userId, mod.followPlan(past.rows));
    await h.trainingLoad.rebuild(userId);
    const calendarUrl = `${base}/api/v1/plans/${planId}/calendar?from=${from}&to=${to}`;
    const probe = (await (await fetch(calendarUrl, { headers: { cookie } })).json()) as { workouts: { status: string }[] };
    const completed = probe.workouts.filter((w) => w.status === 'completed').length;
    const inWindow = await sql.query<{ sport: string; n: number; minutes: number }>(
      `select sport, count(*)::int as n, round(avg(moving_time_s) / 60)::int as minutes from activities
        where user_id = $1 and start_time >= $2::date and start_time < $3::date + 1 group by sport order by sport`,
      [userId, from, to],
    );
    console.log(
      `calendar ${from}…${to}: ${probe.workouts.length} workouts, ${completed} matched to an activity; activities there: ${inWindow.rows.map((r) => `${r.sport} ${r.n} (avg ${r.minutes} min)`).join(', ')}`,
    );

    const endpoints: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      calendar: () => fetch(calendarUrl, { headers: { cookie } }),
    };
    for (const req of Object.values(endpoints)) await load(CLIENTS, 2, req);
    const samples: Record<string, Sample[]> = { health: [], calendar: [] };
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const p95: Record<string, number> = {};
      for (const [name, req] of Object.entries(endpoints)) {
        const s = await load(CLIENTS, SECONDS, req);
        samples[name]!.push(s);
        const x = summarize(s);
        p95[name] = x.p95;
        console.log(`round ${round} ${name.padEnd(8)} n=${x.n} p50=${fmt(x.p50)}ms p95=${fmt(x.p95)}ms errors=${x.errors}`);
      }
      ratios.push(p95.calendar! / p95.health!);
    }
    const merged = (name: string) =>
      summarize({
        latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
        errors: samples[name]!.reduce((n, s) => n + s.errors, 0),
        seconds: samples[name]!.reduce((n, s) => n + s.seconds, 0),
      });
    const health = merged('health');
    const cal = merged('calendar');
    console.log(`\nper-round calendar/health p95 ratios: ${ratios.map((r) => fmt(r, 2)).join(', ')} (target ≤ 3)`);
    return [
      'bench=plans',
      `generate_workouts=${workouts} generate_p50_ms=${fmt(percentile(g, 50), 2)} generate_p95_ms=${fmt(percentile(g, 95), 2)}`,
      `preview_api_p50_ms=${fmt(percentile(a, 50))} preview_api_p95_ms=${fmt(percentile(a, 95))}`,
      `calendar_workouts=${probe.workouts.length} calendar_matched=${completed}`,
      `health_p95_ms=${fmt(health.p95)} calendar_p50_ms=${fmt(cal.p50)} calendar_p95_ms=${fmt(cal.p95)}`,
      `calendar_to_health_p95_ratio=${fmt(cal.p95 / health.p95, 2)} errors=${health.errors + cal.errors}`,
    ].join(' ');
  } finally {
    await sql.end();
    await h.close();
    cleanup();
  }
}
