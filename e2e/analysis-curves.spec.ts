// The Analysis page's power curve in Chromium at 1280 and 360 px (issue 39): a new account is told what
// will appear; after four trainer rides (three hard efforts this season, one last summer) the athlete opens
// the power curve, compares this season with last, reads CP and W′ with the rides behind them, and a key
// duration (or a point on the chart) opens the activity at that effort.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type ActivityMesg, Encoder, type FileIdMesg, type RecordMesg, type SessionMesg, type SportMesg } from '@garmin/fitsdk';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, logIn, screenshot, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const RUN = fileURLToPath(new URL('../worker/features/ingest/files/corpus/real/activity-small-fenix2-run.fit', import.meta.url));
const DAY = 86_400_000;
const MESG = { FILE_ID: 0, SPORT: 12, SESSION: 18, RECORD: 20, ACTIVITY: 34 } as const;

/** A 1 Hz trainer ride named `title`: 5 min easy, `effort` s at `watts`, 20 min easy; written to `name`.fit. */
function rideFile(dir: string, name: string, title: string, start: Date, effort: number, watts: number): string {
  const e = new Encoder();
  const at = (s: number) => new Date(start.getTime() + s * 1000);
  const total = 300 + effort + 1200;
  e.onMesg(MESG.FILE_ID, { manufacturer: 'development', product: 1, timeCreated: start, type: 'activity' } as FileIdMesg);
  e.onMesg(MESG.SPORT, { sport: 'cycling', subSport: 'indoorCycling', name: title } as SportMesg);
  for (let t = 0; t < total; t++) {
    const w = t >= 300 && t < 300 + effort ? watts : 150;
    e.onMesg(MESG.RECORD, {
      timestamp: at(t),
      power: w + ((t % 5) - 2),
      enhancedSpeed: 8 + w / 100,
      distance: t * 9,
      cadence: 90,
    } as RecordMesg);
  }
  e.onMesg(MESG.SESSION, {
    timestamp: at(total),
    startTime: start,
    totalElapsedTime: total,
    totalTimerTime: total,
    totalDistance: total * 9,
    sport: 'cycling',
    subSport: 'indoorCycling',
  } as SessionMesg);
  e.onMesg(MESG.ACTIVITY, {
    timestamp: at(total),
    totalTimerTime: total,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  } as ActivityMesg);
  const path = join(dir, `${name}.fit`);
  writeFileSync(path, e.close());
  return path;
}

function rides(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-e2e-'));
  const morning = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY + 7 * 3_600_000);
  const lastYear = new Date().getUTCFullYear() - 1;
  return [
    rideFile(dir, 'three-minute-hill', 'Three-minute hill', morning(3), 180, 381),
    rideFile(dir, 'five-minute-test', 'Five-minute test', morning(6), 300, 337),
    rideFile(dir, 'twelve-minute-climb', 'Twelve-minute climb', morning(9), 720, 298),
    rideFile(dir, 'old-summer-ride', 'Old summer ride', new Date(Date.UTC(lastYear, 5, 1, 7)), 300, 280),
  ];
}

const curveTable = (page: Page) => page.getByRole('group', { name: 'Best efforts at key durations' });

