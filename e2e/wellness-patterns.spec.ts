// The patterns page (issue 40) in Chromium at 1280 and 360 px: the first weeks' state for a new athlete, then 40
// easy runs with heart rate (the Strava sandbox's generator, written as FIT files of the last 40 days, uploaded as
// one zip) and a check-in on each of those days whose sleep follows the run's efficiency — so the engine has a
// pattern to find: the finding as an <article> with its words, its interval and the runs behind it, each linking to
// its activity. Everything is seeded through the API and the pages, as an athlete would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { activityFit } from '../scripts/sandbox/garmin-fit.ts';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { APP_URL, capture, createInvite, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;
const RUNS = 40;

/** 40 of the demo athlete's runs with heart rate, 25 to 70 minutes, one on each of the last 40 days, in one zip. */
function runsZip(): Buffer {
  const runs = generateHistory(1001, { count: 800, endDate: new Date('2026-11-01T00:00:00Z') })
    .filter((a) => a.plan.sport === 'Run' && a.plan.hasHeartrate && a.plan.movingTime >= 1500 && a.plan.movingTime <= 4200)
    .slice(0, RUNS);
  assert.equal(runs.length, RUNS, 'enough runs in the generated history');
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const files: Record<string, Uint8Array> = {};
  runs.forEach((a, i) => {
    const startMs = midnight - (i + 1) * DAY + 7 * 3600_000;
    files[`run-${i + 1}.fit`] = activityFit({ ...a, startMs, utcOffset: 0 });
  });
  return Buffer.from(zipSync(files));
}

async function api<T>(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${APP_URL}${path}`, { method, data, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('wellness: patterns', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('first weeks, then a finding with the runs behind it (1280 and 360 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = uniqueEmail('patterns');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Pat Tern' }, await createInvite());

    // From /wellness to the patterns page: nothing to test yet, and the page says what it needs.
    await page.goto(`${APP_URL}/wellness`);
    await Promise.all([page.waitForURL(/\/wellness\/patterns$/), page.getByRole('link', { name: 'Patterns' }).click()]);
    await page.getByRole('heading', { name: 'Patterns', level: 1 }).waitFor();
    await page.getByText('Patterns need 20+ days of both').waitFor();
    await capture(page, 'wellness-patterns-first-weeks');

    // LTHR 200 bpm: every generated run counts as easy, so each has an efficiency point.
    await api(page, 'POST', '/api/v1/analytics/thresholds', { kind: 'lthr', value: 200, effectiveFrom: '2020-01-01' });
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', { name: 'runs.zip', mimeType: 'application/zip', buffer: runsZip() });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 240_000 });

    // A check-in for each run's day: more sleep the night before the more efficient runs.
    const eff = await api<{ runs: { points: { date: string; efficiency: number }[] } }>(
      page,
      'GET',
      '/api/v1/analytics/efficiency?weeks=8',
    );
    const points = [...eff.runs.points].sort((a, b) => a.efficiency - b.efficiency);
    assert.ok(points.length >= 30, `efficiency points: ${points.length}`);
    for (const [rank, p] of points.entries())
      await api(page, 'PUT', `/api/v1/wellness/days/${p.date}/check-in`, {
        sleepHours: 5.5 + (3.5 * rank) / points.length,
        mood: 1 + (rank % 4),
      });

    await page.goto(`${APP_URL}/wellness/patterns`);
    await page.getByRole('heading', { name: 'Patterns', level: 1 }).waitFor();
    const finding = page.locator('article.pattern', { hasText: 'sleep the night before' }).first();
    await finding.waitFor();
    assert.match((await finding.textContent()) ?? '', /easy-run efficiency[\s\S]*of \d+ patterns tested/);
    await finding.locator('summary').click();
    const runLinks = finding.getByRole('link');
    assert.ok((await runLinks.count()) >= 30, 'each run behind the finding is listed');
    await capture(page, 'wellness-patterns-full');

    await Promise.all([page.waitForURL(/\/activities\/[0-9a-f-]+$/), runLinks.first().click()]);

    // A findings load that fails (the network drops) answers the app's error panel inside the shell, not a blank page.
    // (The stored state is no longer read per request: the athlete's engine object holds it in memory, ADR 070.)
    await page.goto(`${APP_URL}/wellness`);
    await page.route('**/wellness/patterns.data**', (route) => route.abort('failed'));
    await page.getByRole('link', { name: 'Patterns' }).first().click();
    await page.getByRole('heading', { name: 'Something went wrong', level: 1 }).waitFor();
    await capture(page, 'wellness-patterns-error');
    await context.close();
  });
});
