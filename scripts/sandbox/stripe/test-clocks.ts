// Stripe's test clocks: the only way time moves in the sandbox (there are no background timers).
// Advancing runs everything due for the clock's customers' subscriptions in time order — trial
// notices and ends, renewals, retries, scheduled cancellations — with each object and event dated
// at the simulated time. The advance answers `status: advancing` like Stripe; the work is done by
// the time the answer is sent, so the next retrieve says `ready`.
import { nextDue } from './billing-cycle.ts';
import { emit, listOf, newestFirst, present } from './objects.ts';
import { StripeParamError, int, missing, str } from './params.ts';
import type { Route } from './routes.ts';
import { newId, now } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { DAY } from './time.ts';

const KIND = 'test_helpers.test_clock';

export function clockById(state: StripeState, id: string): StripeObject {
  const c = state.get(id, KIND);
  if (!c) throw missing('test_clock', id, 'test_clock');
  return c;
}

/** Runs what is due up to `target` for the clock's customers, earliest first. */
export function advanceClock(state: StripeState, clock: StripeObject, target: number): void {
  const customers = new Set(
    state
      .all('customer')
      .filter((c) => c.test_clock === clock.id)
      .map((c) => c.id),
  );
  emit(state, `${KIND}.advancing`, { ...clock, status: 'advancing' }, clock.frozen_time as number);
  // A step always changes what is due next; the cap only guards against a sandbox bug looping forever.
  for (let step = 0; step < 10_000; step++) {
    let first: { at: number; run: () => void } | null = null;
    for (const sub of state.all('subscription')) {
      if (!customers.has(String(sub.customer))) continue;
      const due = nextDue(state, sub);
      if (due && due.at <= target && (!first || due.at < first.at)) first = due;
    }
    if (!first) break;
    clock.frozen_time = Math.max(clock.frozen_time as number, first.at);
    first.run();
  }
  clock.frozen_time = target;
  emit(state, `${KIND}.ready`, clock, target);
}

/** Moves a customer (and its subscriptions and invoices) onto a clock, or off one with `null`. */
export function joinClock(state: StripeState, customer: StripeObject, clockId: string | null): void {
  if (clockId) clockById(state, clockId);
  customer.test_clock = clockId;
  for (const o of state.objects.values())
    if ((o.object === 'subscription' || o.object === 'invoice') && o.customer === customer.id) o.test_clock = clockId;
}

export const clockRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/test_helpers\/test_clocks$/,
    run: ({ state, p }) => {
      const created = now();
      const clock = state.put({
        id: newId('clock'),
        object: KIND,
        created,
        deletes_after: created + 30 * DAY,
        frozen_time: int(p.frozen_time, 'frozen_time'),
        livemode: false,
        name: str(p.name, 'name') ?? null,
        status: 'ready',
        status_details: {},
      });
      emit(state, `${KIND}.created`, clock, created);
      return present(clock);
    },
  },
  {
    method: 'GET',
    path: /^\/test_helpers\/test_clocks$/,
    run: ({ state, p }) => listOf(newestFirst(state, KIND), p, '/v1/test_helpers/test_clocks'),
  },
  {
    method: 'GET',
    path: /^\/test_helpers\/test_clocks\/([^/]+)$/,
    run: ({ state, id }) => present(clockById(state, id)),
  },
  {
    method: 'DELETE',
    path: /^\/test_helpers\/test_clocks\/([^/]+)$/,
    run: ({ state, id }) => {
      const clock = clockById(state, id);
      // Deleting a clock deletes what lives on it, as on Stripe.
      const customers = new Set(
        state
          .all('customer')
          .filter((c) => c.test_clock === id)
          .map((c) => c.id),
      );
      for (const [key, o] of state.objects)
        if (o.object !== 'event' && (customers.has(o.id) || customers.has(String(o.customer)))) state.objects.delete(key);
      state.objects.delete(clock.id);
      emit(state, `${KIND}.deleted`, clock, now());
      return { id, object: KIND, deleted: true };
    },
  },
  {
    method: 'POST',
    path: /^\/test_helpers\/test_clocks\/([^/]+)\/advance$/,
    run: ({ state, id, p }) => {
      const clock = clockById(state, id);
      const target = int(p.frozen_time, 'frozen_time');
      if (target <= (clock.frozen_time as number))
        throw new StripeParamError('The frozen_time must be later than the test clock’s current frozen_time.', 'frozen_time');
      const answer = { ...present(clock), status: 'advancing', status_details: { advancing: { target_frozen_time: target } } };
      advanceClock(state, clock, target);
      return answer;
    },
  },
];
