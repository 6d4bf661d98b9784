// Test helpers for the Stripe flow: the sandbox's control API (signed deliveries handed back, since
// tests inside workerd cannot be reached over HTTP), posting them to /webhooks/stripe, and a coach world
// (the scenario kit's stripePayingClient).
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
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

type HttpClient = ReturnType<typeof Stripe.createFetchHttpClient>;

/** The official SDK pointed at the sandbox, as the app's providers set it up (requests served under /stripe). */
export function sandboxStripe(): Stripe {
  const base = new URL(`${inject('sandboxUrl')}/stripe/`);
  const inner = Stripe.createFetchHttpClient();
  const httpClient = Object.assign(Object.create(inner) as HttpClient, {
    makeRequest: (...[host, port, path, ...rest]: Parameters<HttpClient['makeRequest']>) =>
      inner.makeRequest(host, port, `/stripe${path}`, ...rest),
  });
  return new Stripe('sk_test_sandbox', { httpClient, host: base.hostname, port: Number(base.port), protocol: 'http' });
}

/** Signed events the sandbox queued for this customer since the last fetch (API calls, pages, clock advances). */
export async function queuedDeliveries(customer: string, query = ''): Promise<Delivery[]> {
  const res = await fetch(`${inject('sandboxUrl')}/stripe/_control/deliveries?customer=${encodeURIComponent(customer)}${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

export async function stripeControl<T = Json>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${inject('sandboxUrl')}/stripe/_control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
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
  return h.json<Json>('/webhooks/stripe', {
    body: d.payload,
    headers: { 'stripe-signature': d.signature, 'content-type': 'application/json; charset=utf-8' },
  });
}

export const storedEvent = async (h: Harness, stripeEventId: string) =>
  (await h.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, stripeEventId)))[0];

/** Waits for the real webhooks queue consumer to finish the event; returns its outcome. */
export async function processed(h: Harness, stripeEventId: string): Promise<string> {
  let outcome = '';
  await vi.waitFor(
    async () => {
      const row = await storedEvent(h, stripeEventId);
      expect(row?.processedAt).toBeTruthy();
      outcome = row!.outcome!;
    },
    { timeout: 30_000, interval: 100 },
  );
  return outcome;
}

/** Runs the webhooks consumer on one `{ kind: 'stripe' }` message, as the queue would. */
export async function runStripeMessage(eventRowId: string, attempts = 1) {
  const batch = createMessageBatch('cadence-webhooks', [
    { id: `m-${eventRowId}-${attempts}`, timestamp: new Date(), attempts, body: { kind: 'stripe', eventId: eventRowId } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** A coach with an org (zone of choice), one client and one package type: the kit's Stripe-paying client. */
export { stripePayingClient as coachWorld } from '../../testing/scenarios';
