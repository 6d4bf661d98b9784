import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { expect, inject, vi } from 'vitest';
import { activities, providerConnections } from '../db/schema';
import type { Harness } from './harness';

// Helpers for tests that talk to the Strava sandbox through the real client. The sandbox is shared by the whole
// run (started with generous limits and 25 activities per athlete: services.ts), so a test never changes its
// config or clock: it bends Strava for its own athlete only (`stravaWorld`, `stravaClock`).

const sandbox = () => `${inject('sandboxUrl')}/strava`;
let nextAthlete = 5000 + Math.floor(Math.random() * 1000) * 100;
export const newAthleteId = () => ++nextAthlete;

export async function control<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${sandbox()}/_control/${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`sandbox control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The whole browser round trip: our authorize redirect → sandbox consent (auto-approved) → our callback. */
export async function connectStrava(h: Harness, cookie: string, athleteId: number): Promise<Response> {
  const start = await h.call('/api/v1/connections/strava/authorize', { cookie });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(athleteId));
  const back = await fetch(consent, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  return h.call(callback.pathname + callback.search, { cookie });
}

export interface IngestionStatusBody {
  paused: boolean;
  connections: { strava: { connected: boolean; athleteId: string | null; reconnectNeeded: boolean } };
  states: {
    source: string;
    status: string;
    doneCount: number;
    totalEstimate: number | null;
    resumeAt: string | null;
    lastError: string | null;
  }[];
  activityCount: number;
}

export async function ingestionStatus(h: Harness, cookie: string): Promise<IngestionStatusBody> {
  return (await h.json<IngestionStatusBody>('/api/v1/ingestion', { cookie })).body;
}

/** Polls until the Strava state is done; returns every status seen on the way. */
export async function waitUntilDone(h: Harness, cookie: string, timeout = 60_000): Promise<Set<string>> {
  const seen = new Set<string>();
  await vi.waitFor(
    async () => {
      const s = await ingestionStatus(h, cookie);
      for (const st of s.states) seen.add(st.status);
      expect(s.states.find((x) => x.source === 'strava')?.status).toBe('done');
    },
    { timeout, interval: 100 },
  );
  return seen;
}

/** The athlete's activities as the sandbox knows them (its control API: no tokens, no rate limits). */
export async function stravaListFor(h: Harness, userId: string): Promise<{ id: number; distance: number }[]> {
  const [conn] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));
  if (!conn) throw new Error('not connected');
  const truth = await control<{ activities: { id: number; distance: number }[] }>(`athletes/${conn.externalAthleteId}`);
  return truth.activities;
}

/** One athlete's token traffic as the sandbox saw it: 401s answered and refresh grants asked for (refused ones too). */
export async function tokenCalls(athleteId: number): Promise<{ unauthorized: number; refreshes: number }> {
  const { calls } = await control<{
    calls: { unauthorizedPerAthlete: Record<string, number>; refreshesPerAthlete: Record<string, number> };
  }>('state');
  return { unauthorized: calls.unauthorizedPerAthlete[athleteId] ?? 0, refreshes: calls.refreshesPerAthlete[athleteId] ?? 0 };
}

export const budget = () => env.PROVIDER_BUDGET.get(env.PROVIDER_BUDGET.idFromName('strava'));

/** "Sign up / log in with Strava" without a session: start URL → sandbox consent → our callback. */
export async function stravaFlow(h: Harness, startPath: string, athleteId: number): Promise<Response> {
  const start = await h.call(startPath);
  const to = start.headers.get('location') ?? '';
  if (!to.startsWith('http')) return start; // refused before Strava (e.g. a bad invite)
  const consent = new URL(to);
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(athleteId));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  return h.call(back.pathname + back.search);
}

/** What an athlete's own Strava world may change; everything else about Strava stays the run's. */
export interface StravaWorld {
  limits?: { shortLimit?: number; dailyLimit?: number; readShortLimit?: number; readDailyLimit?: number };
  timeScale?: number;
  alignToWallClock?: boolean;
  activitiesPerAthlete?: number;
}

/** The athlete's own clock speed, rate limits or history size at Strava; other athletes (other files' too) keep theirs. */
export const stravaWorld = (athleteId: number, world: StravaWorld) => control(`athletes/${athleteId}/config`, { body: world });

/** Sets the athlete's own Strava clock (their tokens' life and which activities have started go by it). */
export const stravaClock = (athleteId: number, now: Date) => control(`athletes/${athleteId}/clock`, { body: { now: now.toISOString() } });

/** How many Strava activities we hold for the athlete, and their total distance in km. */
export async function sumDistance(h: Harness, userId: string): Promise<{ n: number; km: number }> {
  const [row] = await h.db
    .select({ n: sql<number>`count(*)::int`, km: sql<number>`coalesce(sum(${activities.distanceM}), 0) / 1000` })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, 'strava')));
  return { n: row!.n, km: Number(row!.km) };
}
