// Issue 59 (ADR 105): an athlete on Pro makes a personal API key in Settings → API, copies it once, calls the API
// with it (fitness → 200, no cookie), revokes it, and the same call answers 401 at once. At 360 px and 1280 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createAccount, createInvite, giveAthletePro, launchBrowser, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('API keys', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('make a key, copy it once, call the API with it, revoke it: 401', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_URL });
    const page = await context.newPage();
    const email = uniqueEmail('apikey');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Key Athlete' }, await createInvite());

    // Free first: the page says keys come with Pro.
    await page.goto(`${APP_URL}/settings/api`);
    await page.getByText(/Personal API keys and connecting your own AI assistant come with Pro/).waitFor();
    await giveAthletePro(email);
    await page.reload();

    await page.getByLabel('Name').fill('My dashboard');
    await page.getByRole('button', { name: 'Make key' }).click();
    await page.getByText('Copy your key now').waitFor();
    await capture(page, 'api-keys-made');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Copy your API key' }).click();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(secret, /^cdn_live_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);

    // Shown once: after a reload only the prefix is left.
    await page.reload();
    await page.getByText('My dashboard').waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
    assert.ok((await page.content()).includes(secret.slice(0, 17)), 'the prefix is listed');

    // A program's call: the key alone, no cookie.
    const call = () => fetch(`${APP_URL}/api/v1/analytics/fitness`, { headers: { authorization: `Bearer ${secret}` } });
    const ok = await call();
    assert.equal(ok.status, 200, await ok.text());
    assert.equal(ok.headers.get('ratelimit-limit'), '120');

    await page.getByRole('button', { name: 'Revoke My dashboard' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByText(/is revoked/).waitFor();
    const refused = await call();
    assert.equal(refused.status, 401);
    await capture(page, 'api-keys-revoked');
    await context.close();
  });
});
