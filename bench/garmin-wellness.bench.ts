// A pushed Garmin night on Home (issue 40: ≤ 60 s after the push; ADR 071). An athlete connected to the Garmin
// sandbox with wellness on; the sandbox pings last night's sleep (`{ "sleeps": [{ userId, callbackURL }] }`) to
// /webhooks/garmin as Garmin does — verified, stored once, queued; the webhooks consumer pulls the night from the
// callback URL (ADR 095) and maps it into wellness — and Home's check-in
// card shows it beside the sleep field ("Garmin: 7.05 h"). Measured per push: the sandbox's POST sent → the first
// Home HTML containing the new value, polled every 100 ms with the athlete's cookie. Each push re-sends the same
// summaryId with another duration (a night refined), so every push must replace, never add. Same run: GET
// /api/health between the polls, its p95 the reference for how loaded the stack was.
import pg from 'pg';
import type { Stack, StackOptions } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';
import { createUsers, login } from './users.ts';

const PUSHES = 24;
const WARMUP = 2;
const TIMEOUT_MS = 60_000;
const GARMIN_USER = 30_000;

// No activity history: the subject is the health push, not the activity backfill on connect.
export const garminWellnessStackOptions: StackOptions = { garmin: { activitiesPerUser: 0 } };

async function control(stack: Stack, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${stack.sandboxUrl}/garmin/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`garmin sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function connect(stack: Stack, cookie: string, user: number): Promise<void> {
  const start = await fetch(`${stack.workerUrl}/api/v1/connections/garmin/authorize`, { headers: { cookie }, redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(user));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  const done = await fetch(`${stack.workerUrl}${back.pathname}${back.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  if (done.headers.get('location') !== '/settings/data?connected=garmin') throw new Error(`connect failed for user ${user}`);
}

async function timed(url: string, cookie?: string): Promise<{ ms: number; text: string }> {
  const t = performance.now();
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  const text = await res.text();
  return { ms: performance.now() - t, text };
}

export async function garminWellnessBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  assertLoopback(stack.sandboxUrl);
  const [email] = await createUsers(stack.databaseUrl, 1, 'garmin-wellness');
  const cookie = await login(stack.workerUrl, stack.appUrl, email!);
  await connect(stack, cookie, GARMIN_USER);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  // The consent is set in the database: turning it on through the API also asks Garmin for a year, whose pushes
  // (the subject of no figure here) would race the measured night for today's row.
  await db.query(
    `update provider_connections set wellness_consent_at = now() where provider = 'garmin' and user_id = (select id from users where email = $1)`,
    [email],
  );
  await db.end();

  const today = new Date().toISOString().slice(0, 10);
  const wake = Date.parse(`${today}T06:00:00Z`) / 1000;
  const latencies: number[] = [];
  const health: number[] = [];
  let missing = 0;
  for (let i = 0; i < WARMUP + PUSHES; i++) {
    // 6.00 h, 6.05 h, …: each push a value Home has not shown yet.
    const hours = Math.round((6 + i * 0.05) * 100) / 100;
    const duration = Math.round(hours * 3600);
    const needle = `Garmin: ${hours} h`;
    const sent = performance.now();
    const r = (await control(stack, `users/${GARMIN_USER}/health/push`, {
      type: 'sleeps',
      day: today,
      summary: {
        summaryId: 'bench-night',
        calendarDate: today,
        startTimeInSeconds: wake - duration,
        startTimeOffsetInSeconds: 0,
        durationInSeconds: duration,
        validation: i % 2 ? 'ENHANCED_FINAL' : 'AUTO_TENTATIVE',
      },
    })) as { deliveries: { status: number | null }[] };
    if (r.deliveries[0]?.status !== 200) throw new Error(`push ${i} answered ${r.deliveries[0]?.status}`);
    let seenAt: number | null = null;
    while (performance.now() - sent < TIMEOUT_MS) {
      const home = await timed(`${stack.workerUrl}/home`, cookie);
      if (home.text.includes(needle)) {
        seenAt = performance.now();
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    // The reference, after each push's wait: the same stack's cheapest route.
    for (let k = 0; k < 5; k++) health.push((await timed(`${stack.workerUrl}/api/health`)).ms);
    if (i < WARMUP) continue;
    if (seenAt === null) missing++;
    else latencies.push((seenAt - sent) / 1000);
    console.log(`  push ${i - WARMUP + 1}: ${seenAt === null ? 'not seen within 60 s' : `${fmt((seenAt - sent) / 1000, 2)} s`}`);
  }
  latencies.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  console.log(
    `  ${latencies.length} pushed nights on Home: p50 ${fmt(p50, 2)} s, p95 ${fmt(p95, 2)} s, max ${fmt(latencies.at(-1) ?? NaN, 2)} s (target ≤ 60 s); /api/health p95 ${fmt(percentile(health, 95), 1)} ms over ${health.length} requests; missing ${missing}`,
  );
  return `garmin_wellness_pushes=${latencies.length} push_to_home_p50_s=${fmt(p50, 2)} push_to_home_p95_s=${fmt(p95, 2)} health_p95_ms=${fmt(percentile(health, 95), 1)} missing=${missing}`;
}
