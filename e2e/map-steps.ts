// Steps for the map specs (ADR 098): waiting for MapLibre to have drawn, and reading what its WebGL canvas shows —
// from a screenshot of it, decoded in a blank page, since a WebGL canvas without preserveDrawingBuffer reads back
// empty once composited.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { SCREENSHOTS, TAKE_SCREENSHOTS } from './fixtures.ts';

/** The route's colours (route-colour.ts PALETTE), the cursor and the start ring, as RGB. */
const ROUTE = [
  [13, 8, 135],
  [92, 1, 166],
  [156, 23, 158],
  [204, 71, 120],
  [237, 121, 83],
  [248, 149, 64],
];
const CURSOR = [15, 23, 42];
const START = [22, 163, 74];
/** The highlighted stretch: cyan (no plasma step is near it) at 70 % over the plain background, beside the route. */
const RANGE = [95, 220, 239];

export interface MapPixels {
  width: number;
  height: number;
  /** Pixels of the route's colours, and a few of them (CSS px inside the canvas) to point at. */
  route: number;
  onRoute: [number, number][];
  /** Where the cursor's dot is drawn (its pixels' centre), or null when there is none. */
  cursor: [number, number] | null;
  start: number;
  range: number;
  /** Distinct colours: a canvas that drew nothing has one. */
  colours: number;
}

/** Waits until the frame's map has drawn (state `map`, or `map-plain` on the fallback background). */
export async function mapDrawn(frame: Locator): Promise<'map' | 'map-plain'> {
  await frame.locator('.route-map-gl canvas').waitFor({ timeout: 20_000 });
  await frame
    .page()
    .waitForFunction((el) => /^map/.test(el?.getAttribute('data-state') ?? ''), await frame.elementHandle(), { timeout: 20_000 });
  return (await frame.getAttribute('data-state')) as 'map' | 'map-plain';
}

/**
 * What the map's canvas shows, read from a screenshot of it. The controls and the attribution sit over the canvas
 * in the page, and their dark text would read as the cursor's dot: they are hidden for the capture only.
 */
export async function mapPixels(context: BrowserContext, frame: Locator): Promise<MapPixels> {
  const canvas = frame.locator('.route-map-gl canvas');
  // Set through the CSSOM: an injected stylesheet would be an inline style the page's CSP refuses.
  const overlays = (hidden: boolean) =>
    frame.evaluate((el, h) => {
      for (const c of el.querySelectorAll<HTMLElement>('.maplibregl-control-container')) c.style.visibility = h ? 'hidden' : '';
    }, hidden);
  await overlays(true);
  const png = (await canvas.screenshot({ animations: 'disabled' })).toString('base64');
  await overlays(false);
  const blank = await context.newPage();
  try {
    return await blank.evaluate(
      async ({ png, ROUTE, CURSOR, START, RANGE }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        const near = (i: number, rgb: number[], tol: number) =>
          Math.abs(data[i]! - rgb[0]!) + Math.abs(data[i + 1]! - rgb[1]!) + Math.abs(data[i + 2]! - rgb[2]!) <= tol;
        const seen = new Set<number>();
        const onRoute: [number, number][] = [];
        let route = 0;
        let start = 0;
        let range = 0;
        let cx = 0;
        let cy = 0;
        let cn = 0;
        const dpr = window.devicePixelRatio || 1;
        for (let y = 0; y < c.height; y++)
          for (let x = 0; x < c.width; x++) {
            const i = (y * c.width + x) * 4;
            seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
            if (ROUTE.some((rgb) => near(i, rgb, 24))) {
              route++;
              if (route % 97 === 0) onRoute.push([x / dpr, y / dpr]);
            } else if (near(i, CURSOR, 24)) {
              cx += x;
              cy += y;
              cn++;
            } else if (near(i, START, 30)) start++;
            else if (near(i, RANGE, 30)) range++;
          }
        return {
          width: c.width,
          height: c.height,
          route,
          onRoute,
          cursor: cn > 10 ? ([cx / cn / dpr, cy / cn / dpr] as [number, number]) : null,
          start,
          range,
          colours: seen.size,
        };
      },
      { png, ROUTE, CURSOR, START, RANGE },
    );
  } finally {
    await blank.close();
  }
}

/** WebGL exists in this browser (the flags in csp-guard.ts), and the map's canvas is a WebGL one that drew the route. */
export async function assertWebGlDrew(page: Page, pixels: MapPixels): Promise<void> {
  assert.equal(await page.evaluate(() => typeof WebGLRenderingContext), 'function', 'WebGL in this Chromium');
  assert.ok(pixels.colours > 2, `the map's canvas drew something: ${pixels.colours} colours`);
  assert.ok(pixels.route > 200, `the route is drawn in its colours: ${pixels.route} px`);
}

/**
 * The canvas read again until `drawn` holds (MapLibre redraws on its next frames, not at once): state, not time —
 * each read is a capture, and the last one is returned whether or not it held, for the caller's assertion.
 */
export async function mapPixelsWhen(context: BrowserContext, frame: Locator, drawn: (p: MapPixels) => boolean): Promise<MapPixels> {
  let pixels = await mapPixels(context, frame);
  for (let i = 0; i < 40 && !drawn(pixels); i++) pixels = await mapPixels(context, frame);
  return pixels;
}

/**
 * A picture of the map's card itself: a full-page capture scrolls the page to its top first, and a map that far off
 * screen has given its WebGL context back (MapFrame), so it would show the SVG.
 */
export async function mapShot(card: Locator, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await card.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}
