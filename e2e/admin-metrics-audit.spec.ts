import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('console: metrics and audit log render, with no sideways scroll at 360 px', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('an owner sees the metrics charts and filters the audit log', async () => {
    const page = await browser.newPage();
    const email = uniqueEmail('console');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Ola Owner' }, await createInvite());
    await setRole(email, 'owner');
    const metrics = await page.goto(`${APP_URL}/admin/metrics`);
    assert.equal(metrics?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Platform metrics' }).waitFor();
    await capture(page, 'admin-metrics');

    await page.goto(`${APP_URL}/admin/audit`);
    await page.getByLabel('Action starts with').fill('user.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=user\./);
    await page.locator('.audit-table').waitFor();
    await capture(page, 'admin-audit');
    await page.close();
  });
});
