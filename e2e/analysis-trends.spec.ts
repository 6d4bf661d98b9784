// The trends page (issue 39) in Chromium at 1280 and 360 px: empty for a new athlete, then six recorded runs
// with heart rate (the Strava sandbox's generator, written as FIT files of the last weeks, uploaded as one zip)
// and an LTHR: weekly time in zone with the threshold it came from, a week opening the activities behind it,
// and monthly efficiency with "not enough data" where fewer than three runs stand behind a month.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { activityFit } from '../scripts/sandbox/garmin-fit.ts';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { APP_URL, capture, createInvite, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;
/** Days before today the runs are moved to: a month (or two) of several, and one alone further back. */
const DAYS_AGO = [1, 3, 6, 9, 12, 45];

/** Six of the demo athlete's runs with heart rate, 25 to 70 minutes, moved to DAYS_AGO, in one zip. */
function runsZip(): { zip: Buffer; dates: string[] } {
  const runs = generateHistory(1001, { count: 200, endDate: new Date('2026-11-01T00:00:00Z') })
    .filter((a) => a.plan.sport === 'Run' && a.plan.hasHeartrate && a.plan.movingTime >= 1500 && a.plan.movingTime <= 4200)
    .slice(0, DAYS_AGO.length);
  assert.equal(runs.length, DAYS_AGO.length, 'enough runs in the generated history');
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const files: Record<string, Uint8Array> = {};
  const dates: string[] = [];
  runs.forEach((a, i) => {
    const startMs = midnight - DAYS_AGO[i]! * DAY + 7 * 3600_000;
    dates.push(new Date(startMs).toISOString().slice(0, 10));
    files[`run-${i + 1}.fit`] = activityFit({ ...a, startMs, utcOffset: 0 });
  });
  return { zip: Buffer.from(zipSync(files)), dates };
}

async function api(page: Page, method: 'POST', path: string, data: unknown) {
  const res = await page.request.fetch(`${APP_URL}${path}`, { method, data, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
}

describe('analysis: trends', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('empty, then weeks of time in zone with their threshold and activities, and months of efficiency (1280 and 360 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await createAccount(page, { email: uniqueEmail('trends'), password: PASSWORD, displayName: 'Tess Trend' }, await createInvite());

    await page.goto(`${APP_URL}/analysis/trends`);
    await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Trends' }).first().getAttribute('aria-current'), 'page');
    await page.getByText('No activities in these weeks').waitFor();
    await page.getByText('No easy runs with heart rate in these months').waitFor();
    await capture(page, 'analysis-trends-empty');

    // LTHR 185 bpm from long ago: every run is zoned with it, and all of them are easy (below 89 % of it).
    await api(page, 'POST', '/api/v1/analytics/thresholds', { kind: 'lthr', value: 185, effectiveFrom: '2020-01-01' });
    const { zip, dates } = runsZip();
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', { name: 'runs.zip', mimeType: 'application/zip', buffer: zip });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 90_000 });

    await page.goto(`${APP_URL}/analysis/trends`);
    const zones = page.locator('#zones');
    await zones.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 20_000 });
    assert.match((await page.getByTestId('zone-thresholds').textContent()) ?? '', /LTHR 185 bpm \(yours, from/);
    for (const z of ['Z1 Recovery', 'Z5 VO2max']) await zones.locator('.chart-legend').getByText(z).waitFor();

    // Months: the one with three or more runs has a median, one with fewer says so.
    const byMonth = new Map<string, number>();
    for (const d of dates) byMonth.set(d.slice(0, 7), (byMonth.get(d.slice(0, 7)) ?? 0) + 1);
    const eff = page.locator('#efficiency-trend');
    await eff.locator('summary', { hasText: 'Month by month' }).click();
    if ([...byMonth.values()].some((n) => n < 3))
      await eff
        .getByText(/not enough data \([12] of 3\)/)
        .first()
        .waitFor();
    await eff.locator('.recharts-surface').first().waitFor({ timeout: 20_000 });

    await zones.locator('summary', { hasText: 'Week by week' }).click();
    await capture(page, 'analysis-trends-full');

    // The newest run's week opens the activities list for that week.
    const newest = dates[0]!;
    const week = zones.locator('tbody tr[data-state="ok"]').first();
    await week.waitFor();
    await Promise.all([page.waitForURL(/\/activities\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/), week.getByRole('link').click()]);
    const url = new URL(page.url());
    assert.ok(url.searchParams.get('from')! <= newest && newest <= url.searchParams.get('to')!, `${newest} is in the week opened`);
    await page.locator('table').getByRole('link').first().waitFor();
    await context.close();
  });
});
