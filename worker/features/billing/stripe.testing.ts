// Test helpers for the Stripe flow: the sandbox's control API (signed deliveries handed back, since
// tests inside workerd cannot be reached over HTTP), posting them to /webhooks/stripe, and a coach world.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { expect, inject, vi } from 'vitest';
import { stripeEvents } from '../../db/schema';
import worker from '../../index';
import type { Harness } from '../../testing/harness';

export type Json = Record<string, any>;
export interface Delivery {
  eventId: string;
  type: string;
  payload: string;
  signature: string;
}

export async function stripeControl<T = Json>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${inject('sandboxUrl')}/stripe/_control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`stripe control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates events through the sandbox without delivering them; returns the signed deliveries. */
export async function stripeEvent(type: string, object: Json, extra: Json = {}): Promise<Delivery> {
  const r = await stripeControl<{ deliveries: Delivery[] }>('events', { type, data: { object }, deliver: false, ...extra });
  return r.deliveries[0]!;
}

/** POSTs a signed delivery to the app's webhook exactly as Stripe would. */
export function deliver(h: Harness, d: Pick<Delivery, 'payload' | 'signature'>) {
  return h.json<Json>('/webhooks/stripe', { body: d.payload, headers: { 'stripe-signature': d.signature, 'content-type': 'application/json; charset=utf-8' } });
}

export const storedEvent = async (h: Harness, stripeEventId: string) => (await h.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, stripeEventId)))[0];

/** Waits for the real webhooks queue consumer to finish the event; returns its outcome. */
export async function processed(h: Harness, stripeEventId: string): Promise<string> {
  let outcome = '';
  await vi.waitFor(
    async () => {
      const row = await storedEvent(h, stripeEventId);
      expect(row?.processedAt).toBeTruthy();
      outcome = row!.outcome!;
    },
    { timeout: 15_000, interval: 100 },
  );
  return outcome;
}

/** Runs the webhooks consumer on one `{ kind: 'stripe' }` message, as the queue would. */
export async function runStripeMessage(eventRowId: string, attempts = 1) {
  const batch = createMessageBatch('cadence-webhooks', [{ id: `m-${eventRowId}-${attempts}`, timestamp: new Date(), attempts, body: { kind: 'stripe', eventId: eventRowId } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** A coach with an org (zone of choice), one client and one package type. */
export async function coachWorld(h: Harness, opts: { timeZone?: string; priceCents?: number; currency?: string; sessions?: number } = {}) {
  const coach = await h.userWithRole('coach');
  const org = (await h.json<Json>('/api/v1/coach/org', { body: { name: 'Money Coaching', timeZone: opts.timeZone ?? 'America/Denver' }, cookie: coach.cookie })).body;
  const client = (await h.json<Json>('/api/v1/coach/clients', { body: { name: 'Pat Payer' }, cookie: coach.cookie })).body;
  const type = (
    await h.json<Json>('/api/v1/coach/package-types', {
      body: { name: '10 × 60', sessions: opts.sessions ?? 10, sessionMinutes: 60, priceCents: opts.priceCents ?? 50_000, currency: opts.currency ?? 'usd', validityDays: 90 },
      cookie: coach.cookie,
    })
  ).body;
  const api = <T = Json>(path: string, init: { method?: string; body?: unknown } = {}) => h.json<T>(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
  return { coach, org, client, type, api };
}
