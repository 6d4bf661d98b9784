import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** Puts the account back on the old UTC default, never confirmed: how accounts made before issue 37 look. */
async function asOldUtcAccount(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query("update users set time_zone = 'UTC', time_zone_confirmed_at = null where lower(email) = lower($1)", [email]);
  } finally {
    await client.end();
  }
}

describe('time zone: an account on UTC is asked once to use the device zone', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a Paris device sees the question on Home, "Use it" saves Europe/Paris and the question is gone', async () => {
    const email = uniqueEmail('tz');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await createAccount(page, { email, password: PASSWORD, displayName: 'Pierre Paris' }, await createInvite());
    await asOldUtcAccount(email);
    await page.goto(`${APP_URL}/home`);

    const question = page.locator('.time-zone-question');
    await question.getByText('Your device is set to Europe/Paris; Cadence uses UTC for your days and reminders.').waitFor();
    await capture(page, 'time-zone-question-home');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/settings')),
      page.getByRole('button', { name: 'Use Europe/Paris' }).click(),
    ]);
    assert.equal(saved.status(), 200, await saved.text());
    await question.waitFor({ state: 'detached' });

    // Remembered on the account: a reload and Settings no longer ask, and Settings shows the zone.
    await page.goto(`${APP_URL}/settings`);
    assert.equal(await page.getByLabel('Time zone').first().inputValue(), 'Europe/Paris');
    assert.equal(await page.locator('.time-zone-question').count(), 0);
    await context.close();
  });

  it('"Keep UTC" on Settings keeps UTC and stops the question', async () => {
    const email = uniqueEmail('tz');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await createAccount(page, { email, password: PASSWORD, displayName: 'Pia Paris' }, await createInvite());
    await asOldUtcAccount(email);
    await page.goto(`${APP_URL}/settings`);
    const question = page.locator('.time-zone-question');
    await question.waitFor();
    await capture(page, 'time-zone-question-settings');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/settings')),
      page.getByRole('button', { name: 'Keep UTC' }).click(),
    ]);
    assert.equal(saved.status(), 200, await saved.text());
    await question.waitFor({ state: 'detached' });
    await page.goto(`${APP_URL}/home`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.locator('.time-zone-question').count(), 0);
    await page.goto(`${APP_URL}/settings`);
    assert.equal(await page.getByLabel('Time zone').first().inputValue(), 'UTC');
    await context.close();
  });
});
