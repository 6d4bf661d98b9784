import { useEffect, useRef, useState } from 'react';
import { usePageVisible } from '../usePageVisible';

/** One poll every 30 s while the tab shows; failures wait 60 s, 120 s, … up to 5 minutes. */
export const POLL_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Focus and visibility often fire together: one poll for both. */
const MIN_GAP_MS = 2_000;

/**
 * The bell's count: the shell loader's number first (no flash), then a cheap poll of the unread-count
 * endpoint while the page is visible, one request at a time. A tab coming back (or the window regaining
 * focus) polls at once; a 401 stops polling (signed out elsewhere). `loaded` changes identity with every
 * loader run, so a revalidation (after marking read) replaces whatever the poll said.
 */
export function useUnreadCount(loaded: { unread: number }): number {
  const [count, setCount] = useState(loaded.unread);
  const visible = usePageVisible();
  const started = useRef(false);

  useEffect(() => setCount(loaded.unread), [loaded]);

  useEffect(() => {
    if (!visible) return;
    const ctrl = new AbortController();
    let timer: number | undefined;
    let failures = 0;
    let inFlight = false;
    let stopped = false;
    let lastPoll = 0;

    const poll = async () => {
      if (inFlight || stopped) return;
      window.clearTimeout(timer);
      inFlight = true;
      lastPoll = Date.now();
      try {
        const res = await fetch('/api/v1/notifications/unread-count', {
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
          signal: ctrl.signal,
        });
        if (res.status === 401) stopped = true;
        else if (!res.ok) throw new Error(`unread count: ${res.status}`);
        else {
          const body = (await res.json()) as { unread?: unknown };
          if (typeof body.unread === 'number') setCount(body.unread);
          failures = 0;
        }
      } catch {
        if (ctrl.signal.aborted) return;
        failures += 1;
      } finally {
        inFlight = false;
      }
      if (!ctrl.signal.aborted && !stopped) {
        timer = window.setTimeout(poll, failures ? Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS) : POLL_MS);
      }
    };
    const onFocus = () => {
      // Backing off after errors is respected; otherwise focus means "look now".
      if (failures === 0 && Date.now() - lastPoll > MIN_GAP_MS) void poll();
    };

    // The first render has the loader's fresh count; a tab shown again polls at once.
    timer = window.setTimeout(poll, started.current ? 0 : POLL_MS);
    started.current = true;
    window.addEventListener('focus', onFocus);
    return () => {
      ctrl.abort();
      window.clearTimeout(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [visible]);

  return count;
}
