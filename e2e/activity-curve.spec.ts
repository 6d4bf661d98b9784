// The activity page's power curve, W′ balance and "open at a moment" in the browser: a ride with power uploaded as a
// GPX (10 min easy, a 5-minute climb at 330 W from 10:00, then easy) after two rides whose efforts the model rests on, its W′ balance falling on the climb with the
// lowest point marked at its top, that stretch shown on the stream charts, and `?at=&for=` opening a window with its
// figures; a run without power and its D′ balance or reason; at 1280 px with a mouse and at 360 px by touch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { gpxRide, upload } from './ride-steps.ts';
import {
  APP_URL,
  createInvite,
  garminExportZip,
  horizontalOverflow,
  launchBrowser,
  logIn,
  SCREENSHOTS,
  screenshot,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const RUN = fileURLToPath(new URL('../worker/features/ingest/files/corpus/real/activity-small-fenix2-run.fit', import.meta.url));

/** The rides behind the model (3 min at 400 W, 12 at 310, 20 at 290), then the climb: 5 min at 330 W from 10:00. */
const RIDES = [
  gpxRide('VO2 intervals', 20, 2400, [
    [300, 480, 400],
    [1200, 1920, 310],
  ]),
  gpxRide('Threshold test', 10, 2700, [[600, 1800, 290]]),
  gpxRide('Hill repeat', 3, 1800, [[600, 900, 330]]),
];

const rangeSettled = (page: Page) =>
  page.waitForFunction(() => document.querySelector('.range-figures')?.getAttribute('aria-busy') === 'false');

describe('activity curve and W′ balance in the browser', () => {
  let browser: Browser;
  let rideUrl = '';
  let email = '';
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('1280 px: W′ balance falls on the climb, its lowest point shows the climb on the charts; the curve sets the ride against its season', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    email = uniqueEmail('wbal');
    await signUp(page, { email, password: PASSWORD, displayName: 'Wanda Watts' }, await createInvite());
    for (const [i, ride] of RIDES.entries()) await upload(page, ride, i + 1);
    await page.goto(`${APP_URL}/activities`);
    await page.locator('a.activity-link', { hasText: 'Hill repeat' }).first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    rideUrl = page.url();

    // The reserve is lowest at the top of the climb, the climb's last second (14:59).
    const lowest = page.getByTestId('balance-lowest');
    await lowest.waitFor();
    assert.match((await lowest.textContent()) ?? '', /^Lowest \d+\.\d kJ \(\d+ %\) at 14:59/);
    await page.locator('#w-balance .recharts-area').waitFor({ timeout: 20_000 });
    assert.match((await page.locator('#w-balance figcaption').textContent()) ?? '', /Skiba 2015 differential form/);

    // Its button selects the stretch that emptied it on the stream charts, with that stretch's figures.
    const show = page.getByRole('button', { name: /^Show \d+:\d\d–15:29 on the charts$/ });
    // Its first second moves with CP by a watt: 10:00 against the FTP the load used (276 W, issue 55), 9:59 against
    // the fit's 275 W as before; the balance's axis follows whichever it is.
    const start = /^Show (\d+:\d\d)–/.exec((await show.getAttribute('aria-label')) ?? (await show.innerText()))?.[1];
    assert.ok(start === '9:59' || start === '10:00', `stretch from ${start}`);
    await show.click();
    await page.getByRole('heading', { name: /^\d+:\d\d–15:29$/ }).waitFor();
    await rangeSettled(page);
    assert.match((await page.locator('.range-figures').textContent()) ?? '', /Power\s*\d+ W/);
    // The balance shows the same stretch as the charts: its time axis no longer starts at the ride's start.
    // (The x axis's ticks come first in the card's drawing.)
    await page.waitForFunction(
      (from) => document.querySelector('#w-balance .recharts-cartesian-axis-tick-value')?.textContent === from,
      start,
    );

    assert.equal(
      await page
        .locator('#w-balance')
        .getByText(/went below zero/)
        .count(),
      0,
    );
    // The model rests on the earlier rides' efforts, each opening its ride at that moment.
    await page.locator('#w-balance summary').click();
    await page
      .locator('#w-balance')
      .getByRole('link', { name: /VO2 intervals/ })
      .first()
      .waitFor();

    // The power curve: five minutes at 330 W from 10:00; the season's best minute is another ride's, with its link.
    const table = page.getByTestId('curve-table');
    await table.scrollIntoViewIfNeeded();
    const fiveMin = table.locator('tr', { has: page.getByRole('rowheader', { name: '5 min', exact: true }) });
    assert.match((await fiveMin.textContent()) ?? '', /330 W at 10:00.*330 W this activity/);
    const minute = table.locator('tr', { has: page.getByRole('rowheader', { name: '1 min', exact: true }) });
    assert.match((await minute.textContent()) ?? '', /330 W at \d+:\d\d.*400 W VO2 intervals/);
    await page.locator('#curve .recharts-line').first().waitFor({ timeout: 20_000 });
    // A duration of this ride selects its window on the charts.
    await fiveMin.getByRole('button', { name: '330 W' }).click();
    await page.getByRole('heading', { name: '10:00–15:00' }).waitFor();
    await rangeSettled(page);
    await page.locator('#curve').scrollIntoViewIfNeeded();
    await screenshot(page, 'activity-curve-ride-1280');
    // The cards alone, to read them at full size.
    for (const id of ['charts', 'w-balance', 'curve', 'efficiency'])
      await page.locator(`#${id}`).screenshot({ path: join(SCREENSHOTS, `activity-curve-card-${id}-1280.png`), animations: 'disabled' });

    // Efficiency: EF and decoupling with how they are computed (30 minutes is too short for decoupling).
    assert.match((await page.getByTestId('ef-value').textContent()) ?? '', /^\d\.\d\d W per bpm$/);
    assert.match((await page.getByTestId('decoupling-value').textContent()) ?? '', /Not enough data: needs 60 min of moving time/);
    await context.close();
  });

  it('1280 px: ?at=&for= opens the page on that window, with its figures, scrolled to the charts', async () => {
    assert.ok(rideUrl, 'the first case opened the ride');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await page.goto(`${rideUrl}?at=600&for=300`);
    await page.getByRole('heading', { name: '10:00–15:00' }).waitFor();
    await rangeSettled(page);
    const figures = (await page.locator('.range-figures').textContent()) ?? '';
    assert.match(figures, /Normalised power\s*330 W/);
    assert.match(figures, /5:00 elapsed/);
    assert.match((await page.getByTestId('stream-readout').textContent()) ?? '', /Zoomed to 10:00–15:00/);
    // Scrolled to the charts: their card is in view.
    await page.waitForFunction(() => {
      const r = document.getElementById('charts')?.getBoundingClientRect();
      return !!r && r.top < window.innerHeight && r.bottom > 0 && window.scrollY > 0;
    });
    await context.close();
  });

  it('360 px: no sideways scrolling; the lowest point and the curve read on a phone; a run without power', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await page.goto(rideUrl);
    await page.getByTestId('balance-lowest').waitFor();
    await page.locator('#w-balance .recharts-area').waitFor({ timeout: 20_000 });
    await page.locator('#curve .recharts-line').first().waitFor({ timeout: 20_000 });
    let { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `the ride's page overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await page.getByRole('button', { name: /^Show \d+:\d\d–15:29 on the charts$/ }).tap();
    await page.getByRole('heading', { name: /^\d+:\d\d–15:29$/ }).waitFor();
    await screenshot(page, 'activity-curve-ride-360');
    for (const id of ['w-balance', 'curve'])
      await page.locator(`#${id}`).screenshot({ path: join(SCREENSHOTS, `activity-curve-card-${id}-360.png`), animations: 'disabled' });

    // A run: no power, so no power curve; its pace curve, and D′ balance or the reason there is none.
    await upload(page, RUN, 4);
    await page.goto(`${APP_URL}/activities`);
    await page
      .locator('a.activity-link', { hasNotText: /Hill repeat|VO2 intervals|Threshold test/ })
      .first()
      .click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Pace curve' }).waitFor();
    await page.locator('#w-balance').waitFor();
    assert.match((await page.locator('#w-balance').textContent()) ?? '', /D′ balance/);
    ({ scrollWidth, clientWidth } = await horizontalOverflow(page));
    assert.ok(scrollWidth <= clientWidth, `the run's page overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'activity-curve-run-360');
    for (const id of ['w-balance', 'curve', 'efficiency'])
      await page.locator(`#${id}`).screenshot({ path: join(SCREENSHOTS, `activity-curve-card-run-${id}-360.png`), animations: 'disabled' });
    await context.close();
  });

  it('360 px: an activity without streams has no curve or W′ card, and says why EF and decoupling are missing', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await upload(page, garminExportZip([Date.now() - 5 * 86_400_000]), 5);
    await page.goto(`${APP_URL}/activities`);
    await page.locator('a.activity-link', { hasText: 'Export run 1' }).first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    await page.getByText('No per-second data').waitFor();
    assert.equal(await page.locator('#curve').count(), 0);
    assert.equal(await page.locator('#w-balance').count(), 0);
    assert.match((await page.getByTestId('ef-value').textContent()) ?? '', /Not enough data: no normalised graded pace/);
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `the page overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await page
      .locator('#efficiency')
      .screenshot({ path: join(SCREENSHOTS, 'activity-curve-card-nostreams-efficiency-360.png'), animations: 'disabled' });
    await screenshot(page, 'activity-curve-nostreams-360');
    await context.close();
  });
});
