import { useEffect, useState } from 'react';
import { RACE_CARDS_CACHE, raceCardUrls } from '~/utils/pwa/offline-pages';
import { formatWeekdayDate } from '../../../../worker/lib/format';
import { Button } from '../ui';

const savedKey = (raceId: string) => `cadence.race-card-saved.${raceId}`;

/** "Sun 29 Nov, 10:45": when the card was kept, in the phone's own clock. */
export function savedWords(iso: string): string {
  const d = new Date(iso);
  const ymd = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${formatWeekdayDate(ymd)}, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * "Keep on this phone": fetches the card page and its PDF into the race-cards cache, which the service worker
 * (ADR 077) answers from without signal, and remembers when.
 */
export function KeepOnPhone({ raceId, start }: { raceId: string; start: string | null }) {
  const urls = raceCardUrls(raceId, start);
  const [saved, setSaved] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'failed' | 'unsupported'>('idle');

  useEffect(() => {
    if (typeof caches === 'undefined') return;
    const at = window.localStorage.getItem(savedKey(raceId));
    void caches
      .open(RACE_CARDS_CACHE)
      .then((c) => c.match(urls[0]!))
      .then((hit) => setSaved(hit && at ? at : null))
      .catch(() => {});
  }, [raceId, urls[0]]);

  const save = async () => {
    // Offline the card is served by the service worker from this cache: without one, keeping it would not help.
    if (!navigator.serviceWorker?.controller || typeof caches === 'undefined') {
      setState('unsupported');
      return;
    }
    setState('saving');
    try {
      // Fetched and kept here, each write awaited: the worker's CACHE_URLS message answers before its cache writes
      // land, so "saved" read after its answer was sometimes not yet true.
      const cache = await caches.open(RACE_CARDS_CACHE);
      await Promise.all(
        urls.map(async (u) => {
          const res = await fetch(u, { credentials: 'same-origin' });
          if (res.status !== 200 || res.redirected) throw new Error(`${u}: ${res.status}`);
          await cache.put(u, res);
        }),
      );
      const now = new Date().toISOString();
      window.localStorage.setItem(savedKey(raceId), now);
      setSaved(now);
      setState('idle');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="race-card-keep">
      <Button variant="secondary" onClick={() => void save()} disabled={state === 'saving'}>
        {state === 'saving' ? 'Saving…' : saved ? 'Save again' : 'Keep on this phone'}
      </Button>
      <p className="race-card-keep-status" role="status">
        {saved ? `Saved on this phone ${savedWords(saved)}: it opens without signal.` : null}
        {state === 'unsupported' ? 'This browser cannot keep pages offline; download the PDF instead.' : null}
        {state === 'failed' ? 'Could not save the card: are you online? Try again, or download the PDF.' : null}
      </p>
    </div>
  );
}
