// Training calendar benchmarks: `GET /api/v1/calendar` for last month's grid (whole Monday–Sunday weeks)
// under 20 clients, interleaved with the health route, 3 rounds × 8 s after a warm-up.
// `calendar`: 60 done activities and 40 easy planned workouts (`calendar_to_health_p95_ratio`, target ≤ 2).
// `calendar-structured`: 20 structured workouts (ADR 055: nested repeats, ramps, distances, a swim's pool, a
// lap step) and 25 activities (issue 38's month, target ≤ 2.5).
// The athlete (Europe/Berlin) has a year of history before the month (1,000 activities through the
// production write path, so form has something to be computed from) and an active plan whose workouts of
// the month are replaced by ones written straight in (a "bench clock" rewrite, as the plans bench moves its
// plan): four in five are done as planned, and the other activities are done in the evenings.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import type { ActivityInput } from '../worker/features/activities';
import { addDays, mondayOf } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, summarize, type Sample } from './lib.ts';
import { createUsers, login } from './users.ts';

const HISTORY = 1000;
const CLIENTS = 20;
const ROUNDS = 3;
const SECONDS = 8;
const SINGLE = 60;

type Entry = typeof import('./plans.entry.ts');
interface BenchWorkout {
  date: string;
  sport: 'run' | 'bike' | 'swim';
  type: string;
  title: string;
  durationSec: number;
  distanceM: number | null;
  load: number;
  steps: unknown[];
}
interface Spec {
  name: string;
  activities: number;
  target: number;
  /** The month's workouts, `days` from the grid's Monday. */
  workouts: (mod: Entry, from: string, days: number) => BenchWorkout[];
}

/** Last month's grid: from the Monday on or before its first day to the Sunday on or after its last. */
function lastMonthGrid(today: string) {
  const first = `${addDays(`${today.slice(0, 8)}01`, -1).slice(0, 8)}01`;
  const last = addDays(`${today.slice(0, 8)}01`, -1);
  return { from: mondayOf(first), to: addDays(mondayOf(last), 6) };
}

const easy: Spec = {
  name: 'calendar',
  activities: 60,
  target: 2,
  workouts: (_mod, from, days) =>
    Array.from({ length: 40 }, (_, i) => {
      const sport = i % 3 === 2 ? 'bike' : 'run';
      const durationSec = (40 + ((i * 13) % 50)) * 60;
      return {
        date: addDays(from, Math.floor((i * days) / 40)),
        sport,
        type: 'easy',
        title: `Easy ${sport} ${durationSec / 60} min`,
        durationSec,
        distanceM: null,
        load: Math.round(durationSec / 60),
        steps: [],
      };
    }),
};

// Structured sessions as an intervals.icu or TrainingPeaks user writes them: repeats inside repeats, a
// ramp, cadence, distances at a pace, a swim by strokes with rests, a lap-button cool-down.
const SESSIONS: { sport: 'run' | 'bike' | 'swim'; title: string; text: string }[] = [
  {
    sport: 'run',
    title: 'Tempo ladder 2 × (5 min + 3 × 1 km)',
    text: '- warmup 15m Z2\n2x\n  - 5m Z3\n  3x\n    - 1km 4:10-4:20/km\n    - recovery 90s Z1\n  - recovery 3m Z1\n- cooldown 10m Z1',
  },
  {
    sport: 'bike',
    title: 'Threshold 3 × 8 min with surges',
    text: '- warmup ramp 10m 50-75%\n3x\n  - 8m 95-105% 90rpm\n  2x\n    - 30s 120-130%\n    - 30s Z1\n  - recovery 4m Z1\n- cooldown 10m Z1',
  },
  {
    sport: 'swim',
    title: 'CSS 2 × 4 × 100',
    text: 'pool 25m\n- warmup 400mtr free Z2\n2x\n  4x\n    - 100mtr Z4 free\n    - rest 20s\n  - 200mtr Z2 drill\n- cooldown 200mtr choice Z1',
  },
  {
    sport: 'run',
    title: 'Hill repeats 4 × 3 × 2 min',
    text: '- warmup 20m Z2\n4x\n  3x\n    - 2m 100-105% "on the hill"\n    - 1m Z1\n  - recovery 3m Z1\n- lap Z1 HR "until home"',
  },
];

const structured: Spec = {
  name: 'calendar-structured',
  activities: 25,
  target: 2.5,
  workouts: (mod, from, days) =>
    Array.from({ length: 20 }, (_, i) => {
      const s = SESSIONS[i % SESSIONS.length]!;
      const w = mod.structuredWorkout(s.text, s.sport);
      return { date: addDays(from, Math.floor((i * days) / 20)), sport: s.sport, type: 'intervals', title: s.title, ...w };
    }),
};