describe('the power curve in the browser', () => {
  let browser: Browser;
  const email = uniqueEmail('curves');
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('1280 px: empty, then this season against last, CP and W′ with its rides, a key duration and a point open the activity', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(page, { email, password: PASSWORD, displayName: 'Cora Curve' }, await createInvite());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analysis' }).click();
    await page.waitForURL(`${APP_URL}/analysis`);
    await page.getByRole('heading', { name: 'No activities yet' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Upload files or connect a service' }).getAttribute('href'), '/settings/data');
    await capture(page, 'analysis-curves-empty');

    await page.goto(`${APP_URL}/activities`);
    await page.setInputFiles('.multi-upload input[type="file"]', rides());
    await page.waitForFunction(() => document.querySelectorAll('.upload-file[data-status=done]').length >= 4, undefined, {
      timeout: 90_000,
    });

    await page.goto(`${APP_URL}/analysis`);
    await page.getByRole('heading', { name: 'Power curve · Ride' }).waitFor();
    // The chart is drawn (after hydration) in the frame the skeleton held.
    await page.locator('.curve-chart .recharts-line').first().waitFor();
    await page.getByRole('navigation', { name: 'Compare with' }).getByRole('link', { name: 'Last season' }).click();
    const lastYear = new Date().getUTCFullYear() - 1;
    const lastSeason = page.locator('.chart-legend', { hasText: `Last season (1 Jan – 31 Dec ${lastYear})` });
    await lastSeason.waitFor();
    assert.match(page.url(), /compare=last-season/);
    const table = curveTable(page);
    const fiveMin = table.getByRole('row', { name: /^5 min/ });
    assert.match((await fiveMin.textContent()) ?? '', /33\d W.*Five-minute test.*28\d W.*Old summer ride/);

    const model = page.locator('#model');
    await model.getByText('Critical power', { exact: true }).waitFor();
    const figures = (await model.locator('.model-figures').textContent()) ?? '';
    // The three efforts are planted on CP 270 W and W′ 20 kJ (381, 337, 298 W = 270 + 20,000/t, the ±2 W wobble
    // averaging out over any 5 s): the fit rests on them alone and gives those back, r² 1 to three places.
    assert.match(figures, /Critical power\s*270 W ± [\d.]+ W/);
    assert.match(figures, /W′\s*20\.0 kJ ± [\d.]+ kJ/);
    assert.match(figures, /r² 1\.000 · 3 efforts/);
    const restsOn = model.getByRole('list', { name: 'The model rests on' }).getByRole('link');
    assert.deepEqual(await restsOn.allTextContents(), ['Three-minute hill', 'Five-minute test', 'Twelve-minute climb']);
    // The other durations are receipts, each with why it is not an effort of its own.
    const others =
      (await model.locator('details', { hasText: /\d+ more durations: the same efforts over other windows/ }).textContent()) ?? '';
    assert.match(others, /20 min at 239 W \(Twelve-minute climb\): a shorter effort with easier time around it/);
    await capture(page, 'analysis-curves-compare');

    // Hover reads the point's value, date and ride; a click opens that ride at the effort.
    const box = await page.locator('.curve-chart').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.locator('.chart-tooltip', { hasText: 'Click (or press Enter) to open' }).waitFor();
    await screenshot(page, 'analysis-curves-tooltip-1280');
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}\?at=\d+&for=\d+$/);
    await page.goBack();
    await page.getByRole('heading', { name: 'Power curve · Ride' }).waitFor();
    assert.match(page.url(), /compare=last-season/, 'the back button returns to the same view');

    // By keyboard: the chart takes focus, the arrows move along the curve, Enter opens the point shown. The mouse
    // leaves the chart first (it is still where it clicked), and the chart is drawn again with both seasons.
    await page.mouse.move(0, 0);
    await lastSeason.waitFor();
    await page.locator('.curve-chart .recharts-line').first().waitFor();
    await page.locator('.curve-chart .recharts-surface').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.locator('.chart-tooltip', { hasText: 'press Enter' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}\?at=\d+&for=\d+$/);
    await page.goBack();
    await page.getByRole('heading', { name: 'Power curve · Ride' }).waitFor();

    // A load that fails (the network drops) shows the error panel, with the way back.
    await page.route('**/analysis.data**', (route) => route.abort('failed'));
    await page.getByRole('navigation', { name: 'Range' }).getByRole('link', { name: '90 days' }).click();
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    await capture(page, 'analysis-curves-error');
    await page.unroute('**/analysis.data**');
    await page.goto(`${APP_URL}/analysis?compare=last-season`);

    await curveTable(page)
      .getByRole('row', { name: /^5 min/ })
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}\?at=300&for=300$/);
    await page.getByRole('heading', { name: 'Five-minute test', level: 1 }).waitFor();
    await page.close();
  });

  it('360 px: the same choices by keyboard and touch, no sideways scroll, the table opens the activity', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await page.goto(`${APP_URL}/analysis?range=90d&compare=previous`);
    await page.locator('.chart-legend', { hasText: 'Previous (' }).waitFor();
    // Kind by keyboard: the segmented links are in the tab order and their names say what they choose.
    await page
      .getByRole('navigation', { name: 'Curve' })
      .getByRole('link', { name: /HR|Heart rate/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Heart rate curve · Ride' }).waitFor();
    await page.getByRole('navigation', { name: 'Curve' }).getByRole('link', { name: 'Power' }).tap();
    await page.getByRole('heading', { name: 'Power curve · Ride' }).waitFor();
    await capture(page, 'analysis-curves-90d', [360]);
    // A custom range by its two dates (a GET form: the address says what is shown).
    await page.getByRole('navigation', { name: 'Range' }).getByRole('link', { name: 'Custom' }).tap();
    const custom = page.getByRole('group', { name: 'Custom range' });
    const weekAgo = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10);
    await custom.getByLabel('First day').fill(new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10));
    await custom.getByLabel('Last day').fill(weekAgo);
    await custom.getByRole('button', { name: 'Show' }).tap();
    await page.waitForURL(/range=custom&.*from=\d{4}-\d\d-\d\d&to=\d{4}/);
    await page.locator('.chart-legend', { hasText: 'Custom (' }).waitFor();
    // Only the twelve-minute climb (9 days ago) is in those days.
    assert.match((await curveTable(page).textContent()) ?? '', /Twelve-minute climb/);
    assert.doesNotMatch((await curveTable(page).textContent()) ?? '', /Three-minute hill/);
    await capture(page, 'analysis-curves-custom', [360]);
    await page.goto(`${APP_URL}/analysis?range=90d&compare=previous`);
    // Both spans' columns fit the phone: the key durations never scroll sideways.
    const fits = await curveTable(page).evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(fits, 'the key-duration table fits at 360 px');
    // A run's curve reads as pace, fastest at the top: the axis in minutes and seconds per km.
    await page.goto(`${APP_URL}/activities`);
    await page.setInputFiles('.multi-upload input[type="file"]', RUN);
    await page.waitForFunction(() => document.querySelector('.upload-file:is([data-status=done])'), undefined, { timeout: 90_000 });
    await page.goto(`${APP_URL}/analysis?kind=pace&sport=run&range=all`);
    await page.getByRole('heading', { name: 'Pace curve · Run' }).waitFor();
    await page.locator('.curve-chart .recharts-line').first().waitFor();
    const yTicks = page.locator('.curve-chart .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await yTicks.nth(1).waitFor();
    const ticks = await yTicks.allTextContents();
    assert.ok(ticks.length >= 2 && ticks.every((t) => /^\d+:\d\d$/.test(t)), `pace ticks: ${ticks.join(' ')}`);
    const tickY = await page
      .locator('.curve-chart .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .evaluateAll((els) => els.map((e) => ({ t: e.textContent ?? '', y: e.getBoundingClientRect().y })));
    const secs = (t: string) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
    const top = tickY.reduce((a, b) => (a.y < b.y ? a : b));
    const bottom = tickY.reduce((a, b) => (a.y > b.y ? a : b));
    assert.ok(secs(top.t) < secs(bottom.t), 'faster paces are higher up');
    assert.match((await curveTable(page).textContent()) ?? '', /\d+:\d\d\s\/km/);
    await capture(page, 'analysis-curves-pace', [360]);
    await page.goto(`${APP_URL}/analysis?range=90d`);

    await curveTable(page)
      .getByRole('row', { name: /^20 min/ })
      .getByRole('link')
      .first()
      .tap();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}\?at=\d+&for=1200$/);
    await context.close();
  });
});
