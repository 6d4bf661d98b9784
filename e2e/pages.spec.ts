import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('every page renders, with no sideways scroll at 360 px', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('public pages, including error and empty states', async () => {
    const page = await browser.newPage();
    for (const [name, path] of [
      ['landing', '/'],
      ['about', '/about'],
      ['login', '/login'],
      ['forgot-password', '/forgot-password'],
      ['reset-password-missing-token', '/reset-password'],
      ['not-found', '/no/such/page'],
    ]) {
      const res = await page.goto(`${APP_URL}${path}`);
      assert.equal(res?.status(), name === 'not-found' ? 404 : 200, `${path} status`);
      await capture(page, name!);
    }
    await page.goto(`${APP_URL}/signup`);
    await page.fill('input[name="email"]', 'someone@localhost');
    await page.fill('input[name="password"]', 'short');
    // Skip the browser's own checks so the server's messages are what we see (as without JS).
    await page
      .locator('main form')
      .first()
      .evaluate((f) => f.setAttribute('novalidate', ''));
    await page.click('main form button[type="submit"]');
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await capture(page, 'signup-errors');
    await page.close();
  });

  it('the signed-in shell: home, training, coach, settings, and admin for an owner', async () => {
    const page = await browser.newPage();
    const email = uniqueEmail('pages');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Paula Pages' }, await createInvite());
    for (const name of ['training', 'coach', 'settings']) {
      await page.goto(`${APP_URL}/${name}`);
      await capture(page, name);
    }
    const forbidden = await page.goto(`${APP_URL}/admin`);
    assert.equal(forbidden?.status(), 403);
    await capture(page, 'admin-forbidden');

    // The role change bumps auth_version: the next request rotates the session and sees the new role.
    await setRole(email, 'owner');
    await page.goto(`${APP_URL}/admin`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await capture(page, 'admin');
    await page.close();
  });
});
