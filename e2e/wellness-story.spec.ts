// Issue 40's whole story in Chromium at 1280 and 360 px, on the demo athlete's history (her Garmin export with its
// year of wellness, as `npm run dev` imports it; summaries only, no FIT files): she checks in two days on Home, Home
// shows them, the wellness page lists them as her own word beside the export's days, the patterns page finds the
// planted pattern — more sleep the night before, more efficient easy runs — with the runs behind it, and "Why this
// trend?" under the efficiency chart names that finding. Everything through the pages and the real import path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { demoGarminExport } from '../scripts/sandbox/garmin-export.ts';
import { APP_URL, capture, createInvite, horizontalOverflow, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

function demoExport(): Buffer {
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const history = { athleteId: 1001, count: 450, historyEnd: new Date(midnight), filesBefore: new Date(midnight) };
  return Buffer.from(demoGarminExport(history, { userName: 'demo', withFits: false }).zip);
}

describe('wellness: the whole story on the demo athlete', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('check in two days → Home → wellness page → a finding with its runs → why this trend (1280, then 360 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await createAccount(page, { email: uniqueEmail('story'), password: PASSWORD, displayName: 'Demo Story' }, await createInvite());

    // Her Garmin export, through the upload form like any file.
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', { name: 'garmin-export.zip', mimeType: 'application/zip', buffer: demoExport() });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 300_000 });

    // Two check-ins on Home: today, then the day before.
    await page.goto(`${APP_URL}/home`);
    const card = page.locator('#checkin');
    await card.getByRole('heading', { name: 'Today’s check-in' }).waitFor();
    await card.getByLabel('Sleep (hours)').fill('8');
    await card.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: 'Good', exact: true }).check();
    await card.getByRole('button', { name: /^(Save|Update) check-in$/ }).click();
    await card.getByText(/Check-in saved for/).waitFor();
    await card.getByRole('link', { name: '← Previous day' }).click();
    await card.getByRole('heading', { name: /^Check-in for/ }).waitFor();
    await card.getByLabel('Sleep (hours)').fill('6.5');
    await card.getByRole('group', { name: 'Fatigue' }).getByRole('radio', { name: 'Tired', exact: true }).check();
    await card.getByRole('button', { name: /^(Save|Update) check-in$/ }).click();
    await card.getByText(/Check-in saved for/).waitFor();
    assert.equal(await card.getByLabel('Sleep (hours)').inputValue(), '6.5');
    await capture(page, 'wellness-story-home');

    // The wellness page: her two days first, her word over the export's.
    await card.getByRole('link', { name: 'Your days' }).click();
    await page.getByRole('heading', { name: 'Wellness', level: 1 }).waitFor();
    const rows = page.locator('.wellness-table tbody tr');
    assert.match((await rows.nth(0).textContent()) ?? '', /8\.0 h[\s\S]*Good/);
    assert.match((await rows.nth(1).textContent()) ?? '', /6\.5 h[\s\S]*Tired/);
    assert.ok((await rows.count()) > 20, 'the export’s days are listed too');
    // The table fits its card at 1280: no column cut off behind a scroll (issue 55).
    const wrap = await page.locator('.wellness-table-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(wrap.scroll <= wrap.client, `the days' table is cut off at 1280: ${wrap.scroll} > ${wrap.client}`);
    await capture(page, 'wellness-story-days');

    // Patterns: the planted one, in words, with its interval and the runs behind it.
    await Promise.all([page.waitForURL(/\/wellness\/patterns$/), page.getByRole('link', { name: 'Patterns' }).click()]);
    await page.getByRole('heading', { name: 'Patterns', level: 1 }).waitFor();
    const finding = page.locator('article.pattern', { hasText: 'sleep the night before' }).first();
    await finding.waitFor();
    assert.match((await finding.textContent()) ?? '', /easy-run efficiency[\s\S]*of \d+ patterns tested/);
    await finding.locator('summary').click();
    assert.ok((await finding.getByRole('link').count()) >= 20, 'each run behind the finding is listed');
    await capture(page, 'wellness-story-patterns');

    // Why this trend? under the efficiency chart: the same finding, for the chart's months.
    await page.goto(`${APP_URL}/analysis/trends`);
    const efficiency = page.locator('#efficiency-trend');
    await efficiency.getByRole('link', { name: 'Why this trend?' }).click();
    await page.getByRole('heading', { name: 'Why this trend?', level: 1 }).waitFor();
    assert.match(page.url(), /\/wellness\/why\?chart=efficiency&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await page
      .locator('#why-findings')
      .getByText(/sleep the night before/)
      .first()
      .waitFor();
    await capture(page, 'wellness-story-why');
    const whyUrl = page.url();

    // The same pages at 360 px: nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of ['/wellness', '/wellness/patterns', whyUrl.replace(APP_URL, '')]) {
      await page.goto(`${APP_URL}${path}`);
      await page.locator('h1').first().waitFor();
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      assert.ok(scrollWidth <= clientWidth, `${path} scrolls sideways at 360: ${scrollWidth} > ${clientWidth}`);
    }
    await context.close();
  });
});
