// What the service worker keeps for a day without signal (ADR 077), shared with the page that warms it.
// Pages are kept with their Remix data (`<path>.data`, what a client-side navigation fetches).

/** Cache names: pages and their data are the athlete's own, so logging out deletes both. */
export const PAGES_CACHE = 'cadence-pages';
export const PAGE_DATA_CACHE = 'cadence-page-data';
export const USER_CACHES = [PAGES_CACHE, PAGE_DATA_CACHE];

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
