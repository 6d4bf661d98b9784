// Home's form card for a new athlete whose history is a few recent weeks (issue 37): it says fitness is
// being established and for how long, never "Overreaching", at 1280 and 360 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, SANDBOX_URL, screenshot, signUp, uniqueEmail } from './fixtures.ts';

async function sandboxConfig(body: object): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/strava/_control/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

describe('form card while fitness is being established', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    // A short history ending today: a few weeks, far from the 56 days the rule needs.
    await sandboxConfig({ activitiesPerAthlete: 15, historyEnd: new Date(new Date().setUTCHours(24, 0, 0, 0)).toISOString() });
  });
  after(async () => {
    await sandboxConfig({ activitiesPerAthlete: 15, historyEnd: '2026-11-01T00:00:00.000Z' });
    await browser?.close();
  });

  it('says "Fitness is being established — N more days" instead of a form label', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('establishing');
    await signUp(page, { email, password: 'a long e2e passphrase', displayName: 'Ezra Early' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data`);
    await page
      .getByRole('link', { name: /connect with strava/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/home/);
    await page.getByText(/activities imported/).waitFor({ timeout: 120_000 });
    await page.goto(`${APP_URL}/home`);

    const card = page.locator('#form');
    await card.getByText(/Fitness is being established — \d+ more days?/).waitFor();
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(text, /Overreaching|Productive|Fresh|Neutral/);
    assert.match(text, /not banded while fitness is being established|Needs 7 days of history/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-establishing-1280');

    await page.setViewportSize({ width: 360, height: 800 });
    await card.scrollIntoViewIfNeeded();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `home overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'form-establishing-360');
    await page.close();
  });
});
