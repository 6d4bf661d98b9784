import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  garminExportZip,
  launchBrowser,
  lowestTextContrast,
  createAccount,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
// Accounts are in UTC (the default), so "today" is the UTC date; weeks start on Monday.
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number, from = today) => new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10);
const monday = plusDays(-((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
const lastMonday = plusDays(-7, monday);
const at = (day: string, hour: number) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:30:00Z`);

const dayCell = (page: Page, date: string) => page.locator(`.plan-day[data-date="${date}"]`);

/** Cards wider than their day (they would be cut and overlap the next day) or whose text spills out of them. */
function cardsOutsideTheirDay(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.plan-day .plan-workout')].flatMap((card) => {
      const day = card.closest('.plan-day')!.getBoundingClientRect();
      const box = card.getBoundingClientRect();
      const inside = box.left >= day.left - 0.5 && box.right <= day.right + 0.5 && card.scrollWidth <= card.clientWidth;
      return inside
        ? []
        : [`${card.textContent}: ${Math.round(box.width)} px (content ${card.scrollWidth}) in a ${Math.round(day.width)} px day`];
    }),
  );
}

/** Training → the previous week → the run done last Tuesday → its page. */
async function openLastWeeksRun(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${APP_URL}/training`);
  await page.getByRole('link', { name: 'Previous week' }).click();
  await page.waitForURL(new RegExp(`date=${lastMonday}`));
  const run = dayCell(page, plusDays(1, lastMonday)).getByRole('link', { name: /Export run 1/ });
  await run.waitFor();
  assert.match((await run.textContent()) ?? '', /Unplanned/);
  await Promise.all([page.waitForURL(/\/activities\/[0-9a-f-]{36}$/), run.click()]);
  await page.getByRole('heading', { name: 'Export run 1' }).waitFor();
}

describe('training calendar', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('without a plan: what was done, week and month; keyboard between days; a done activity opens its page at 360 and 1280 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: uniqueEmail('calendar'), password: PASSWORD, displayName: 'Cal Endar' }, await createInvite());
    await page.goto(`${APP_URL}/training`);
    await page.getByText('No plan yet').waitFor();
    await page.locator('.plan-cal-week .plan-day').first().waitFor();
    await capture(page, 'calendar-empty');

    // Runs last Tuesday morning and Thursday evening, from a Garmin export.
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', garminExportZip([at(plusDays(1, lastMonday), 6), at(plusDays(3, lastMonday), 17)]));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    await openLastWeeksRun(page, 1280);
    await page.goBack();
    await dayCell(page, plusDays(3, lastMonday))
      .getByRole('link', { name: /Export run 2/ })
      .waitFor();
    // The week's summary beside its days: two runs of 29:40 moving, no plan to compare with.
    const summary = page.getByRole('region', { name: /^Week of .*: summary$/ });
    await summary.getByText('59 min done').waitFor();
    await summary.getByText('2 unplanned activities').waitFor();
    await capture(page, 'calendar-last-week');
    assert.deepEqual(await cardsOutsideTheirDay(page), []);

    // Arrow keys walk the days; Enter opens what has focus.
    await dayCell(page, plusDays(1, lastMonday)).getByRole('link').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('[data-date]')?.getAttribute('data-date')),
      plusDays(2, lastMonday),
    );
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-activity-id') !== null), true);
    await Promise.all([page.waitForURL(/\/activities\//), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: 'Export run 2' }).waitFor();

    await openLastWeeksRun(page, 360);

    // The month: compact items, and each week's totals beside it.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${APP_URL}/training?view=month&date=${lastMonday}`);
    await page.locator('.plan-cal-month').waitFor();
    assert.ok((await page.locator('.plan-cal-month .plan-activity').count()) >= 1);
    // The neighbouring months' days are set apart without fading their text below 4.5:1.
    const outside = await lowestTextContrast(page, '.plan-day.is-outside');
    assert.ok(outside, 'the month shows days of its neighbours');
    assert.ok(outside.ratio >= 4.5, `"${outside.text}" at ${outside.ratio}:1 in a neighbouring month's day`);
    await capture(page, 'calendar-month');
    await page.close();
  });
});
