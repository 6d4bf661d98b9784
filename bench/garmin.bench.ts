// The Garmin door under a crowd: 50 athletes connected to the Garmin Connect sandbox sync a session each at
// the same moment. Each sync is the sandbox's real path: an `activityFiles` ping to /webhooks/garmin (verified,
// stored, queued, 200), the webhooks consumer making a file job, the ingest consumer fetching the FIT file from
// the callback URL and importing it. Measured per athlete: ping sent → the activity stored and counted (a
// canonical row, what the list and analytics read), polled in Postgres every 100 ms so the poll adds no load to
// the worker. Same-run reference, interleaved: one athlete syncing alone (the path without contention).
import pg from 'pg';
import type { Stack, StackOptions } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';
import { createUsers, login } from './users.ts';

const ATHLETES = 50;
const ROUNDS = 3;
const ROUND_TIMEOUT_MS = 240_000;
/** Garmin users of the bench (the sandbox's user numbers). */
const FIRST_USER = 20_000;

// No generated history: the backfill on connect finds nothing, so every file measured is a session synced now.
export const garminStackOptions: StackOptions = { garmin: { activitiesPerUser: 0 } };

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

interface Sync {
  user: number;
  activityId: string;
  sentAt: number;
  /** The sandbox's delivery: our webhook's answer and how long it took. */
  ackMs: number;
  ackStatus: number | null;
}

/**
 * Each athlete syncs a session; the sandbox pings the worker before answering. Each round's sessions start two
 * hours before the previous round's: sessions of one athlete that overlap in time would be linked as two
 * recordings of one effort (ADR 013), and a linked copy is never the one counted.
 */
async function syncAll(stack: Stack, users: number[], round: string, index: number): Promise<Sync[]> {
  const startTime = new Date(Date.now() - (index + 1) * 2 * 3600_000).toISOString();
  return Promise.all(
    users.map(async (user) => {
      const sentAt = performance.now();
      const body = { sport: 'Run', name: `Bench ${round}`, distance: 8000, startTime };
      const r = (await control(stack, `users/${user}/activities`, body)) as {
        activity: { activityId: number };
        delivery: { ms: number; status: number | null } | null;
      };
      return {
        user,
        activityId: String(r.activity.activityId),
        sentAt,
        ackMs: r.delivery?.ms ?? NaN,
        ackStatus: r.delivery?.status ?? null,
      };
    }),
  );
}

/** Polls until every synced activity is stored and canonical; the time each was first seen. */
async function waitVisible(db: pg.Client, syncs: Sync[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const deadline = performance.now() + ROUND_TIMEOUT_MS;
  while (seen.size < syncs.length && performance.now() < deadline) {
    const pending = syncs.filter((s) => !seen.has(s.activityId)).map((s) => s.activityId);
    const { rows } = await db.query<{ external_id: string }>(
      `select external_id from activities where source = 'garmin_api' and duplicate_of is null and external_id = any($1::text[])`,
      [pending],
    );
    const at = performance.now();
    for (const r of rows) seen.set(r.external_id, at);
    if (seen.size < syncs.length) await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

async function round(stack: Stack, db: pg.Client, users: number[], label: string, index: number) {
  const t0 = performance.now();
  const syncs = await syncAll(stack, users, label, index);
  const seen = await waitVisible(db, syncs);
  const latencies = syncs.filter((s) => seen.has(s.activityId)).map((s) => (seen.get(s.activityId)! - s.sentAt) / 1000);
  return {
    latencies: latencies.sort((a, b) => a - b),
    acks: syncs.map((s) => s.ackMs).sort((a, b) => a - b),
    missing: syncs.length - latencies.length,
    refused: syncs.filter((s) => s.ackStatus !== 200).length,
    wallS: (performance.now() - t0) / 1000,
  };
}

export async function garminBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  assertLoopback(stack.sandboxUrl);
  const emails = await createUsers(stack.databaseUrl, ATHLETES, 'garmin');
  const users = emails.map((_, i) => FIRST_USER + i);
  const t0 = performance.now();
  for (const [i, email] of emails.entries()) await connect(stack, await login(stack.workerUrl, stack.appUrl, email), users[i]!);
  console.log(
    `  ${ATHLETES} athletes connected to the Garmin sandbox in ${fmt((performance.now() - t0) / 1000)} s (PKCE, backfill asked for 30 days)`,
  );

  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    const warm = await round(stack, db, users, 'warm-up', 0);
    console.log(`  warm-up: ${ATHLETES} syncs, all visible after ${fmt(warm.wallS)} s (not counted)`);
    const crowd: number[] = [];
    const solo: number[] = [];
    const acks: number[] = [];
    let missing = 0;
    let refused = 0;
    // Interleaved: one athlete alone, then the crowd, each round.
    for (let r = 1; r <= ROUNDS; r++) {
      const one = await round(stack, db, [users[r % users.length]!], `solo ${r}`, 2 * r - 1);
      const all = await round(stack, db, users, `crowd ${r}`, 2 * r);
      solo.push(...one.latencies);
      crowd.push(...all.latencies);
      acks.push(...all.acks);
      missing += one.missing + all.missing;
      refused += one.refused + all.refused;
      console.log(
        `  round ${r}: alone ${fmt(one.latencies[0] ?? NaN, 2)} s · crowd p50 ${fmt(percentile(all.latencies, 50), 2)} s, p95 ${fmt(percentile(all.latencies, 95), 2)} s, last ${fmt(all.latencies.at(-1) ?? NaN, 2)} s · webhook ack p95 ${fmt(percentile(all.acks, 95), 0)} ms · missing ${all.missing}`,
      );
    }
    crowd.sort((a, b) => a - b);
    solo.sort((a, b) => a - b);
    acks.sort((a, b) => a - b);
    const p95 = percentile(crowd, 95);
    const soloP50 = percentile(solo, 50);
    console.log(
      `  ${crowd.length} crowd syncs over ${ROUNDS} rounds: p50 ${fmt(percentile(crowd, 50), 2)} s, p95 ${fmt(p95, 2)} s; alone p50 ${fmt(soloP50, 2)} s; webhook 200 p95 ${fmt(percentile(acks, 95), 0)} ms (Garmin allows 30 s)`,
    );
    return [
      'bench=garmin',
      `athletes=${ATHLETES}`,
      `rounds=${ROUNDS}`,
      `p50_visible_s=${fmt(percentile(crowd, 50), 2)}`,
      `p95_visible_s=${fmt(p95, 2)}`,
      `solo_p50_visible_s=${fmt(soloP50, 2)}`,
      `crowd_p95_to_solo_p50_ratio=${fmt(p95 / soloP50, 2)}`,
      `ack_p95_ms=${fmt(percentile(acks, 95), 0)}`,
      `missing=${missing}`,
      `refused=${refused}`,
    ].join(' ');
  } finally {
    await db.end();
  }
}
