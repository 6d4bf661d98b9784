// The daily check-in in Chromium at 1280 and 360 px (issue 40): check in today and yesterday on Home, see the
// values back in the form, then both days on the wellness page with their sources — no sideways scroll of the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, screenshot, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('wellness check-in in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 360]) {
    it(`checks in two days on Home and reads them on the wellness page (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await createAccount(
        page,
        { email: uniqueEmail(`well-${width}`), password: PASSWORD, displayName: 'Wren Wellness' },
        await createInvite(),
      );
      await page.goto(`${APP_URL}/home`);
      const card = page.locator('#checkin');
      await card.getByRole('heading', { name: 'Today’s check-in' }).waitFor();

      await card.getByLabel('Sleep (hours)').fill('7.5');
      await card.getByRole('group', { name: 'Soreness' }).getByRole('radio', { name: 'A little', exact: true }).check();
      await card.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: 'Great', exact: true }).check();
      await card.getByLabel('Resting HR (bpm)').fill('48');
      await card.getByRole('button', { name: 'Save check-in' }).click();
      await card.getByText(/Check-in saved for/).waitFor();
      assert.equal(await card.getByLabel('Sleep (hours)').inputValue(), '7.5');
      await card.getByRole('button', { name: 'Update check-in' }).waitFor();
      await screenshot(page, `wellness-checkin-${width}`);

      // Yesterday, from the card's own day navigation.
      await card.getByRole('link', { name: '← Previous day' }).click();
      await card.getByRole('heading', { name: /^Check-in for/ }).waitFor();
      await card.getByRole('group', { name: 'Fatigue' }).getByRole('radio', { name: 'Tired', exact: true }).check();
      await card.getByLabel('Pain or an injury').check();
      await card.getByLabel('Where').fill('Left calf');
      await card.getByRole('button', { name: 'Save check-in' }).click();
      await card.getByText(/Check-in saved for/).waitFor();

      await card.getByRole('link', { name: 'Your days' }).click();
      await page.getByRole('heading', { name: 'Wellness', level: 1 }).waitFor();
      const rows = page.locator('.wellness-table tbody tr');
      assert.match((await rows.nth(0).textContent()) ?? '', /7\.5 h.*A little.*Great.*48 bpm/);
      assert.match((await rows.nth(1).textContent()) ?? '', /Tired.*Yes: Left calf/);
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      assert.ok(scrollWidth <= clientWidth, `page scrolls sideways at ${width}: ${scrollWidth} > ${clientWidth}`);
      await screenshot(page, `wellness-days-${width}`);
      await context.close();
    });
  }
});
