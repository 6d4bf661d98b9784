// Getting events to the app. Events made by /v1 calls, the hosted pages and clock advances are
// queued per customer (tests inside workerd cannot receive HTTP: they fetch the signed payloads with
// GET _control/deliveries?customer=… and post them to the app themselves) and, unless
// `autoDeliver: false`, POSTed to the webhook URL too — after the API answer, one at a time in order.
import { customerOf } from './objects.ts';
import type { Delivery, SignOptions, StripeObject, StripeState } from './state.ts';

const QUEUE_LIMIT = 5000;

export function queue(state: StripeState, events: StripeObject[]): void {
  for (const e of events)
    state.pending.push({ eventId: e.id, customer: customerOf((e.data as { object?: Record<string, unknown> }).object) });
  if (state.pending.length > QUEUE_LIMIT) state.pending.splice(0, state.pending.length - QUEUE_LIMIT);
}

/**
 * Queues the events and POSTs them (signed when sent). `wait`: the hosted pages wait, so the app has
 * the events before the browser is sent back to it; API calls do not (Stripe answers first).
 */
export async function publish(state: StripeState, events: StripeObject[], log: (l: string) => void, wait = false): Promise<void> {
  if (!events.length) return;
  queue(state, events);
  if (!state.config.autoDeliver || !state.config.webhookUrl) return;
  const run = () =>
    state.deliver(
      events.map((e) => state.sign(e)),
      log,
    );
  const sent = state.deliveryChain.then(run, run);
  state.deliveryChain = sent.catch(() => {});
  if (wait) await sent;
}

export interface PendingFilter {
  customer?: string | null;
  /** Event type prefixes, e.g. `customer.subscription.` or `invoice.paid`. */
  types?: string[];
  /** Leave them queued (a peek). */
  keep?: boolean;
}

/** Queued events matching the filter, oldest first, signed now; removed from the queue unless `keep`. */
export function takePending(state: StripeState, f: PendingFilter, sign: SignOptions = {}): (Delivery & { customer: string | null })[] {
  const out: (Delivery & { customer: string | null })[] = [];
  const rest: typeof state.pending = [];
  for (const q of state.pending) {
    const e = state.get(q.eventId, 'event');
    const match =
      e &&
      (f.customer === undefined || q.customer === f.customer) &&
      (!f.types?.length || f.types.some((t) => String(e.type).startsWith(t)));
    if (match) out.push({ ...state.sign(e, sign), customer: q.customer });
    if (!match || f.keep) rest.push(q);
  }
  state.pending.splice(0, state.pending.length, ...rest);
  return out;
}

/** Every stored event about a customer, oldest first (for redelivery). */
export function eventsOf(state: StripeState, customer: string): StripeObject[] {
  return [...state.objects.values()].filter(
    (o) => o.object === 'event' && customerOf((o.data as { object?: Record<string, unknown> }).object) === customer,
  );
}