/** One caller, the endpoints in turn (A B C A B C …): the latency of each without a queue in front of it. */
async function singleCaller(endpoints: Record<string, () => Promise<Response>>): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(endpoints).map((k) => [k, []]));
  for (let i = 0; i < SINGLE; i++)
    for (const [name, req] of Object.entries(endpoints)) {
      const t0 = performance.now();
      const r = await req();
      await r.arrayBuffer();
      times[name]!.push(performance.now() - t0);
    }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summarize({ latenciesMs: v, errors: 0, seconds: 1 }).p50]));
}

export const calendarBench = (stack: Stack) => runCalendarBench(stack, easy);
export const structuredCalendarBench = (stack: Stack) => runCalendarBench(stack, structured);

async function runCalendarBench(stack: Stack, spec: Spec): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the calendar bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./plans.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  const writer = new pg.Pool({ connectionString: stack.databaseUrl, max: CLIENTS });
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, spec.name);
    const userId = (await sql.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    await sql.query("update users set time_zone = 'Europe/Berlin' where id = $1", [userId]);
    const today = new Date().toISOString().slice(0, 10);
    const grid = lastMonthGrid(today);
    const days = Math.round((Date.parse(grid.to) - Date.parse(grid.from)) / 86_400_000) + 1;

    // A year of history up to the grid, loaded as ingestion writes it.
    let batch: ActivityInput[] = [];
    for (const input of mod.history(4242, HISTORY, new Date(`${addDays(grid.from, -1)}T12:00:00Z`), HISTORY)) {
      batch.push(input);
      if (batch.length === 100) {
        await h.activities.ingestMany(userId, batch);
        batch = [];
      }
    }
    if (batch.length) await h.activities.ingestMany(userId, batch);
    const cookie = await login(base, stack.appUrl, email!);
    const headers = { cookie, 'content-type': 'application/json', origin: stack.appUrl };

    // The plan, then the month's workouts written in its place.
    const made = await fetch(`${base}/api/v1/plans`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        goal: { kind: 'run_half', eventDate: addDays(today, 12 * 7), eventName: 'Bench Half' },
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 8,
        includeStrength: false,
      }),
    });
    if (made.status !== 201) throw new Error(`create answered ${made.status}: ${await made.text()}`);
    const planId = ((await made.json()) as { id: string }).id;
    await sql.query('update plans set start_date = $2 where id = $1', [planId, addDays(grid.from, -7)]);
    await sql.query('delete from planned_workouts where plan_id = $1 and date <= $2', [planId, grid.to]);
    const workouts = spec.workouts(mod, grid.from, days);
    for (const [i, w] of workouts.entries())
      await sql.query(
        `insert into planned_workouts (plan_id, user_id, date, sport, type, title, description, duration_sec, distance_m, target_load,
           steps, phase, week, why)
         values ($1, $2, $3, $4, $5, $6, 'Steady and relaxed.', $7, $8, $9, $10, 'base', $11, 'Aerobic base.')`,
        [
          planId,
          userId,
          w.date,
          w.sport,
          w.type,
          w.title,
          w.durationSec,
          w.distanceM,
          w.load,
          JSON.stringify(w.steps),
          1 + Math.floor(i / 7),
        ],
      );

    // Four in five done as planned; the rest of the activities on the month's days in the evening (a ride, a swim, a walk…).
    const done = mod.followPlan(workouts);
    const templates = [...mod.history(777, 200, new Date(), 200)];
    const extras = Array.from({ length: spec.activities - done.length }, (_, i) => {
      const t = templates[(i * 7) % templates.length]!;
      // A different day for each (recordings that overlap would be linked as one).
      const day = addDays(grid.from, (i * 5 + Math.floor(i / 7)) % days);
      return {
        ...t,
        externalId: `bench-extra-${i}`,
        name: `Extra ${t.sport}`,
        startTime: new Date(`${day}T17:00:00Z`),
        localStartDate: day,
      };
    });
    await h.activities.ingestMany(userId, [...done, ...extras]);
    await h.trainingLoad.rebuild(userId);
    await sql.query('analyze');

    const url = `${base}/api/v1/calendar?from=${grid.from}&to=${grid.to}`;
    const probe = (await (await fetch(url, { headers: { cookie } })).json()) as {
      days: { items: { kind: string; workout?: { status: string }; activity: unknown }[] }[];
      weeks: { form: unknown }[];
    };
    const items = probe.days.flatMap((d) => d.items);
    const drawnActivities = items.filter((x) => x.activity).length;
    const drawnWorkouts = items.filter((x) => x.kind === 'workout').length;
    const pairs = items.filter((x) => x.kind === 'workout' && x.activity).length;
    console.log(
      `calendar ${grid.from}…${grid.to} (${days} days, Europe/Berlin): ${drawnWorkouts} workouts (${pairs} done as planned), ${drawnActivities} activities, ${probe.weeks.filter((w) => w.form).length}/${probe.weeks.length} weeks with form`,
    );
    if (drawnActivities !== spec.activities || drawnWorkouts !== workouts.length)
      throw new Error(`the month does not hold ${spec.activities} activities and ${workouts.length} workouts`);

    // `/me` (the session lookup and one more statement) is the floor of any signed-in read: shown beside it.
    // `changed`: the read after a change to the athlete's data (an upload; about a third of the soak's calendar reads
    // follow one): the version moves first, so the weeks' form is computed again (no answer is cached across versions).
    const endpoints: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      calendar: () => fetch(url, { headers: { cookie } }),
      me: () => fetch(`${base}/api/v1/me`, { headers: { cookie } }),
      changed: async () => {
        await writer.query('update users set analytics_version = analytics_version + 1 where id = $1', [userId]);
        return fetch(url, { headers: { cookie } });
      },
    };
    for (const req of Object.values(endpoints)) await load(CLIENTS, 2, req);
    const alone = await singleCaller(endpoints);
    const parts = await mod.calendarBreakdown(h, { id: userId, timeZone: 'Europe/Berlin' }, grid.from, grid.to, 30);
    const plan = await sql.query(`explain (analyze, buffers) ${parts.query.sql}`, parts.query.params);
    const planLines = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']);
    console.log(`Postgres's plan of the calendar statement:\n  ${planLines.join('\n  ')}`);
    console.log(
      `in Node, median of 30: select 1 ${fmt(parts.floor)} ms, statement ${fmt(parts.statement)} ms (${parts.rowBytes} bytes of rows), placement ${fmt(parts.place)} ms, presentation ${fmt(parts.present)} ms, JSON ${fmt(parts.json)} ms`,
    );
    console.log(
      `single caller, p50 of ${SINGLE} each (interleaved): ${Object.entries(alone)
        .map(([k, v]) => `${k} ${fmt(v)} ms`)
        .join(', ')}`,
    );
    const samples: Record<string, Sample[]> = { health: [], calendar: [], me: [], changed: [] };
    const ratios: number[] = [];
    const meRatios: number[] = [];
    const changedRatios: number[] = [];
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
      meRatios.push(p95.me! / p95.health!);
      changedRatios.push(p95.changed! / p95.health!);
    }
    const merged = (name: string) =>
      summarize({
        latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
        errors: samples[name]!.reduce((n, s) => n + s.errors, 0),
        seconds: samples[name]!.reduce((n, s) => n + s.seconds, 0),
      });
    const health = merged('health');
    const cal = merged('calendar');
    const me = merged('me');
    const changed = merged('changed');
    const bytes = (await (await fetch(url, { headers: { cookie } })).arrayBuffer()).byteLength;
    console.log(
      `\nper-round calendar/health p95 ratios: ${ratios.map((r) => fmt(r, 2)).join(', ')} (target ≤ ${spec.target}); answer ${bytes} bytes`,
    );
    console.log(`per-round me/health p95 ratios (reference): ${meRatios.map((r) => fmt(r, 2)).join(', ')}`);
    console.log(`per-round ratios of the read after a change (form computed again): ${changedRatios.map((r) => fmt(r, 2)).join(', ')}`);
    return [
      `bench=${spec.name}`,
      `calendar_workouts=${drawnWorkouts} calendar_activities=${drawnActivities} calendar_pairs=${pairs} answer_bytes=${bytes}`,
      `health_p95_ms=${fmt(health.p95)} calendar_p50_ms=${fmt(cal.p50)} calendar_p95_ms=${fmt(cal.p95)}`,
      `calendar_to_health_p95_ratio=${fmt(cal.p95 / health.p95, 2)} me_to_health_p95_ratio=${fmt(me.p95 / health.p95, 2)}`,
      `changed_calendar_p95_ms=${fmt(changed.p95)} changed_calendar_to_health_p95_ratio=${fmt(changed.p95 / health.p95, 2)}`,
      `node_select1_ms=${fmt(parts.floor)} node_statement_ms=${fmt(parts.statement)} node_row_bytes=${parts.rowBytes} node_place_ms=${fmt(parts.place)} node_present_ms=${fmt(parts.present)}`,
      `single_health_p50_ms=${fmt(alone.health!)} single_me_p50_ms=${fmt(alone.me!)} single_calendar_p50_ms=${fmt(alone.calendar!)} single_changed_p50_ms=${fmt(alone.changed!)}`,
      `errors=${health.errors + cal.errors + me.errors + changed.errors}`,
    ].join(' ');
  } finally {
    await sql.end();
    await writer.end();
    await h.close();
    cleanup();
  }
}
