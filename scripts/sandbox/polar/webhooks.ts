// Polar's side of webhooks: the PING a new or moved webhook URL must answer with 200, and the signed
// event POSTs. The signature is Polar's: `Polar-Webhook-Signature` = hex HMAC-SHA256 of the raw body,
// keyed with the webhook's signature_secret_key; `Polar-Webhook-Event` names the event.
import { createHmac } from 'node:crypto';
import type { Delivery, PolarState } from './state.ts';

const TIMEOUT_MS = 10_000;

export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** Polar writes timestamps without fractions: `2018-05-15T14:22:24Z`. */
export const polarTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** The request Polar would send; `secret: null` leaves the signature header out. */
export function signedRequest(event: string, payload: Record<string, unknown>, secret: string | null): SignedRequest {
  const body = JSON.stringify({ event, ...payload });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Polar-AccessLink-Sandbox-Webhooks',
    'polar-webhook-event': event,
  };
  if (secret !== null) headers['polar-webhook-signature'] = sign(secret, body);
  return { body, headers };
}

/** POSTs one request and records the delivery; `ok` needs a 200, as Polar's PING does. */
export async function post(
  s: PolarState,
  url: string,
  req: SignedRequest,
  meta: { event: string; userId: number | null; entityId: string | null },
): Promise<Delivery> {
  const started = performance.now();
  let status: number | null = null;
  let error: string | undefined;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    status = res.status;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const d: Delivery = {
    at: new Date().toISOString(),
    url,
    ...meta,
    status,
    ms: Math.round(performance.now() - started),
    ok: status === 200,
    signed: 'polar-webhook-signature' in req.headers,
    ...(error ? { error } : {}),
  };
  s.record(d);
  return d;
}

/** The verification ping: signed with the key the webhook is about to get (the receiver cannot know it yet). */
export function ping(s: PolarState, url: string, secret: string): Promise<Delivery> {
  return post(s, url, signedRequest('PING', { timestamp: polarTime(s.nowMs()) }, secret), { event: 'PING', userId: null, entityId: null });
}

/** The EXERCISE notification for a registered user, if the client's webhook is active and subscribed; null otherwise. */
export async function notifyExercise(s: PolarState, userId: number, entityId: string): Promise<Delivery | null> {
  const w = s.webhook;
  const u = s.users.get(userId);
  if (!w?.active || !w.events.includes('EXERCISE') || u?.registeredMs == null) return null;
  return post(s, w.url, signedRequest('EXERCISE', exercisePayload(s, userId, entityId), w.secret), { event: 'EXERCISE', userId, entityId });
}

export function exercisePayload(s: PolarState, userId: number, entityId: string): Record<string, unknown> {
  return {
    user_id: userId,
    entity_id: entityId,
    timestamp: polarTime(s.nowMs()),
    url: `${s.origin}/polar/accesslink/v3/exercises/${entityId}`,
  };
}
