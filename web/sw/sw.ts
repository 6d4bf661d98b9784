/// <reference lib="webworker" />
// Cadence's service worker (ADR 077): serwist precaches the build's assets (its manifest is injected by
// scripts/build-sw.ts), keeps the athlete's pages for a day offline, and shows every push as a notification.
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type RouteHandlerCallback } from 'serwist';
import { SHARE_FILE_FIELD, SHARE_TARGET_PATH } from '../app/utils/pwa/manifest';
import {
  offlinePageOf,
  PAGE_DATA_CACHE,
  PAGES_CACHE,
  RACE_CARDS_CACHE,
  RACE_CARDS_KEPT,
  raceCardOf,
  SHARE_INBOX_CACHE,
  USER_CACHES,
} from '../app/utils/pwa/offline-pages';
import { readPushPayload } from '../app/utils/pwa/push-payload';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

// A cached page only when the server answered it in full (not a redirect to login, not an error page).
const fullPagesOnly = {
  cacheWillUpdate: async ({ response }: { response: Response }) => (response.status === 200 && !response.redirected ? response : null),
};
const expiry = new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 14 * 24 * 3600 });

// Logging out starts a new generation. A page fetched before it is never kept after it: its cache write can land
// after the logout emptied the caches (it runs once the page has its answer), so that write is undone, and the next
// person on this browser finds nothing of the last one's.
let generation = 0;
const sameSessionOnly = {
  requestWillFetch: async ({ request, state }: { request: Request; state?: Record<string, unknown> }) => {
    if (state) state.generation = generation;
    return request;
  },
  cacheDidUpdate: async ({ cacheName, request, state }: { cacheName: string; request: Request; state?: Record<string, unknown> }) => {
    if (state?.generation !== undefined && state.generation !== generation) await (await caches.open(cacheName)).delete(request);
  },
};

/**
 * NetworkFirst (3 s), except when the browser already knows it is offline: a request then fails only after
 * seconds (measured ~2 s in Chromium), so the kept copy answers at once and the network is tried only without one.
 */
function keptPages(cacheName: string, keep = expiry): RouteHandlerCallback {
  const plugins = [fullPagesOnly, sameSessionOnly, keep];
  const online = new NetworkFirst({ cacheName, networkTimeoutSeconds: 3, plugins });
  const offline = new CacheFirst({ cacheName, plugins });
  return (options) => (self.navigator.onLine ? online : offline).handle(options);
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // A new deploy waits until the page says "reload" (SKIP_WAITING), so an open page never runs against a
  // worker from another build.
  skipWaiting: false,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && offlinePageOf(url.pathname)?.data === false,
      // The network when it answers within 3 s (fresh plan), else the copy kept at the last visit.
      handler: keptPages(PAGES_CACHE),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && offlinePageOf(url.pathname)?.data === true,
      handler: keptPages(PAGE_DATA_CACHE),
    },
    {
      // The race card, its data and its PDF (issue 56): kept on "Keep on this phone" and on every visit, for longer.
      matcher: ({ url, sameOrigin }) => sameOrigin && raceCardOf(url.pathname) !== null,
      handler: keptPages(RACE_CARDS_CACHE, new ExpirationPlugin(RACE_CARDS_KEPT)),
    },
  ],
});

/**
 * A share from another app: its files are kept, then the /share page posts them through its form — signed
 * in at once, signed out after the login it is sent to, so a share is never lost on the way.
 */
async function stashShare(request: Request): Promise<Response> {
  const form = await request.formData();
  const cache = await caches.open(SHARE_INBOX_CACHE);
  let i = 0;
  for (const entry of form.getAll(SHARE_FILE_FIELD)) {
    if (typeof entry === 'string') continue;
    const headers = { 'content-type': entry.type || 'application/octet-stream', 'x-filename': encodeURIComponent(entry.name) };
    await cache.put(new Request(`/share-inbox/${Date.now()}-${i++}`), new Response(entry, { headers }));
  }
  return Response.redirect(SHARE_TARGET_PATH, 303);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'POST') return;
  // Logging out forgets the athlete's pages before the next person uses this browser. A new generation both when
  // it starts and once it is answered: a page fetched meanwhile (the warm-up) still carried the old session's
  // cookie, and its copy must not outlive the logout either.
  if (url.pathname === '/logout' || url.pathname === '/logout.data') {
    generation++;
    const forget = () => Promise.all(USER_CACHES.map((name) => caches.delete(name)));
    const answered = fetch(event.request).finally(() => generation++);
    event.respondWith(answered);
    event.waitUntil(forget().then(() => answered.then(forget, forget)));
    return;
  }
  // The share sheet's post is a navigation; the page's own form post (a fetch or with files chosen) goes through.
  if (url.pathname === SHARE_TARGET_PATH && event.request.mode === 'navigate' && !url.searchParams.has('posted')) {
    event.respondWith(stashShare(event.request));
  }
});

self.addEventListener('push', (event) => {
  const notice = readPushPayload(event.data?.text());
  event.waitUntil(
    self.registration.showNotification(notice.title, {
      body: notice.body,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { link: notice.link },
      ...(notice.tag ? { tag: notice.tag } : {}),
    }),
  );
});

// A click moves a Cadence window already open to the link and focuses it, or opens one.
async function openLink(link: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (!open) {
    await self.clients.openWindow(link);
    return;
  }
  const moved = await open.navigate(link).catch(() => null);
  await (moved ?? open).focus().catch(() => {});
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = new URL((event.notification.data as { link?: string } | null)?.link ?? '/home', self.location.origin).href;
  const opening = openLink(link);
  try {
    event.waitUntil(opening);
  } catch {
    // Only an untrusted event (the browser test's dispatched click) refuses waitUntil; the link still opens.
  }
});

serwist.addEventListeners();
