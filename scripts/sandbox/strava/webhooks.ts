// Strava's side of webhooks: the subscription validation GET and event POSTs to the app's
// callback, timed against Strava's 2-second deadline. Events are unsigned, as Strava's are.
import { randomBytes } from 'node:crypto';
import type { StravaState } from './state.ts';

export interface WebhookEvent {
  aspect_type: 'create' | 'update' | 'delete';
  event_time: number;
  object_id: number;
  object_type: 'activity' | 'athlete';
  owner_id: number;
  subscription_id: number;
  /** Strava sends string values: `{ "title": "…" }`, `{ "private": "true" }`, `{ "authorized": "false" }`. */
  updates: Record<string, string>;
}

export interface Delivery {
  url: string;
  event: WebhookEvent;
  /** Last attempt's HTTP status, or null when the app did not answer (refused, timeout). */
  status: number | null;
  ms: number;
  ok: boolean;
  /** Strava wants a 200 within 2 s; slower answers count as failures and get retried. */
  withinDeadline: boolean;
  attempts: number;
  error?: string;
  at: string;
}

export const DEADLINE_MS = 2000;
const GIVE_UP_MS = 10_000;

async function postOnce(url: URL, event: WebhookEvent): Promise<{ status: number | null; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Strava-Sandbox-Webhooks' },
      body: JSON.stringify(event),
      redirect: 'manual',
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: null, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * POSTs the event; with `retries` > 0 it tries again (like Strava, up to 3 times) while the answer
 * is not a 200 within the deadline. Reports the last attempt.
 */
export async function deliver(url: URL, event: WebhookEvent, retries = 0): Promise<Delivery> {
  let attempts = 0;
  let last: { status: number | null; ms: number; error?: string };
  do {
    attempts++;
    last = await postOnce(url, event);
  } while (attempts <= Math.min(retries, 3) && !(last.status === 200 && last.ms <= DEADLINE_MS));
  const withinDeadline = last.ms <= DEADLINE_MS;
  return {
    url: url.toString(),
    event,
    status: last.status,
    ms: last.ms,
    ok: last.status === 200 && withinDeadline,
    withinDeadline,
    attempts,
    ...(last.error ? { error: last.error } : {}),
    at: new Date().toISOString(),
  };
}

export interface Validation {
  ok: boolean;
  status: number | null;
  challenge: string;
  echoed: unknown;
  ms: number;
  error?: string;
}

/** Strava's subscription check: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… → `{"hub.challenge": …}`. */
export async function validateCallback(url: URL, verifyToken: string): Promise<Validation> {
  const challenge = randomBytes(16).toString('hex');
  const target = new URL(url);
  target.searchParams.set('hub.verify_token', verifyToken);
  target.searchParams.set('hub.challenge', challenge);
  target.searchParams.set('hub.mode', 'subscribe');
  const started = performance.now();
  try {
    const res = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(GIVE_UP_MS) });
    const text = await res.text();
    let echoed: unknown = null;
    try {
      echoed = (JSON.parse(text) as Record<string, unknown>)['hub.challenge'] ?? null;
    } catch {
      echoed = null;
    }
    const ms = Math.round(performance.now() - started);
    return { ok: res.status === 200 && echoed === challenge && ms <= DEADLINE_MS, status: res.status, challenge, echoed, ms };
  } catch (err) {
    return {
      ok: false,
      status: null,
      challenge,
      echoed: null,
      ms: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

export type EventInput = Omit<WebhookEvent, 'subscription_id' | 'event_time'> & { event_time?: number; subscription_id?: number };

/** Strava's subscription id when the app has not created one through the API. */
export const DEFAULT_SUBSCRIPTION_ID = 120475;

/**
 * Fills `subscription_id` and `event_time` (sandbox time) and delivers to `url`, or to the app's
 * subscription when no url is given (null when there is neither). Deliveries are logged, newest first.
 */
export async function push(state: StravaState, input: EventInput, url?: URL, retries = 0): Promise<Delivery | null> {
  const target = url ?? (state.subscription ? new URL(state.subscription.callbackUrl) : null);
  if (!target) return null;
  const event: WebhookEvent = {
    aspect_type: input.aspect_type,
    event_time: input.event_time ?? state.scope(input.owner_id).clock.nowSec(),
    object_id: input.object_id,
    object_type: input.object_type,
    owner_id: input.owner_id,
    subscription_id: input.subscription_id ?? state.subscription?.id ?? DEFAULT_SUBSCRIPTION_ID,
    updates: input.updates ?? {},
  };
  const d = await deliver(target, event, retries);
  state.deliveries = [d, ...state.deliveries].slice(0, 100);
  return d;
}
