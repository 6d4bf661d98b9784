import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, signUp, uniqueEmail } from './fixtures.ts';

describe('explore', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  it('real backend', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => console.log('console:', m.type(), m.text()));
    page.on('response', async (r) => { if (r.url().includes('/api/v1/coach')) console.log('resp', r.status(), r.request().method(), r.url(), r.status() >= 400 ? await r.text().catch(() => '') : ''); });
    const email = uniqueEmail('aiexp');
    await signUp(page, { email, password: 'a long e2e passphrase', displayName: 'Eve Explore' }, await createInvite());
    await page.goto(`${APP_URL}/ai-coach`);
    await page.getByLabel('Ask your coach').fill('What was my longest run this month?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/ai-coach\/[0-9a-f-]{36}$/);
    await page.waitForTimeout(4000);
    console.log('TEXT1', await page.locator('main').innerText());
    await capture(page, 'x-real-error');
    await page.reload();
    await page.waitForTimeout(1500);
    console.log('TEXT2', await page.locator('main').innerText());
    await capture(page, 'x-real-reload');
    // JS off
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });
    const p2 = await ctx.newPage();
    await p2.goto(`${APP_URL}/login`);
    await p2.fill('input[name="email"]', email);
    await p2.fill('input[name="password"]', 'a long e2e passphrase');
    await p2.click('form button[type="submit"]');
    await p2.waitForURL(`${APP_URL}/home`);
    await p2.goto(`${APP_URL}/ai-coach`);
    await p2.getByRole('link', { name: 'What was my longest run this month?', exact: true }).click();
    console.log('VALUE', await p2.getByLabel('Ask your coach').inputValue());
    await p2.getByRole('button', { name: 'Send' }).click();
    await p2.waitForLoadState('load');
    console.log('URL', p2.url());
    console.log('TEXT3', await p2.locator('main').innerText());
    await capture(p2, 'x-nojs', [360]);
  });
});
