// "Keep on this phone" without a browser: the paths the service worker keeps for a race card (page, data, PDF),
// the URLs the button asks it to fetch (the start time carried), the cache logging out deletes, and the worker's
// source registering a route for them with the longer expiry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offlinePageOf, RACE_CARDS_CACHE, RACE_CARDS_KEPT, raceCardOf, raceCardUrls, USER_CACHES } from './offline-pages';

const id = '0b8f6a8e-2f0c-4c59-9a3e-0a1f2b3c4d5e';

describe('the race card offline', () => {
  it('matches the card page, its data and its PDF, nothing else', () => {
    expect(raceCardOf(`/races/${id}/card`)).toEqual({ raceId: id, kind: 'page' });
    expect(raceCardOf(`/races/${id}/card.data`)).toEqual({ raceId: id, kind: 'data' });
    expect(raceCardOf(`/api/v1/races/${id}/card.pdf`)).toEqual({ raceId: id, kind: 'pdf' });
    for (const other of [`/races/${id}`, `/races/${id}/pacing`, `/api/v1/races/${id}/card`, '/races/x/card', `/races/${id}/card/more`])
      expect(raceCardOf(other)).toBeNull();
    // The other kept pages do not take it (it has a cache and expiry of its own).
    expect(offlinePageOf(`/races/${id}/card`)).toBeNull();
  });

  it('asks for the page and the PDF at the chosen start; every URL it asks for is one the worker keeps', () => {
    expect(raceCardUrls(id, null)).toEqual([`/races/${id}/card`, `/api/v1/races/${id}/card.pdf`]);
    const urls = raceCardUrls(id, '07:30');
    expect(urls).toEqual([`/races/${id}/card?start=07%3A30`, `/api/v1/races/${id}/card.pdf?start=07%3A30`]);
    for (const u of urls) expect(raceCardOf(new URL(u, 'http://cadence.test').pathname)).not.toBeNull();
  });

  it('is the athlete’s own (deleted at logout), kept longer than other pages, and routed by the worker', () => {
    expect(USER_CACHES).toContain(RACE_CARDS_CACHE);
    expect(RACE_CARDS_KEPT.maxAgeSeconds).toBeGreaterThan(14 * 24 * 3600);
    const sw = readFileSync(new URL('../../../sw/sw.ts', import.meta.url), 'utf8');
    expect(sw).toMatch(/raceCardOf\(url\.pathname\) !== null/);
    expect(sw).toMatch(/keptPages\(RACE_CARDS_CACHE, new ExpirationPlugin\(RACE_CARDS_KEPT\)\)/);
  });

  it('prints the card alone: everything else hidden, the card visible in large type', () => {
    const css = readFileSync(new URL('../../styles/race-card.css', import.meta.url), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toMatch(/body:has\(\.race-card-sheet\) \*\s*{\s*visibility: hidden;/);
    expect(print).toMatch(/\.race-card-sheet \*\s*{\s*visibility: visible;/);
    expect(print).toMatch(/font-size: 14pt/);
    const app = readFileSync(new URL('../../styles/app.css', import.meta.url), 'utf8');
    expect(app).toContain('@import "./race-card.css";');
  });
});
