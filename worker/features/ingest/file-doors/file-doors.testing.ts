// The live-door tests' side of the Garmin sandbox (run-wide, so every Garmin test lives in one file): its control
// API, the browser round trip of connecting, and the pings it keeps in its outbox (it has no webhook URL in tests:
// workerd's worker has no address it could post to), delivered here as Garmin would; and what the door stored.
import { env } from 'cloudflare:test';
import { and, count, eq, isNull } from 'drizzle-orm';
import { expect, inject, vi } from 'vitest';
import { activities } from '../../../db/schema';
import type { Harness } from '../../../testing/harness';

const sandbox = () => `${inject('sandboxUrl')}/garmin`;
// The sandbox is one per run and keeps each Garmin user's state (its outbox, permissions, backfills): two test files
// that drew the same user would take each other's pings. Drawn from 8 million rather than 1,000 slots, two files'
// users stay apart (the sandbox allows up to MAX_USER); garmin-health draws here too.
let nextUser = 1_000_000 + Math.floor(Math.random() * 8_000_000);
export const newGarminUser = () => ++nextUser;

export async function garmin<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox()}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`garmin sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The original file of a session, as the athlete would upload it themselves. */
export async function garminFile(user: number, activityId: number): Promise<Uint8Array> {
  const res = await fetch(`${sandbox()}/_control/users/${user}/activities/${activityId}/file`);
  if (!res.ok) throw new Error(`garmin sandbox file: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Our authorize redirect → the sandbox's consent (approved as user N) → our callback; answers the callback's response. */
export async function connectGarmin(h: Harness, cookie: string, user: number): Promise<Response> {
  const start = await h.call('/api/v1/connections/garmin/authorize', { cookie });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(user));
  const back = await fetch(consent, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location') ?? '');
  return h.call(callback.pathname + callback.search, { cookie });
}

export interface Ping {
  body: string;
  headers: Record<string, string>;
}

/** The pings waiting for one Garmin user (taken: each is handed out once). */
export const takePings = async (userId: string) => (await garmin<{ notifications: Ping[] }>('outbox', { userId })).notifications;

/** The headers Garmin sends with every ping (its client id is ours). */
export const garminHeaders = (h: Harness) => ({
  'content-type': 'application/json;charset=UTF-8',
  'garmin-client-id': h.env.GARMIN_CLIENT_ID ?? '',
});

/** POSTs a ping to our webhook as Garmin would, its headers as sent (or changed by the test). */
export const deliver = (h: Harness, ping: Ping, headers: Record<string, string> = ping.headers) =>
  h.call('/webhooks/garmin', { method: 'POST', body: ping.body, headers });

/** What the sandbox holds for one of its users. */
export type Truth = { userId: string; activities: { activityId: number; name: string; startTimeInSeconds: number }[] };

/** The athlete's activities that came through the Garmin door. */
export const garminRows = async (h: Harness, userId: string) =>
  h.db
    .select({ id: activities.id, externalId: activities.externalId, name: activities.name, duplicateOf: activities.duplicateOf })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, 'garmin_api')));

/** The athlete's activities that count (duplicates linked to another are left out). */
export const visibleCount = async (h: Harness, userId: string) =>
  (
    await h.db
      .select({ n: count() })
      .from(activities)
      .where(and(eq(activities.userId, userId), isNull(activities.duplicateOf)))
  )[0]!.n;

/** Waits until the sandbox has queued at least `n` pings for the user (its backfill answers after its 202). */
export async function pingsFor(userId: string, n = 1): Promise<Ping[]> {
  const got: Ping[] = [];
  try {
    await vi.waitFor(
      async () => {
        got.push(...(await takePings(userId)));
        expect(got.length).toBeGreaterThanOrEqual(n);
      },
      { timeout: 30_000, interval: 100 },
    );
  } catch (err) {
    // What the sandbox did for this user, so a missing ping says whether the backfill was asked, refused or sent.
    type State = { users: { userId: string }[]; backfills: { userId: string }[]; failures: unknown[]; outbox: number };
    const state = await garmin<State>('state');
    const mine = <T extends { userId: string }>(xs: T[]) => JSON.stringify(xs.filter((x) => x.userId === userId));
    throw new Error(
      `${got.length} of ${n} pings for ${userId} in 30 s; the user: ${mine(state.users)}; backfills asked: ${mine(state.backfills)}; ` +
        `failures queued: ${JSON.stringify(state.failures)}; outbox ${state.outbox}`,
      { cause: err },
    );
  }
  return got;
}

/** Delivers the pings and waits until every file they announce is stored. */
export async function deliverAll(h: Harness, userId: string, pings: Ping[]): Promise<number> {
  let files = 0;
  for (const p of pings) {
    expect((await deliver(h, p)).status).toBe(200);
    files += ((JSON.parse(p.body) as { activityFiles?: unknown[] }).activityFiles ?? []).length;
  }
  await vi.waitFor(async () => expect((await garminRows(h, userId)).length).toBeGreaterThanOrEqual(files), {
    timeout: 60_000,
    interval: 200,
  });
  return files;
}

/** The first `n` files of a backfill's pings: the tests after the first are about one or two sessions, not a month's. */
export const firstFiles = (pings: Ping[], n = 2): Ping[] => {
  const [p] = pings;
  const body = JSON.parse(p!.body) as { activityFiles: unknown[] };
  return [{ ...p!, body: JSON.stringify({ activityFiles: body.activityFiles.slice(0, n) }) }];
};

/** The Garmin import's state on the ingestion status. */
export async function doorState(h: Harness, cookie: string) {
  const { body } = await h.json<{ states: { source: string; status: string; doneCount: number }[] }>('/api/v1/ingestion', { cookie });
  return body.states.find((s) => s.source === 'garmin');
}

/** The keys of the originals the doors keep for the athlete in R2. */
export const doorObjects = async (userId: string) =>
  (await env.UPLOADS.list({ prefix: `file-doors/${userId}/` })).objects.map((o) => o.key);

/** A door's connection status (what Data sources says it is waiting for). */
export const doorStatus = async (h: Harness, cookie: string, provider: string) =>
  (await h.json<{ waiting: string | null }>(`/api/v1/connections/${provider}`, { cookie })).body;

/** Polar's sandbox control API (its webhook has no address to post to in tests either: deliveries are fetched here). */
export async function polar<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject('sandboxUrl')}/polar/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`polar sandbox ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** A Polar user id of this run's own. */
export const newPolarUser = () => 3_000_000 + Math.floor(Math.random() * 6_000_000);

/** Our authorize redirect → Polar's consent (approved as `user`) → our callback, which lands on Data sources. */
export async function connectPolar(h: Harness, cookie: string, user: number): Promise<void> {
  const start = await h.call('/api/v1/connections/polar/authorize', { cookie });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user_id', String(user));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  expect((await h.call(back.pathname + back.search, { cookie })).headers.get('location')).toBe('/settings/data?connected=polar');
}
