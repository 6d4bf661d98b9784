// Control calls for Stripe Billing tests: put an app-created customer on a test clock, make its next
// charges fail, fetch the signed events queued by /v1 calls and the hosted pages (tests in workerd
// cannot receive webhooks), redeliver a customer's events duplicated or reversed, and billing config.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import { seedCatalog } from './catalog.ts';
import { customerById } from './customers.ts';
import { eventsOf, takePending } from './deliveries.ts';
import type { CatalogEntry, SignOptions, StripeObject, StripeState } from './state.ts';
import { joinClock } from './test-clocks.ts';

const fail = (res: ServerResponse, status: number, error: string): true => {
  sendJson(res, status, { error });
  return true;
};

/** GET _control/deliveries?customer=cus_…&type=invoice.,customer.subscription.&keep=1 */
export function getDeliveries(state: StripeState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const sign: SignOptions = {
    ...(q.get('timestamp') ? { timestamp: Number(q.get('timestamp')) } : {}),
    ...(q.get('secret') ? { secret: q.get('secret')! } : {}),
  };
  const types = (q.get('type') ?? '').split(',').filter(Boolean);
  const deliveries = takePending(
    state,
    {
      ...(q.has('customer') ? { customer: q.get('customer') || null } : {}),
      types,
      keep: q.get('keep') === '1' || q.get('keep') === 'true',
    },
    sign,
  );
  sendJson(res, 200, { deliveries });
}

function isCatalog(v: unknown): v is CatalogEntry[] {
  return (
    Array.isArray(v) &&
    v.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.lookupKey === 'string' &&
        typeof e.product === 'string' &&
        typeof e.tier === 'string' &&
        ['day', 'week', 'month', 'year'].includes(e.interval) &&
        Number.isInteger(e.unitAmount) &&
        e.unitAmount >= 0,
    )
  );
}

/** The billing part of POST _control/config; answers an error message or null. */
export function configureBilling(state: StripeState, b: Record<string, unknown>): string | null {
  if (b.autoDeliver !== undefined) {
    if (typeof b.autoDeliver !== 'boolean') return 'autoDeliver must be a boolean';
    state.config.autoDeliver = b.autoDeliver;
  }
  if (b.retryDays !== undefined) {
    if (!Array.isArray(b.retryDays) || !b.retryDays.every((d, i, a) => Number.isFinite(d) && d > 0 && (i === 0 || d > a[i - 1])))
      return 'retryDays must be increasing positive numbers of days, e.g. [3, 5, 7]';
    state.config.retryDays = b.retryDays as number[];
  }
  if (b.afterRetries !== undefined) {
    if (b.afterRetries !== 'unpaid' && b.afterRetries !== 'canceled') return "afterRetries must be 'unpaid' or 'canceled'";
    state.config.afterRetries = b.afterRetries;
  }
  if (b.portalProrationBehavior !== undefined) {
    if (!['create_prorations', 'always_invoice', 'none'].includes(String(b.portalProrationBehavior)))
      return 'portalProrationBehavior must be create_prorations, always_invoice or none';
    state.config.portalProrationBehavior = b.portalProrationBehavior as StripeState['config']['portalProrationBehavior'];
  }
  if (b.catalog !== undefined) {
    if (!isCatalog(b.catalog)) return 'catalog must be [{ lookupKey, product, tier, interval, unitAmount, currency? }]';
    state.config.catalog = b.catalog;
    seedCatalog(state);
  }
  return null;
}

/**
 * POST control paths for billing. `finish` signs, delivers (unless deliver:false) and answers the events,
 * as every event-making control call does. Returns false for paths that are not billing's.
 */
export async function handleBillingControl(
  state: StripeState,
  path: string,
  b: Record<string, unknown>,
  res: ServerResponse,
  finish: (events: StripeObject[], extra?: Record<string, unknown>) => Promise<void>,
): Promise<boolean> {
  let m = /^\/customers\/([^/]+)\/test-clock$/.exec(path);
  if (m) {
    const customer = customerById(state, decodeURIComponent(m[1]!));
    if (b.testClock !== null && typeof b.testClock !== 'string') return fail(res, 400, 'testClock must be a test clock id or null');
    joinClock(state, customer, b.testClock);
    sendJson(res, 200, { customer: customer.id, testClock: customer.test_clock });
    return true;
  }
  m = /^\/customers\/([^/]+)\/fail-payments$/.exec(path);
  if (m) {
    const customer = customerById(state, decodeURIComponent(m[1]!));
    const count = b.count === undefined ? 1 : b.count;
    if (!Number.isInteger(count) || (count as number) < 0) return fail(res, 400, 'count must be a non-negative integer');
    if (count === 0) state.failPayments.delete(customer.id);
    else state.failPayments.set(customer.id, count as number);
    sendJson(res, 200, { customer: customer.id, failPayments: count });
    return true;
  }
  if (path === '/redeliver') {
    let events: StripeObject[];
    if (Array.isArray(b.eventIds)) {
      events = b.eventIds.map((id) => state.get(String(id), 'event')).filter((e): e is StripeObject => Boolean(e));
      if (events.length !== b.eventIds.length) return fail(res, 404, 'no such event');
    } else if (typeof b.customer === 'string') events = eventsOf(state, b.customer);
    else return fail(res, 400, 'give eventIds or customer');
    const types = Array.isArray(b.types) ? b.types.map(String) : [];
    if (types.length) events = events.filter((e) => types.some((t) => String(e.type).startsWith(t)));
    const copies = b.duplicate === true ? 2 : Number.isInteger(b.copies) ? Math.min(5, Math.max(1, b.copies as number)) : 1;
    // Copies follow one another ([a, b, a, b]); "order": "reverse" then turns the whole batch around.
    await finish(Array.from({ length: copies }, () => events).flat());
    return true;
  }
  return false;
}
