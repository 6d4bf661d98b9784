// The threshold a load used, on the activity page: a real power ride (the corpus's 2019 Wahoo ELEMNT
// recording) uploaded after the athlete set an FTP its own best 20 minutes disprove. The load card names
// the FTP used, the one in effect and why they differ (ADR 007, "Thresholds by date"); 1280 and 360 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, SCREENSHOTS, signUp, uniqueEmail } from './fixtures.ts';

const RIDE = fileURLToPath(new URL('../worker/features/ingest/files/corpus/real/2019-02-17-062644-ELEMNT-297E-195-0.fit', import.meta.url));

describe('the threshold behind a load', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('an FTP the ride disproves is raised, and the load card says so with its source and date', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(
      page,
      { email: uniqueEmail('ftp'), password: 'a long e2e passphrase', displayName: 'Tom Threshold' },
      await createInvite(),
    );
    await page.goto(`${APP_URL}/settings/training`);
    await page.selectOption('select[name="kind"]', 'ftp');
    await page.fill('input[name="value"]', '100');
    await page.fill('input[name="effectiveFrom"]', '2019-01-01');
    await page.getByRole('button', { name: 'Save value' }).click();
    await page.getByText('100 W').first().waitFor();

    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', RIDE);
    await page.locator('form.upload-form button[type="submit"]').click();
    await page
      .locator('.import-list')
      .getByText(/^(Done|Imported with warnings)$/)
      .first()
      .waitFor({ timeout: 90_000 });
    await page.goto(`${APP_URL}/activities`);
    await page.locator('a.activity-link').first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);

    const card = page.locator('#load');
    await card.getByText('Raised by this activity').waitFor({ timeout: 20_000 });
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    // 3 h 45 min at NP 153 W proves more than its 20-min best does (148 W × 0.95 = 140 W): NP ÷ 1.05 = 146 W.
    assert.match(text, /FTP used: 14[5-7] W/);
    assert.match(text, /in effect: 100 W, your value from/);
    assert.match(text, /more than 105 % of threshold for an hour or longer/);
    assert.match(text, /Medium confidence/);
    assert.match(text, /FTP 100 W Raised to 14[5-7] W for this load/);
    await card.scrollIntoViewIfNeeded();
    await capture(page, 'activity-threshold-raised');
    await card.screenshot({ path: join(SCREENSHOTS, 'activity-threshold-raised-card-1280.png') });
    await page.setViewportSize({ width: 360, height: 900 });
    await card.screenshot({ path: join(SCREENSHOTS, 'activity-threshold-raised-card-360.png') });
    // The power zones are drawn from the same raised FTP, and say so.
    const zones = page.locator('[data-testid="zones-power"]');
    await zones.getByText('Raised by this activity').waitFor({ timeout: 20_000 });
    assert.match(((await zones.textContent()) ?? '').replace(/\s+/g, ' '), /FTP 14[5-7] W \(in effect: 100 W, your value from/);
    await zones.screenshot({ path: join(SCREENSHOTS, 'activity-zones-raised-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await zones.screenshot({ path: join(SCREENSHOTS, 'activity-zones-raised-1280.png') });
    await page.close();
  });
});
