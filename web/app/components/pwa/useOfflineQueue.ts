import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { QUEUE_EVENT, type QueuedChange, queued, replay, RETRY_MS } from '~/utils/pwa/offline-queue';

/**
 * The changes kept on this device (ADR 080), replayed at start-up, when the browser says it is online, and every
 * RETRY_MS while one waits (Chromium's emulated or a train's half connection may never say so); the page is read
 * again once something synced, so it shows what the server now holds.
 */
export function useOfflineQueue(): QueuedChange[] {
  const [changes, setChanges] = useState<QueuedChange[]>([]);
  const revalidator = useRevalidator();
  // The latest revalidate, read from the effects below without making them start over on every render.
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // Read again only with a connection: read offline, the page gives way to an error (a failed fetch of a week the
  // worker never kept). What synced just before the signal went is read at the next 'online'.
  const stale = useRef(false);
  const refresh = useRef((synced: number) => {
    if (synced === 0 && !stale.current) return;
    stale.current = !navigator.onLine;
    if (!stale.current) revalidate.current();
  });
  const waiting = changes.some((c) => !c.conflict);

  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    let live = true;
    const load = () =>
      void queued()
        .then((all) => live && setChanges(all))
        .catch(() => {});
    const sync = () =>
      void replay()
        .then((n) => {
          if (live) refresh.current(n);
        })
        .catch(() => {});
    load();
    sync();
    window.addEventListener(QUEUE_EVENT, load);
    window.addEventListener('online', sync);
    return () => {
      live = false;
      window.removeEventListener(QUEUE_EVENT, load);
      window.removeEventListener('online', sync);
    };
  }, []);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(
      () =>
        void replay()
          .then((n) => refresh.current(n))
          .catch(() => {}),
      RETRY_MS,
    );
    return () => clearInterval(timer);
  }, [waiting]);

  return changes;
}
