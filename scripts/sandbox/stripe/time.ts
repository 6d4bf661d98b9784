// Time as Stripe sees it: a customer on a test clock lives at the clock's frozen time; anyone else
// at the real time of the request. Billing periods follow the anchor's day of the month (31 Jan →
// 28/29 Feb → 31 Mar), as Stripe's do.
import { now } from './state.ts';
import type { StripeState } from './state.ts';

export const DAY = 86_400;

/** The clock of a customer, if it has one. */
export function clockOf(state: StripeState, customerId: string | null | undefined) {
  const c = customerId ? state.get(customerId, 'customer') : undefined;
  return typeof c?.test_clock === 'string' ? state.get(c.test_clock, 'test_helpers.test_clock') : undefined;
}

/** "Now" for a customer: its test clock's frozen time, else the real time. */
export function nowFor(state: StripeState, customerId: string | null | undefined): number {
  const clock = clockOf(state, customerId);
  return clock ? (clock.frozen_time as number) : now();
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The end of a period that starts at `start`, keeping the anchor's day of the month for months and years. */
export function addInterval(start: number, interval: string, count: number, anchor = start): number {
  if (interval === 'day') return start + count * DAY;
  if (interval === 'week') return start + count * 7 * DAY;
  const d = new Date(start * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const day = Math.min(new Date(anchor * 1000).getUTCDate(), daysIn(y + Math.floor(m / 12), ((m % 12) + 12) % 12));
  return Math.floor(Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000);
}

export const isoDate = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
