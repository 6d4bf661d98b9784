// Page weight of the activity page with its map (issue 57, ADR 098): what Chromium fetches for it, measured, not
// guessed. A 4-hour ride with positions is stored through the worker's write path, then the page is opened in
// Debian's headless Chromium (WebGL through SwiftShader, as the e2e specs run it) and every request is recorded.
// Each asset is gzipped from the build (zlib level 6, as a CDN would send it) and put in one of:
//   first render — the HTML and every script and stylesheet it names and the browser fetches (Remix lists the
//                  route's whole static module graph as modulepreloads): what it needs before the page is usable;
//   map (lazy)   — MapLibre's chunk, its stylesheet and its worker, fetched after hydration and only where WebGL exists;
//   other lazy   — everything else fetched after hydration (the charts' Recharts chunk, the page's data requests).
// Tiles are not counted (none on this branch; the issue's budget is "before tiles"). One run is enough: byte counts
// do not move with the machine's load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, loadEntry, withDatabase } from './lib.ts';
import { createUsers, login } from './users.ts';

type Entry = typeof import('./streams.entry.ts');
const CLIENT = join(import.meta.dirname, '../web/build/client');
/** The issue's budget for the activity page with its map, before tiles. */
const BUDGET_KB = 200;
const kb = (bytes: number) => bytes / 1024;

const gz = (path: string) => gzipSync(readFileSync(join(CLIENT, path)), { level: 6 }).length;
const isMap = (path: string) => /\/(RouteMapGL|maplibre)[^/]*\.(js|css)$/.test(path);

export async function pageWeightBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  if (!stack.dbWsProxy) throw new Error('the page-weight bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./streams.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  });
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'weight');
    const userId = await withDatabase(
      stack.databaseUrl,
      async (db) => (await db.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id,
    );
    const { id } = await h.activities.ingest(userId, mod.fourHourRide(addDays(new Date().toISOString().slice(0, 10), -2)));
    const cookie = await login(stack.workerUrl, stack.appUrl, email!);
    const [name, value] = cookie.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    await context.addCookies([{ name, value, url: stack.appUrl }]);
    const page = await context.newPage();
    const fetched: { url: string; type: string }[] = [];
    page.on('request', (r) => fetched.push({ url: r.url(), type: r.resourceType() }));
    const pageUrl = `${stack.appUrl}/activities/${id}`;
    const doc = await page.goto(pageUrl);
    const html = (await doc!.text()) ?? '';
    // The map draws once MapLibre, its worker and the style (or its fallback) have come: scroll to it and wait.
    await page.locator('#route').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => /^map/.test(document.querySelector('#route [data-testid=map-frame]')?.getAttribute('data-state') ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    await context.close();

    const named = new Set([...html.matchAll(/\/assets\/[^"'\s)]+\.(?:js|css)/g)].map((m) => m[0]));
    const assets = [...new Set(fetched.map((f) => new URL(f.url).pathname).filter((p) => p.startsWith('/assets/')))];
    // Named in the HTML and fetched: the modulepreloads, stylesheets and entry (the inlined route manifest names more
    // modules than the page loads; those are not fetched and not counted).
    const first = assets.filter((p) => named.has(p));
    const map = assets.filter((p) => !named.has(p) && isMap(p));
    const lazy = assets.filter((p) => !named.has(p) && !isMap(p));
    const sum = (paths: string[]) => paths.reduce((s, p) => s + gz(p), 0);
    const htmlGz = gzipSync(html, { level: 6 }).length;
    const firstGz = htmlGz + sum(first);
    const mapGz = sum(map);
    const lazyGz = sum(lazy);
    const cacheControl = map[0] ? (await fetch(`${stack.appUrl}${map[0]}`)).headers.get('cache-control') : null;
    const show = (paths: string[]) => paths.map((p) => `  ${p} ${fmt(kb(gz(p)), 1)} KB`).join('\n');
    console.log(`HTML ${fmt(kb(html.length), 1)} KB → ${fmt(kb(htmlGz), 1)} KB gzipped`);
    console.log(`first render: ${first.length} scripts and stylesheets named by the HTML\n${show(first)}`);
    console.log(`map (lazy, after hydration, WebGL only):\n${show(map)}`);
    console.log(`other lazy assets:\n${show(lazy)}`);
    const other = fetched.filter((f) => !new URL(f.url).pathname.startsWith('/assets/') && f.url !== pageUrl);
    console.log(`other requests (data, style, tiles): ${other.map((f) => `${f.type} ${new URL(f.url).pathname}`).join(', ') || 'none'}`);
    console.log(`cache-control on the map's chunk: ${cacheControl ?? '(none)'}`);
    console.log(
      `first render ${fmt(kb(firstGz), 1)} KB gzipped (budget ${BUDGET_KB} KB); with the map ${fmt(kb(firstGz + mapGz), 1)} KB; with every lazy asset ${fmt(kb(firstGz + mapGz + lazyGz), 1)} KB`,
    );
    return [
      'bench=page-weight',
      `first_render_kb_gz=${fmt(kb(firstGz), 1)}`,
      `html_kb_gz=${fmt(kb(htmlGz), 1)}`,
      `map_lazy_kb_gz=${fmt(kb(mapGz), 1)}`,
      `other_lazy_kb_gz=${fmt(kb(lazyGz), 1)}`,
      `with_map_kb_gz=${fmt(kb(firstGz + mapGz), 1)}`,
      `budget_kb=${BUDGET_KB}`,
    ].join(' ');
  } finally {
    await browser.close();
    await h.close();
    cleanup();
  }
}
