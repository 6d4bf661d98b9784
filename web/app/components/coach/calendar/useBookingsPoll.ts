import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { CalendarBooking } from './types';
import { usePageVisible } from '../../usePageVisible';

export const POLL_MS = 15_000;

/**
 * The calendar's bookings for exactly the visible [from, to): the loader's answer first, then one
 * browser fetch every 15 s (one at a time, none while the tab is hidden). A new range (prev/next/today,
 * a view switch) or the tab coming back polls at once. A failed poll keeps the last data and says so.
 */
export function useBookingsPoll(range: { from: string; to: string }, initial: CalendarBooking[]) {
  const [bookings, setBookings] = useState(initial);
  const [failed, setFailed] = useState<string | null>(null);
  const [polling, setPolling] = useState(false);
  const visible = usePageVisible();
  const started = useRef(false);

  // Fresh loader data (navigation, or the revalidation after an action) replaces what we have.
  useEffect(() => setBookings(initial), [initial]);

  useEffect(() => {
    if (!visible) return;
    const ctrl = new AbortController();
    let timer: number | undefined;
    const query = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
    const poll = async () => {
      setPolling(true);
      try {
        const r = await api<{ bookings: CalendarBooking[] }>(`/api/v1/coach/bookings?${query}`, { signal: ctrl.signal });
        setBookings(r.bookings);
        setFailed(null);
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        setFailed((err as Error).message);
      } finally {
        if (!ctrl.signal.aborted) {
          setPolling(false);
          timer = window.setTimeout(poll, POLL_MS);
        }
      }
    };
    // The first render already has the loader's fresh answer; after that, a change means "poll now".
    timer = window.setTimeout(poll, started.current ? 0 : POLL_MS);
    started.current = true;
    return () => {
      ctrl.abort();
      window.clearTimeout(timer);
      setPolling(false);
    };
  }, [range.from, range.to, visible]);

  return { bookings, failed, polling };
}
