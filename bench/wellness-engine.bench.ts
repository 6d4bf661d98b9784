// The N=1 engine (issue 40, ADR 070): one athlete with three years of daily wellness (check-ins, a Garmin's sleep,
// HRV and resting HR, weigh-ins, pain flags) and 1,500 sandbox activities (the newest 200 with streams, so HR
// histograms feed the intensity input), ~150 questions. Figures: a full pass (gather from the database + test the
// family) p95, target ≤ 300 ms; the update after one check-in (the wellness hook's patch: the day re-read, the
// family re-tested, the state saved) p95, target ≤ 30 ms; the pure compute of a pass; and the health route's p95
// measured in the same run for the ratios. Then through the worker (the athlete's WellnessEngine Durable Object): the
// check-in request alone, and from sending it to a findings read that includes the patch.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, percentile, summarize } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 1500;
const WITH_STREAMS = 200;
const DAYS = 3 * 365;
const FULL_RUNS = 15;
const CHECKIN_RUNS = 40;

type Entry = typeof import('./wellness-engine.entry.ts');
const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  );

export async function wellnessEngineBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the wellness-engine bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./wellness-engine.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  sql.on('error', () => {});
  await sql.connect();
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'wellness-engine');
    const userId = (await sql.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    await sql.query("update users set birth_date = '1984-05-01', sex = 'female' where id = $1", [userId]);
    const today = new Date().toISOString().slice(0, 10);
    const end = new Date(`${today}T00:00:00Z`);

    const t0 = performance.now();
    let batch = [];
    for (const input of mod.history(5150, ACTIVITIES, end, ACTIVITIES - WITH_STREAMS)) {
      batch.push(input);
      if (batch.length === 100) {
        await h.activities.ingestMany(userId, batch);
        batch = [];
      }
    }
    if (batch.length) await h.activities.ingestMany(userId, batch);
    const span = (
      await sql.query<{ first: string; n: number }>(
        'select min(local_start_date)::text as first, count(*)::int as n from activities where user_id = $1',
        [userId],
      )
    ).rows[0]!;
    console.log(`loaded ${span.n} activities from ${span.first} in ${fmt((performance.now() - t0) / 1000)} s`);

    // Three years of days, written as the importers and the check-in would (one row per day × source × field).
    const from = addDays(today, -(DAYS - 1));
    const fields: [string, string, string, number][] = [
      // field, source, value expression over random(), share of days
      ['sleepS', 'garmin', '21600 + random() * 10800', 0.95],
      ['sleepS', 'checkin', '21600 + random() * 10800', 0.3],
      ['sleepScore', 'garmin', '50 + random() * 45', 0.95],
      ['hrvRmssd', 'garmin', '40 + random() * 50', 0.9],
      ['restingHr', 'garmin', '44 + random() * 12', 0.95],
      ['deviceStress', 'garmin', '15 + random() * 50', 0.9],
      ['sleepQuality', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['soreness', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['fatigue', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['stress', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['mood', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['motivation', 'checkin', '1 + floor(random() * 4)', 0.7],
      ['injury', 'checkin', 'case when random() < 0.05 then 1 else 0 end', 0.7],
      ['weightKg', 'garmin', '61 + random() * 2', 0.5],
    ];
    for (const [field, source, value, share] of fields)
      await sql.query(
        `insert into wellness_readings (user_id, day, source, field, value)
         select $1, d::date, $2, $3, ${value} from generate_series($4::date, $5::date, interval '1 day') d where random() < $6`,
        [userId, source, field, from, today, share],
      );
    const rows = (await sql.query<{ n: number }>('select count(*)::int as n from wellness_readings where user_id = $1', [userId])).rows[0]!
      .n;
    await sql.query('analyze');
    console.log(`wrote ${rows} wellness readings over ${DAYS} days`);

    const athlete = { id: userId, units: 'km' as const, timeZone: 'UTC', birthDate: '1984-05-01', sex: 'female' as const, version: 0 };
    const health = () => fetch(`${base}/api/health`);
    await load(2, 2, health);

    // Full passes, interleaved with health rounds so both see the same machine.
    const full: number[] = [];
    const compute: number[] = [];
    const healthP95: number[] = [];
    let asked = 0;
    for (let i = 0; i <= FULL_RUNS; i++) {
      const f0 = performance.now();
      const { data, result } = await h.engine.fullPass(athlete);
      const ms = performance.now() - f0;
      const c0 = performance.now();
      mod.enginePass(data);
      const cms = performance.now() - c0;
      asked = result.asked;
      if (i > 0) {
        full.push(ms);
        compute.push(cms);
      }
      if (i % 5 === 0) healthP95.push(summarize(await load(2, 1, health)).p95);
    }
    const { result } = await h.engine.fullPass(athlete);
    console.log(
      `full pass: ${result.asked} questions, ${result.tested} tested, ${result.findings.length} findings; p50=${fmt(p(full, 50))} ms p95=${fmt(p(full, 95))} ms; compute alone p50=${fmt(p(compute, 50))} ms p95=${fmt(p(compute, 95))} ms (${FULL_RUNS} runs)`,
    );

    // The stored state, then check-ins on random days of the window: the hook's patch timed alone.
    await h.engine.findings(athlete);
    const wa = { id: userId, units: 'km' as const, timeZone: 'UTC' };
    for (let i = 0; i <= CHECKIN_RUNS; i++) {
      const day = addDays(today, -1 - Math.floor(Math.random() * (DAYS - 2)));
      await h.wellness.checkIn(wa, day, { mood: 1 + (i % 4), sleepHours: 6 + (i % 5) * 0.5 });
      if (i % 10 === 0) healthP95.push(summarize(await load(2, 1, health)).p95);
    }
    const patches = h.patchMs.slice(1);
    // The patch's compute alone (no database): a check-in's sleep and mood on one day, re-tested.
    const state = (await h.state(userId))!;
    // As stored: training, wellness and the result, each a jsonb value.
    const stateKb =
      (Buffer.byteLength(JSON.stringify(mod.encodeTraining(state.data))) +
        Buffer.byteLength(JSON.stringify(mod.encodeWellness(state.data))) +
        Buffer.byteLength(JSON.stringify(state.result))) /
      1024;
    const patchCompute: number[] = [];
    for (let i = 0; i <= CHECKIN_RUNS; i++) {
      const day = addDays(today, -1 - Math.floor(Math.random() * (DAYS - 2)));
      const w = state.data.wellness;
      const data = {
        ...state.data,
        wellness: { ...w, mood: { ...w.mood, [day]: { checkin: 1 + (i % 4) } }, sleepS: { ...w.sleepS, [day]: { checkin: 20_000 + i } } },
      };
      const c0 = performance.now();
      mod.enginePatch(data, state.result, new Set(['mood', 'sleepS'] as const));
      if (i > 0) patchCompute.push(performance.now() - c0);
    }
    console.log(
      `patch compute alone: p50=${fmt(p(patchCompute, 50))} ms p95=${fmt(p(patchCompute, 95))} ms; stored state ${fmt(stateKb, 0)} KiB`,
    );
    // Through the worker (ADR 070): the check-in request (it hands the day to the athlete's Durable Object and
    // answers), and the time from sending it to a findings read that includes it (the object runs the patch before
    // any later read). The object is warmed first: a cold one loads the stored state once.
    const cookie = await login(base, stack.appUrl, email!);
    const findings = () => fetch(`${base}/api/v1/wellness/findings`, { headers: { cookie } });
    if (!(await findings()).ok) throw new Error('findings through the worker failed');
    const checkInMs: number[] = [];
    const updateMs: number[] = [];
    const readMs: number[] = [];
    // Paired per check-in: the read that waited for the patch minus a read with nothing pending just after it —
    // what the object's update adds (a lower bound: the patch starts before the check-in's answer reaches us).
    const addedMs: number[] = [];
    for (let i = 0; i <= CHECKIN_RUNS; i++) {
      const day = addDays(today, -1 - Math.floor(Math.random() * (DAYS - 2)));
      const t0 = performance.now();
      const put = await fetch(`${base}/api/v1/wellness/days/${day}/check-in`, {
        method: 'PUT',
        headers: { cookie, origin: stack.appUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ mood: 1 + (i % 4), sleepHours: 5 + (i % 7) * 0.5 }),
      });
      await put.arrayBuffer();
      const t1 = performance.now();
      const read = await findings();
      await read.arrayBuffer();
      const t2 = performance.now();
      if (!put.ok || !read.ok) throw new Error(`check-in ${put.status}, findings ${read.status}`);
      // A read with nothing pending: what the update's figure carries besides the patch.
      const r0 = performance.now();
      await (await findings()).arrayBuffer();
      if (i > 0) {
        const alone = performance.now() - r0;
        checkInMs.push(t1 - t0);
        updateMs.push(t2 - t0);
        readMs.push(alone);
        addedMs.push(t2 - t1 - alone);
      }
      if (i % 10 === 0) healthP95.push(summarize(await load(2, 1, health)).p95);
    }
    console.log(
      `through the worker: check-in request p50=${fmt(p(checkInMs, 50))} ms p95=${fmt(p(checkInMs, 95))} ms; check-in sent → findings with it p50=${fmt(p(updateMs, 50))} ms p95=${fmt(p(updateMs, 95))} ms; a findings read alone p50=${fmt(p(readMs, 50))} ms p95=${fmt(p(readMs, 95))} ms; the update's added wait (paired) p50=${fmt(p(addedMs, 50))} ms p95=${fmt(p(addedMs, 95))} ms`,
    );
    const healthMs = p(healthP95, 50);
    console.log(
      `check-in patch: p50=${fmt(p(patches, 50))} ms p95=${fmt(p(patches, 95))} ms (${patches.length} check-ins); health p95 (median of ${healthP95.length} rounds) ${fmt(healthMs)} ms`,
    );
    return [
      'bench=wellness-engine',
      `questions=${asked}`,
      `activities=${span.n}`,
      `readings=${rows}`,
      `full_pass_p95_ms=${fmt(p(full, 95))}`,
      `full_pass_compute_p95_ms=${fmt(p(compute, 95))}`,
      `checkin_patch_p95_ms=${fmt(p(patches, 95))}`,
      `checkin_patch_compute_p95_ms=${fmt(p(patchCompute, 95))}`,
      `do_checkin_request_p95_ms=${fmt(p(checkInMs, 95))}`,
      `do_checkin_to_findings_p50_ms=${fmt(p(updateMs, 50))}`,
      `do_checkin_to_findings_p95_ms=${fmt(p(updateMs, 95))}`,
      `do_update_added_p50_ms=${fmt(p(addedMs, 50))}`,
      `do_update_added_p95_ms=${fmt(p(addedMs, 95))}`,
      `do_findings_read_p95_ms=${fmt(p(readMs, 95))}`,
      `state_kib=${fmt(stateKb, 0)}`,
      `health_p95_ms=${fmt(healthMs)}`,
      `full_pass_to_health_p95_ratio=${fmt(p(full, 95) / healthMs, 2)}`,
      `checkin_patch_to_health_p95_ratio=${fmt(p(patches, 95) / healthMs, 2)}`,
      `do_checkin_request_to_health_p95_ratio=${fmt(p(checkInMs, 95) / healthMs, 2)}`,
      `do_checkin_to_findings_to_health_p95_ratio=${fmt(p(updateMs, 95) / healthMs, 2)}`,
    ].join(' ');
  } finally {
    await sql.end();
    await h.close();
    cleanup();
  }
}
