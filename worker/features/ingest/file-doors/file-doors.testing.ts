// The live-door tests' side of the Garmin sandbox (run-wide, so every Garmin test lives in one file): its control
// API, the browser round trip of connecting, and the pings it keeps in its outbox (it has no webhook URL in tests:
// workerd's worker has no address it could post to), delivered here as Garmin would.
import { expect, inject } from 'vitest';
import type { Harness } from '../../../testing/harness';

const sandbox = () => `${inject('sandboxUrl')}/garmin`;
let nextUser = 700_000 + Math.floor(Math.random() * 1000) * 100;
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
