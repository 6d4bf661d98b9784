// The world of the inbound provider faults (bench/faults/providers-in.ts): each provider's driver (connect an
// athlete, bring new work, read the truth back), and the small waits and reads the faults share.
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import { sleep, withDatabase } from '../lib.ts';

export const STRAVA_SUBSCRIPTION_ID = 120475;

export { sleep };
let seq = Math.floor(Math.random() * 9000);
export const uniq = () => ++seq;

export async function json<T>(url: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** The OAuth round trip every provider sandbox offers: our authorize → consent auto-approved as `who` → our callback. */
export async function connect(stack: Stack, cookie: string, provider: string, param: string, who: number, expected: string) {
  const start = await fetch(`${stack.workerUrl}/api/v1/connections/${provider}/authorize`, { headers: { cookie }, redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set(param, String(who));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  const done = await fetch(`${stack.workerUrl}${back.pathname}${back.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  if (done.headers.get('location') !== expected) throw new Error(`${provider} connect failed: ${done.headers.get('location')}`);
}

export interface Driver {
  prefix: 'strava' | 'garmin' | 'polar';
  source: string;
  connect: (stack: Stack, cookie: string, who: number) => Promise<void>;
  /** A new activity at the provider, and its delivery to our webhook; returns its id. */
  add: (stack: Stack, who: number, i: number) => Promise<string>;
  /** The provider's truth: the athlete's activity ids. */
  truth: (stack: Stack, who: number) => Promise<string[]>;
  /** Whether all of the truth should be here (Strava's backfill reads the whole history; Garmin's asks 30 days). */
  wholeHistory: boolean;
}

export const strava: Driver = {
  prefix: 'strava',
  source: 'strava',
  wholeHistory: true,
  connect: (stack, cookie, who) => connect(stack, cookie, 'strava', 'athlete_id', who, '/home?connected=strava'),
  async add(stack, who, i) {
    const startDate = new Date(Date.now() - (i + 2) * 3 * 3600_000).toISOString();
    const a = await json<{ id: number }>(`${stack.sandboxUrl}/strava/_control/athletes/${who}/activities`, {
      name: `Fault run ${i}`,
      type: 'Run',
      distance: 5000 + i,
      moving_time: 1500,
      start_date: startDate,
    });
    const event = {
      object_type: 'activity',
      object_id: a.id,
      aspect_type: 'create',
      owner_id: who,
      subscription_id: STRAVA_SUBSCRIPTION_ID,
      event_time: Math.floor(Date.now() / 1000),
      updates: {},
    };
    // Strava retries an unanswered event: delivered twice here, as a replay would.
    for (let n = 0; n < 2; n++) await json(`${stack.workerUrl}/webhooks/strava`, event);
    return String(a.id);
  },
  async truth(stack, who) {
    const r = await json<{ activities: { id: number }[] }>(`${stack.sandboxUrl}/strava/_control/athletes/${who}`);
    return r.activities.map((a) => String(a.id));
  },
};

export const garmin: Driver = {
  prefix: 'garmin',
  source: 'garmin_api',
  wholeHistory: false,
  connect: (stack, cookie, who) => connect(stack, cookie, 'garmin', 'user', who, '/settings/data?connected=garmin'),
  async add(stack, who, i) {
    const startTime = new Date(Date.now() - (i + 2) * 3 * 3600_000).toISOString();
    const r = await json<{ activity: { activityId: number } }>(`${stack.sandboxUrl}/garmin/_control/users/${who}/activities`, {
      sport: 'Run',
      name: `Fault run ${i}`,
      distance: 6000 + i,
      startTime,
    });
    return String(r.activity.activityId);
  },
  async truth(stack, who) {
    const r = await json<{ activities: { activityId: number | string }[] }>(`${stack.sandboxUrl}/garmin/_control/users/${who}`);
    return r.activities.map((a) => String(a.activityId));
  },
};

export const polar: Driver = {
  prefix: 'polar',
  source: 'polar_api',
  wholeHistory: false,
  connect: (stack, cookie, who) => connect(stack, cookie, 'polar', 'user_id', who, '/settings/data?connected=polar'),
  async add(stack, who, i) {
    const { exercise } = await json<{ exercise: { id: string } }>(`${stack.sandboxUrl}/polar/_control/users/${who}/exercises`, {
      sport: 'Run',
      distance: 7000 + i,
      moving_time: 2400,
      start_time: new Date(Date.now() - (i + 2) * 3 * 3600_000).toISOString(),
      notify: false,
    });
    const signed = await json<{ request: { body: string; headers: Record<string, string> } }>(
      `${stack.sandboxUrl}/polar/_control/webhooks/push`,
      { event: 'EXERCISE', userId: who, entityId: exercise.id, deliver: false },
    );
    for (let n = 0; n < 2; n++) {
      const res = await fetch(`${stack.workerUrl}/webhooks/polar`, {
        method: 'POST',
        body: signed.request.body,
        headers: signed.request.headers,
      });
      await res.body?.cancel();
      if (res.status !== 200) throw new Error(`polar webhook answered ${res.status}`);
    }
    return exercise.id;
  },
  async truth(stack, who) {
    const r = await json<{ exercises: { id: string; visible: boolean }[] }>(`${stack.sandboxUrl}/polar/_control/users/${who}`);
    return r.exercises.filter((e) => e.visible).map((e) => e.id);
  },
};

export const withDb = <T>(stack: Stack, fn: (db: pg.Client) => Promise<T>): Promise<T> => withDatabase(stack.databaseUrl, fn);

export const openJobs = (db: pg.Client, users: string[], kind: string) =>
  db
    .query<{ n: number }>(
      `select count(*)::int as n from ingest_jobs where user_id = any($1::uuid[]) and kind like $2 and status in ('queued','running','deferred')`,
      [users, `${kind}.%`],
    )
    .then((r) => r.rows[0]!.n);

/** Polls (every 500 ms, never longer than `timeoutS`) until `done` says so; the seconds it took, or null. */
export async function until(done: () => Promise<boolean>, timeoutS: number, signal: AbortSignal): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutS * 1000 && !signal.aborted) {
    if (await done()) return (Date.now() - t0) / 1000;
    await sleep(500, signal);
  }
  return null;
}
