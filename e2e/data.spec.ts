import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  APP_URL,
  createInvite,
  garminExportZip,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  createAccount,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('data sources in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('settings → connect Strava (sandbox consent) → Home progress → activities list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: uniqueEmail('strava'), password: PASSWORD, displayName: 'Sam Strava' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data`);
    await screenshot(page, 'data-sources-empty-1280');
    await page
      .getByRole('link', { name: /connect with strava/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/home/);
    await page.getByText('Strava connected.').waitFor();
    await screenshot(page, 'home-importing-1280');
    await page.getByText(/activities imported/).waitFor({ timeout: 60_000 });
    await page.goto(`${APP_URL}/activities`);
    const rows = page.locator('main li, main tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 15);
    await page.setViewportSize({ width: 360, height: 800 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `activities overflow at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'activities-360');
    await page.close();
  });

  it('uploads a small Garmin export → the job finishes → its activities appear', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: uniqueEmail('upload'), password: PASSWORD, displayName: 'Uma Upload' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', garminExportZip());
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'data-sources-imported-1280');
    await page.goto(`${APP_URL}/activities`);
    await page.getByText('Export run 3').waitFor();
    assert.equal(await page.getByText(/^Export run \d$/).count(), 3);
    await page.close();
  });
});
