// Display helpers of the coach console, shared by pages and the browser-side sections.
import type { BadgeTone } from '~/components/ui';
import { localDateOf, localTimeOf, dayLabel } from './coach-calendar';

export type BookingStatus = 'scheduled' | 'confirmed' | 'completed' | 'cancelled' | 'no_show';

export const BOOKING_STATUS: Record<BookingStatus, { label: string; tone: BadgeTone }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  confirmed: { label: 'Confirmed ✓', tone: 'success' },
  completed: { label: 'Completed', tone: 'info' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  no_show: { label: 'No-show', tone: 'danger' },
};

export const isOpen = (s: BookingStatus) => s === 'scheduled' || s === 'confirmed';

export type Deduction = { status: 'deducted' | 'already' | 'no_sessions'; remaining?: number | undefined };

const sessions = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`;

/** What completing a booking did to the client's sessions, in words. */
export function describeDeduction(d: Deduction): string {
  if (d.status === 'deducted') return `Completed: 1 session used — ${d.remaining ?? 0} left.`;
  if (d.status === 'already')
    return `Already completed: no session used this time${d.remaining !== undefined ? ` — ${sessions(d.remaining)} left` : ''}.`;
  return 'Completed, but no sessions left: this client has no active package with a session remaining.';
}

export { sessions as sessionsText };

/** "09:00–10:00" in the org's zone. */
export const timeRange = (startsAt: string, endsAt: string, tz: string) => `${localTimeOf(startsAt, tz)}–${localTimeOf(endsAt, tz)}`;

/** "Mon 9 Mar, 09:00–10:00" in the org's zone. */
export const whenText = (startsAt: string, endsAt: string, tz: string) =>
  `${dayLabel(localDateOf(startsAt, tz))}, ${timeRange(startsAt, endsAt, tz)}`;

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

export const CONSENT_LABEL = { unknown: 'Not asked', granted: 'Granted', revoked: 'Revoked' } as const;

/**
 * How many of an athlete's workouts this week are still to come (today or later), or null when none are or
 * it cannot be told. With no workout of the last 7 days missed, every one not done is on a day that has not
 * ended, so "0 of 2 done" beside "On track" says why: nothing was due yet.
 */
export function stillToCome(w: { planned: { count: number }; done: { count: number }; missed: number }): number | null {
  const left = w.planned.count - w.done.count;
  return left > 0 && w.missed === 0 ? left : null;
}
