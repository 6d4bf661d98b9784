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
 * "Keep on this phone": asks the service worker (ADR 077) to fetch the card page and its PDF into the race-cards
 * cache (CACHE_URLS, answered on a message port once done), checks both are there, and remembers when.
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

  const save = () => {
    const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
    if (!worker || typeof caches === 'undefined') {
      setState('unsupported');
      return;
    }
    setState('saving');
    const channel = new MessageChannel();
    channel.port1.onmessage = async () => {
      const cache = await caches.open(RACE_CARDS_CACHE);
      const kept = await Promise.all(urls.map((u) => cache.match(u)));
      if (kept.every(Boolean)) {
        const now = new Date().toISOString();
        window.localStorage.setItem(savedKey(raceId), now);
        setSaved(now);
        setState('idle');
      } else setState('failed');
    };
    worker.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: urls } }, [channel.port2]);
  };

  return (
    <div className="race-card-keep">
      <Button variant="secondary" onClick={save} disabled={state === 'saving'}>
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
