// What the service worker keeps for a day without signal (ADR 077), shared with the page that warms it.
// Pages are kept with their Remix data (`<path>.data`, what a client-side navigation fetches).

/** Cache names: pages and their data are the athlete's own, so logging out deletes both. */
export const PAGES_CACHE = 'cadence-pages';
export const PAGE_DATA_CACHE = 'cadence-page-data';
/** Race cards kept on the phone ("Keep on this phone"): longer than other pages, since a race is weeks away. */
export const RACE_CARDS_CACHE = 'cadence-race-cards';
export const USER_CACHES = [PAGES_CACHE, PAGE_DATA_CACHE, RACE_CARDS_CACHE];

/**
 * Today (Home: form and PBs), this week's plan with each workout's steps, the last activities, analysis
 * (form, PBs) and the AI coach's last answers, read-only offline.
 */
export const OFFLINE_PAGES = ['/home', '/training', '/activities', '/analysis', '/ai-coach'];

/** The path a request is for, if it is one of OFFLINE_PAGES or its data (`/training.data`), else null. */
export function offlinePageOf(pathname: string): { page: string; data: boolean } | null {
  const data = pathname.endsWith('.data');
  const path = data ? pathname.slice(0, -'.data'.length) : pathname;
  // The AI coach's threads (/ai-coach/<id>) are kept too; activity pages are not (summaries are on the list).
  const page = OFFLINE_PAGES.find((p) => path === p || (p === '/ai-coach' && path.startsWith('/ai-coach/')));
  return page ? { page: path, data } : null;
}

/** Pages the window asks the worker to fetch once it controls the page, so they are there before the first trip offline. */
export const WARM_PAGES = ['/home', '/training', '/activities', '/ai-coach'];

/** Files shared to the app while signed out, kept by the worker until /share posts them after login. */
export const SHARE_INBOX_CACHE = 'cadence-share-inbox';

/** A race card keeps up to this many races for this long (a card saved a month out still opens on race day). */
export const RACE_CARDS_KEPT = { maxEntries: 24, maxAgeSeconds: 60 * 24 * 3600 };

const CARD_PATH = /^\/races\/([0-9a-f-]{36})\/card(\.data)?$/;
const CARD_PDF_PATH = /^\/api\/v1\/races\/([0-9a-f-]{36})\/card\.pdf$/;

/** The race card's page, its Remix data or its PDF, by path; null for anything else. */
export function raceCardOf(pathname: string): { raceId: string; kind: 'page' | 'data' | 'pdf' } | null {
  const page = CARD_PATH.exec(pathname);
  if (page) return { raceId: page[1]!, kind: page[2] ? 'data' : 'page' };
  const pdf = CARD_PDF_PATH.exec(pathname);
  return pdf ? { raceId: pdf[1]!, kind: 'pdf' } : null;
}

/** What "Keep on this phone" asks the worker to fetch and keep: the card page and its PDF, at the chosen start. */
export function raceCardUrls(raceId: string, start: string | null): string[] {
  const q = start ? `?start=${encodeURIComponent(start)}` : '';
  return [`/races/${raceId}/card${q}`, `/api/v1/races/${raceId}/card.pdf${q}`];
}
