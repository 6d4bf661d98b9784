// Maps in the browser (issue 57, ADR 098): a run's map on its activity page drawn by MapLibre through WebGL (pixels read
// back), linked both ways with the charts' cursor, coloured by a channel the run has; and a follower's view of the
// shared run, whose drawn stretches are exactly the API's cut polylines, ends hidden. At 1280 px with a mouse and at
// 360 px by touch. The basemap is not needed: without its style the map draws on a plain background and says so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, logIn, screenshot, signUp, uniqueEmail } from './fixtures.ts';
import { assertWebGlDrew, mapDrawn, mapPixels, mapPixelsWhen, mapShot } from './map-steps.ts';
import { auditPage } from './mobile-audit.ts';
import { api, decodePolyline, gpxRunToday, metres, userId } from './social-steps.ts';
import { upload } from './ride-steps.ts';

const PASSWORD = 'a long e2e passphrase';
type Post = { map: { whole: boolean; segments: { polyline: string }[] } | null };

/** The tiles slice's contract (a MapLibre v8 style, Protomaps' schema, no labels): one source, a background, land. */
const BASEMAP_STYLE = {
  version: 8,
  sources: {
    protomaps: {
      type: 'vector',
      tiles: ['/api/v1/maps/tiles/{z}/{x}/{y}.mvt'],
      maxzoom: 14,
      attribution: '© OpenStreetMap contributors',
    },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#e7f1ee' } },
    { id: 'earth', type: 'fill', source: 'protomaps', 'source-layer': 'earth', paint: { 'fill-color': '#e2dfda' } },
  ],
};

const readout = async (page: Page) => (await page.getByTestId('stream-readout').textContent()) ?? '';

