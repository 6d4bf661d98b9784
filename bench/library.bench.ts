// Plan templates benchmark (ADR 058): a 12-week template (5 library workouts a week, 60 in all) applied to
// 50 linked clients at once through `POST /api/v1/coach/templates/{id}/apply` — wall time per client — and
// again in-process through the same services with every SQL statement counted (statements per client).
// Same-run reference: the health route's p50 (`apply_per_client_to_health_p50_ratio`).
// The 50 athletes make their plans through the API (Pro not needed: the coach's org pays, on Team).
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays, mondayOf } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, summarize } from './lib.ts';
import { createUsers, login } from './users.ts';

const CLIENTS = 50;
const WEEKS = 12;
const WEEKDAYS = [0, 1, 3, 4, 6];

type Entry = typeof import('./library.entry.ts');

export async function libraryBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the library bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./library.entry.ts', import.meta.url));
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  sql.on('error', () => {});
  await sql.connect();
  try {
    const q = async (text: string, values: unknown[]) => (await sql.query<{ id: string }>(text, values)).rows[0]!.id;
    const [coachEmail] = await createUsers(stack.databaseUrl, 1, 'library-coach');
    const coachId = await q("update users set role = 'coach' where email = $1 returning id", [coachEmail]);
    const orgId = await q("insert into orgs (name, time_zone, created_by) values ('Bench Coaching', 'UTC', $1) returning id", [coachId]);
    await sql.query("insert into org_members (org_id, user_id, role) values ($1, $2, 'owner')", [orgId, coachId]);
    await sql.query(
      "insert into membership_grants (org_id, kind, tier, ends_at, reason) values ($1, 'comp', 'team', now() + interval '30 days', 'bench')",
      [orgId],
    );
    const coachCookie = await login(base, stack.appUrl, coachEmail!);
    const coachHeaders = { cookie: coachCookie, 'content-type': 'application/json', origin: stack.appUrl };
    const coach = async <T>(path: string, body: unknown): Promise<T> => {
      const r = await fetch(`${base}/api/v1/coach${path}`, { method: 'POST', headers: coachHeaders, body: JSON.stringify(body) });
      if (r.status >= 300) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
      return (await r.json()) as T;
    };

    // 50 athletes, each with a plan from today to a race 30 weeks out, linked and granting plan edits.
    const today = new Date().toISOString().slice(0, 10);
    const emails = await createUsers(stack.databaseUrl, CLIENTS, 'library-athlete');
    const clients: { clientId: string; athleteId: string; planId: string }[] = [];
    for (const [i, email] of emails.entries()) {
      const cookie = await login(base, stack.appUrl, email);
      const made = await fetch(`${base}/api/v1/plans`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: stack.appUrl },
        body: JSON.stringify({
          goal: { kind: 'run_half', eventDate: addDays(today, 30 * 7), eventName: 'Bench Half' },
          availableDays: [0, 1, 2, 3, 4, 5, 6],
          longDay: 6,
          hoursPerWeek: 6,
          includeStrength: false,
        }),
      });
      if (made.status !== 201) throw new Error(`plan answered ${made.status}: ${await made.text()}`);
      const planId = ((await made.json()) as { id: string }).id;
      const athleteId = await q('select id from users where email = $1', [email]);
      const clientId = await q('insert into clients (org_id, name, athlete_user_id) values ($1, $2, $3) returning id', [
        orgId,
        `Bench Client ${i}`,
        athleteId,
      ]);
      await sql.query(
        `insert into athlete_links (org_id, client_id, email, status, athlete_user_id, requested_by, decided_at, plan_edit_granted_at)
         values ($1, $2, $3, 'accepted', $4, $5, now(), now())`,
        [orgId, clientId, email, athleteId, coachId],
      );
      clients.push({ clientId, athleteId, planId });
    }

    // The library (one workout per weekday slot) and two 12-week templates made of it.
    const workoutIds: string[] = [];
    for (const [i, day] of WEEKDAYS.entries()) {
      const rep = 300 + i * 60;
      const w = await coach<{ id: string }>('/library/workouts', {
        sport: 'run',
        type: 'intervals',
        title: `Bench ${day} 4 × ${rep / 60} min`,
        durationSec: 1200 + 4 * rep + 3 * 120,
        steps: [
          { kind: 'warmup', durationSec: 600, distanceM: null, target: null },
          {
            kind: 'repeat',
            count: 4,
            steps: [
              { kind: 'work', durationSec: rep, distanceM: null, target: { metric: 'pace', zone: 4, low: 0.95, high: 1 } },
              { kind: 'recovery', durationSec: 120, distanceM: null, target: null },
            ],
          },
          { kind: 'cooldown', durationSec: 600 - 120, distanceM: null, target: null },
        ],
        tags: ['bench'],
      });
      workoutIds.push(w.id);
    }
    const items = Array.from({ length: WEEKS }, (_, wk) =>
      WEEKDAYS.map((weekday, i) => ({ week: wk + 1, weekday, libraryWorkoutId: workoutIds[i]! })),
    ).flat();
    const template = (name: string) => coach<{ id: string }>('/templates', { name, weeks: WEEKS, items });
    const [overHttp, inProcess] = [await template('Bench block A'), await template('Bench block B')];
    const start = addDays(mondayOf(today), 7);
    await sql.query('analyze');

    const health = () => fetch(`${base}/api/health`);
    await load(4, 2, health);
    const before = summarize(await load(4, 4, health));

    const t0 = performance.now();
    const r = await fetch(`${base}/api/v1/coach/templates/${overHttp.id}/apply`, {
      method: 'POST',
      headers: coachHeaders,
      body: JSON.stringify({ clients: clients.map((c) => ({ clientId: c.clientId, startDate: start })) }),
    });
    const httpMs = performance.now() - t0;
    if (r.status !== 200) throw new Error(`apply answered ${r.status}: ${await r.text()}`);
    const results = ((await r.json()) as { results: { status: string }[] }).results;
    const applied = results.filter((x) => x.status === 'applied').length;
    const t1 = performance.now();
    const again = await fetch(`${base}/api/v1/coach/templates/${overHttp.id}/apply`, {
      method: 'POST',
      headers: coachHeaders,
      body: JSON.stringify({ clients: clients.map((c) => ({ clientId: c.clientId, startDate: start })) }),
    });
    const againMs = performance.now() - t1;
    const repeats = ((await again.json()) as { results: { status: string }[] }).results.filter(
      (x) => x.status === 'already_applied',
    ).length;

    const counted = await mod.applyCounted(
      stack.databaseUrl,
      stack.dbWsProxy,
      orgId,
      coachId,
      inProcess.id,
      clients.map((c) => ({ ...c, startDate: start })),
    );
    const countedApplied = counted.results.filter((x) => x.status === 'applied').length;
    const after = summarize(await load(4, 4, health));
    const healthP50 = (before.p50 + after.p50) / 2;
    const perClient = httpMs / CLIENTS;
    const rows = (await sql.query<{ n: number }>('select count(*)::int as n from planned_workouts where source = $1', ['coach'])).rows[0]!
      .n;
    console.log(
      `template: ${WEEKS} weeks × ${WEEKDAYS.length} = ${items.length} workouts; ${CLIENTS} clients from ${start}; ${rows} coach workouts written`,
    );
    console.log(
      `over HTTP: ${fmt(httpMs)} ms (${fmt(perClient)} ms a client), ${applied} applied; again: ${fmt(againMs)} ms, ${repeats} already applied`,
    );
    console.log(
      `in process: ${fmt(counted.ms)} ms, ${counted.statements} statements (${fmt(counted.statements / CLIENTS, 1)} a client), ${countedApplied} applied`,
    );
    console.log(`health p50 ${fmt(before.p50)} ms before, ${fmt(after.p50)} ms after`);
    return [
      'bench=library',
      `clients=${CLIENTS} template_workouts=${items.length} applied=${applied} reapplied_noop=${repeats}`,
      `apply_wall_ms=${fmt(httpMs)} apply_per_client_ms=${fmt(perClient)} reapply_wall_ms=${fmt(againMs)}`,
      `inprocess_wall_ms=${fmt(counted.ms)} statements_per_client=${fmt(counted.statements / CLIENTS, 1)}`,
      `health_p50_ms=${fmt(healthP50)} apply_per_client_to_health_p50_ratio=${fmt(perClient / healthP50, 1)}`,
    ].join(' ');
  } finally {
    await sql.end();
    cleanup();
  }
}
