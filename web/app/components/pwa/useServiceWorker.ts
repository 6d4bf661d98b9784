import { useEffect, useState } from 'react';
import { WARM_PAGES } from '~/utils/pwa/offline-pages';

/**
 * Registers /sw.js by hand (not a Remix plugin; ADR 077), warms the pages kept offline once it controls the
 * page, and reports a new deploy's worker waiting to take over: `update()` hands over and reloads.
 */
export function useServiceWorker(): { updateReady: boolean; update: () => void } {
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const sw = navigator.serviceWorker;
    let cancelled = false;
    const warm = () => sw.controller?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: WARM_PAGES } });
    if (sw.controller) warm();
    else sw.addEventListener('controllerchange', warm, { once: true });
    void sw
      .register('/sw.js', { scope: '/', updateViaCache: 'none' })
      .then((registration) => {
        if (cancelled) return;
        // Only a worker that replaces one already in charge is an update; the first one simply takes over.
        const offer = () => {
          if (registration.waiting && sw.controller) setWaiting(registration.waiting);
        };
        offer();
        registration.addEventListener('updatefound', () => {
          registration.installing?.addEventListener('statechange', offer);
        });
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);

  const update = () => {
    if (!waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  };
  return { updateReady: waiting !== null, update };
}