describe('maps in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let ana: Page;
  const anaEmail = uniqueEmail('mapana');
  const benEmail = uniqueEmail('mapben');
  const run = gpxRunToday('Map loop');
  let activityUrl = '';
  let postId = '';

  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ana = await context.newPage();
    await signUp(ana, { email: anaEmail, password: PASSWORD, displayName: 'Ana Map' }, await createInvite());
    await upload(ana, run.file, 1);
    await ana.goto(`${APP_URL}/activities`);
    const href = await ana.locator('a.activity-link').first().getAttribute('href');
    assert.ok(href, 'the run is in her list');
    activityUrl = `${APP_URL}${href}`;
    // Ana's profile is public, so Ben's follow is immediate; she shares the run with her followers.
    assert.equal((await api(ana, 'PUT', '/settings', { profileVisibility: 'public' })).status, 200);
    const post = await api<{ id: string }>(ana, 'POST', '/posts', { activityId: href.split('/').pop(), visibility: 'followers' });
    assert.ok(post.status < 300, post.text);
    postId = post.body.id;
  });
  after(async () => {
    await browser?.close();
  });

  it('1280 px: the run on the map (WebGL drew it), chart → map and map → chart, colour by heart rate', async () => {
    await ana.goto(activityUrl);
    // The pointer away from the map and charts: "no cursor" is a claim about a page nobody points at.
    await ana.mouse.move(0, 0);
    const frame = ana.locator('#route [data-testid=map-frame]');
    await frame.scrollIntoViewIfNeeded();
    const state = await mapDrawn(frame);
    // Without the basemap archive the route is drawn on a plain background, and the map says so in words.
    if (state === 'map-plain') await frame.getByText('Map background unavailable').waitFor();
    const drawn = await mapPixels(context, frame);
    await assertWebGlDrew(ana, drawn);
    assert.ok(drawn.start > 20, `the start's green ring is drawn: ${drawn.start} px`);
    assert.equal(drawn.cursor, null, 'no cursor before any hover');
    assert.match(
      (await frame.locator('.route-map-gl canvas').getAttribute('aria-label')) ?? '',
      /^Route of the activity, .* Map: arrow keys/,
    );
    assert.equal(await frame.locator('.route-map-gl canvas').getAttribute('tabindex'), '0', 'the map is reachable by keyboard');

    // Chart → map: hovering two places on the charts moves the map's cursor dot. Charts and map both on screen (a tall
    // window), so reading the map never scrolls the charts from under the mouse.
    await ana.setViewportSize({ width: 1280, height: 2000 });
    const charts = ana.getByTestId('stream-charts');
    await charts.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const box = (await charts.boundingBox())!;
    await ana.mouse.move(box.x + box.width * 0.25, box.y + 50);
    await ana.waitForFunction(() => /Heart rate \d+ bpm/.test(document.querySelector('[data-testid=stream-readout]')?.textContent ?? ''));
    const one = (await mapPixels(context, frame)).cursor;
    await ana.mouse.move(box.x + box.width * 0.75, box.y + 50);
    const two = (await mapPixels(context, frame)).cursor;
    assert.ok(one && two, 'the chart cursor is drawn on the map');
    assert.ok(Math.hypot(one[0] - two[0], one[1] - two[1]) > 20, `the map's cursor moved with the chart's: ${one} → ${two}`);

    // Map → chart: pointing at the line puts the charts' cursor (and readout) on the nearest sample.
    await ana.mouse.move(0, 0);
    await ana.waitForFunction(() => /Values at the cursor/.test(document.querySelector('[data-testid=stream-readout]')?.textContent ?? ''));
    const canvasBox = (await frame.locator('.route-map-gl canvas').boundingBox())!;
    const target = drawn.onRoute[Math.floor(drawn.onRoute.length / 2)]!;
    await ana.mouse.move(canvasBox.x + target[0], canvasBox.y + target[1]);
    await ana.waitForFunction(() => /Heart rate \d+ bpm/.test(document.querySelector('[data-testid=stream-readout]')?.textContent ?? ''));
    assert.match(await readout(ana), /^\d+:\d\d/);
    assert.ok((await ana.locator('.recharts-reference-line').count()) > 0, "the charts draw the map's sample as their cursor");
    await mapShot(ana.locator('#route'), 'maps-activity-1280');

    // Colour by heart rate: the legend names bpm classes, and the line's colours change.
    const before = await mapPixels(context, frame);
    await frame.getByRole('button', { name: 'Heart rate' }).click();
    const legend = frame.getByTestId('map-legend');
    await ana.waitForFunction(() => document.querySelector('[data-testid=map-legend]')?.getAttribute('data-colour-by') === 'hr');
    assert.match((await legend.textContent()) ?? '', /under \d+ bpm.*\d+ bpm and over/);
    assert.equal(await frame.getByRole('button', { name: 'Heart rate' }).getAttribute('aria-pressed'), 'true');
    const after = await mapPixelsWhen(
      context,
      frame,
      (p) => JSON.stringify(p.onRoute.slice(0, 8)) !== JSON.stringify(before.onRoute.slice(0, 8)),
    );
    assert.notDeepEqual(after.onRoute.slice(0, 8), before.onRoute.slice(0, 8), 'the line is recoloured');
    await mapShot(ana.locator('#route'), 'maps-activity-hr-1280');

    // A split's "show": the charts zoom to it, and the map highlights its stretch and fits to it.
    assert.equal(after.range, 0, 'nothing highlighted before');
    await ana.getByRole('button', { name: 'Show split 2 on the charts' }).click();
    await ana.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();
    const split = await mapPixelsWhen(context, frame, (p) => p.range > 300);
    assert.ok(split.range > 300, `the split's stretch is highlighted: ${split.range} px`);
    await mapShot(ana.locator('#route'), 'maps-activity-split-1280');
  });

  it("a follower's post: exactly the API's cut stretches, ends hidden, on the map at 1280 and 360 px", async () => {
    const benContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ben = await benContext.newPage();
    await signUp(ben, { email: benEmail, password: PASSWORD, displayName: 'Ben Map' }, await createInvite());
    assert.ok((await api(ben, 'POST', `/follows/${await userId(anaEmail)}`)).status < 300);
    const seen = await api<Post>(ben, 'GET', `/posts/${postId}`);
    assert.ok(seen.body.map && !seen.body.map.whole, `Ben gets a cut map: ${seen.text.slice(0, 200)}`);
    const stretches = seen.body.map.segments.map((s) => decodePolyline(s.polyline));
    const ends = stretches.flatMap((s) => [s[0]!, s.at(-1)!]);
    const nearest = Math.min(...ends.map((p) => Math.min(metres(run.start, p), metres(run.end, p))));
    assert.ok(nearest >= 200, `the API's stretches end ${nearest.toFixed(0)} m from the run's ends`);

    await ben.goto(`${APP_URL}/posts/${postId}`);
    const frame = ben.getByTestId('map-frame');
    // The drawing is the API's stretches: one path each, with each polyline's points, nothing joining them.
    const paths = await frame
      .locator('path[data-stretch]')
      .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').split('L').length));
    assert.deepEqual(
      paths,
      stretches.map((s) => s.length),
    );
    await frame.scrollIntoViewIfNeeded();
    await mapDrawn(frame);
    const drawn = await mapPixels(benContext, frame);
    await assertWebGlDrew(ben, drawn);
    assert.equal(drawn.start, 0, 'no start ring: the ends are hidden');
    await ben.getByText('visible stretch(es), ends and private places hidden').waitFor();
    await screenshot(ben, 'maps-post-1280');

    await ben.setViewportSize({ width: 360, height: 800 });
    await mapDrawn(frame);
    const { scrollWidth, clientWidth } = await horizontalOverflow(ben);
    assert.ok(scrollWidth <= clientWidth, `the post overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(ben, 'maps-post-360');
    await benContext.close();
  });

  it('360 px by touch: the map drawn, the page scrolls past it, every target 44 px, the attribution compact', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true });
    const page = await phone.newPage();
    await logIn(page, anaEmail, PASSWORD);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    // A basemap style as the tiles slice serves it (same-origin tiles, the data's licence in its source), answered here
    // so this spec needs no basemap: its tiles are then asked of our origin (and 404 on this branch).
    await page.route('**/api/v1/maps/style.json', (route) =>
      route.fulfill({ json: BASEMAP_STYLE, headers: { 'cache-control': 'no-store' } }),
    );
    await page.goto(activityUrl);
    // Far below the first screen, the map is not loaded yet: the SVG stands, MapLibre not fetched.
    await page.getByTestId('stream-charts').waitFor({ timeout: 20_000 });
    const frame = page.locator('#route [data-testid=map-frame]');
    assert.equal(await frame.getAttribute('data-state'), 'svg');
    assert.ok(!fetched.some((u) => /maplibre|RouteMapGL/.test(u)), 'MapLibre waits until the map is near the screen');
    await frame.scrollIntoViewIfNeeded();
    await mapDrawn(frame);
    await assertWebGlDrew(page, await mapPixels(phone, frame));
    // The style's attribution, compact (an ⓘ button) on a phone; tiles asked of our own origin only.
    assert.equal(await frame.getAttribute('data-state'), 'map', 'the style came: no "background unavailable"');
    const attribution = frame.locator('.maplibregl-ctrl-attrib');
    assert.match((await attribution.getAttribute('class')) ?? '', /maplibregl-compact/);
    assert.match((await attribution.textContent()) ?? '', /© OpenStreetMap contributors/);
    const tiles = fetched.filter((u) => /\.mvt$/.test(u));
    assert.ok(tiles.length > 0 && tiles.every((u) => u.startsWith(`${APP_URL}/api/v1/maps/tiles/`)), tiles.join(' '));
    // Cooperative gestures: MapLibre leaves one-finger panning to the page.
    assert.equal(await frame.locator('.maplibregl-cooperative-gestures').count(), 1);
    assert.deepEqual(
      (await auditPage(page)).filter((f) => /maplibre|map-|route|legend/i.test(f)),
      [],
      'the map and its controls pass the mobile audit',
    );
    // The audit opened every disclosure above the map (pushing it far down, so it gave its context back): drawn again.
    await frame.scrollIntoViewIfNeeded();
    await mapDrawn(frame);
    await mapShot(page.locator('#route'), 'maps-activity-360');
    await phone.close();
  });
});
