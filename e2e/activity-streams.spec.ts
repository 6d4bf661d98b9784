// The activity page's streams in the browser: a real recording (the corpus's Garmin Fenix 2 run, with
// heart rate, cadence, altitude and positions) uploaded as a file, then its charts read, zoomed and reset,
// a split shown on the charts, the route marked at the cursor, zones asking for a threshold; at 1280 px
// with a mouse and at 360 px by touch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, screenshot, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const RUN = fileURLToPath(new URL('../worker/features/ingest/files/corpus/real/activity-small-fenix2-run.fit', import.meta.url));

async function chartsBox(page: Page) {
  const charts = page.getByTestId('stream-charts');
  await charts.waitFor({ timeout: 20_000 });
  await charts.scrollIntoViewIfNeeded();
  const box = await charts.boundingBox();
  assert.ok(box, 'the charts are drawn');
  return box;
}

const readout = async (page: Page) => (await page.getByTestId('stream-readout').textContent()) ?? '';

describe('activity streams in the browser', () => {
  let browser: Browser;
  let activityUrl = '';
  let email = '';
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('1280 px: a real run’s charts — hover reads every channel, drag zooms with the range’s figures, a split zooms, reset', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    email = uniqueEmail('streams');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Rhea Run' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', RUN);
    await page.locator('form.upload-form button[type="submit"]').click();
    // The watch's first seconds of GPS settling are dropped on import: it finishes "with warnings".
    await page
      .locator('.import-list')
      .getByText(/^(Done|Imported with warnings)$/)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.goto(`${APP_URL}/activities`);
    await page.locator('a.activity-link').first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    activityUrl = page.url();

    const box = await chartsBox(page);
    assert.match(await readout(page), /Values at the cursor/);
    await page.getByRole('heading', { name: 'Whole activity' }).waitFor();

    // The cursor's figures follow the mouse, and the route marks where the runner was.
    await page.mouse.move(box.x + box.width * 0.3, box.y + 50);
    // Marked on the SVG route too, which the map replaces once WebGL has drawn it (maps.spec.ts reads the map's).
    await page.getByTestId('route-cursor').waitFor({ state: 'attached' });
    const first = await readout(page);
    assert.match(first, /Pace \d+:\d\d\s\/km/);
    assert.match(first, /Heart rate \d+ bpm/);
    await page.mouse.move(box.x + box.width * 0.7, box.y + 50);
    await page.waitForFunction((before) => document.querySelector('[data-testid=stream-readout]')?.textContent !== before, first);
    const second = await readout(page);
    assert.notEqual(second, first, 'the figures at the cursor change with it');
    await screenshot(page, 'activity-streams-hover-1280');

    // Drag across the heart-rate chart: the figures become the range's, measured by the server.
    const whole = await page.locator('.range-figures').textContent();
    await page.mouse.move(box.x + box.width * 0.25, box.y + 170);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + 170, { steps: 10 });
    await page.mouse.up();
    await page.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();
    await page.waitForFunction(() => document.querySelector('.range-figures')?.getAttribute('aria-busy') === 'false');
    const zoomed = await page.locator('.range-figures').textContent();
    assert.notEqual(zoomed, whole);
    assert.match(zoomed ?? '', /Pace\s*\d+:\d\d/);
    await screenshot(page, 'activity-streams-zoomed-1280');
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await page.getByRole('heading', { name: 'Whole activity' }).waitFor();

    // A split's button zooms the charts to that kilometre.
    await page.getByRole('button', { name: 'Show split 3 on the charts' }).click();
    await page.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();
    await page.waitForFunction(() => document.querySelector('.range-figures')?.getAttribute('aria-busy') === 'false');
    assert.match((await page.locator('.range-sub').textContent()) ?? '', /1\.00 km/);

    // No thresholds yet: zones ask for one instead of inventing it.
    await page.getByText('Set your threshold').first().waitFor();
    assert.equal(await page.locator('.route-map').count(), 1);
    await screenshot(page, 'activity-streams-1280');
    await context.close();
  });

  it('360 px: no sideways scrolling, a touch on a chart reads it, splits keep their key columns', async () => {
    assert.ok(activityUrl, 'the 1280 px case opened the activity');
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${APP_URL}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${APP_URL}/home`), page.click('form button[type="submit"]')]);
    await page.goto(activityUrl);
    const box = await chartsBox(page);
    await page.touchscreen.tap(box.x + box.width * 0.5, box.y + 60);
    await page.waitForFunction(() => /Heart rate \d+ bpm/.test(document.querySelector('[data-testid=stream-readout]')?.textContent ?? ''));
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `the activity page overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    const headers = await page
      .getByTestId('splits-table')
      .locator('thead th')
      .evaluateAll((ths) => ths.filter((th) => getComputedStyle(th).display !== 'none').map((th) => th.textContent));
    assert.deepEqual(headers, ['Km', 'Time', 'Pace', 'HR', 'Elev.']);
    await screenshot(page, 'activity-streams-360');
    await context.close();
  });
});
