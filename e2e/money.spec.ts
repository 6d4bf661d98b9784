import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, screenshot, setRole, createAccount, uniqueEmail, waitForApi } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function api<T = Record<string, any>>(page: Page, path: string, body: unknown): Promise<T> {
  const res = await page.request.post(`${APP_URL}/api/v1/coach${path}`, { data: body, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('coach money: a client pays through Stripe Checkout, the P&L shows it', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('checkout link → sandbox checkout page → Pay → thank-you page → money page, and manual entries with errors', async () => {
    const page = await browser.newPage();
    const email = uniqueEmail('money');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Morgan Money' }, await createInvite());
    // The role change bumps auth_version: the next request rotates the session and sees the new role.
    await setRole(email, 'coach');
    await page.goto(`${APP_URL}/home`);
    await api(page, '/org', { name: 'Ledger Coaching', timeZone: 'Europe/London' });
    const client = await api(page, '/clients', { name: 'Quinn Quickpay' });
    const type = await api(page, '/package-types', {
      name: '6 × 60 min',
      sessions: 6,
      sessionMinutes: 60,
      priceCents: 36_000,
      currency: 'gbp',
    });
    const link = await api<{ url: string }>(page, `/clients/${client.id}/checkout-links`, { packageTypeId: type.id });

    // The client's side: Stripe's hosted page (the sandbox), then back to Cadence.
    const buyer = await browser.newPage();
    await buyer.goto(link.url);
    await screenshot(buyer, 'stripe-checkout');
    await Promise.all([buyer.waitForURL(/\/pay\/done\?session_id=cs_test_/), buyer.click('button:has-text("Pay")')]);
    await buyer.getByRole('heading', { name: /payment received/i }).waitFor();
    await capture(buyer, 'pay-done');
    await buyer.close();

    // The coach's side: the webhook goes through the queue (waited for in the P&L's API, this month in the org's
    // zone, as the page opens on it); the money page then shows the sale.
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/London' }).slice(0, 7);
    const paid = (p: { currency: string; incomeCents: number }) => p.currency === 'gbp' && p.incomeCents === 36_000;
    await waitForApi(page, `/api/v1/coach/pnl?month=${month}`, paid, 'the payment in the month’s P&L');
    await page.goto(`${APP_URL}/coach/money`);
    assert.match((await page.locator('.money-total').first().textContent()) ?? '', /£360\.00/);
    assert.ok(await page.getByText('6 × 60 min', { exact: true }).first().isVisible());
    await capture(page, 'coach-money');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.fill('input[name="amount"]', 'twelve');
    await page.click('button:has-text("Add entry")');
    await page.locator('#field-amount-error').waitFor();
    assert.match((await page.locator('#field-category-error').textContent()) ?? '', /category/i);
    await capture(page, 'coach-money-errors');

    await page.fill('input[name="amount"]', '49.99');
    await page.fill('input[name="category"]', 'Equipment');
    await page.fill('input[name="description"]', 'Kettlebells');
    await page.click('button:has-text("Add entry")');
    await page.getByText('Expense added.').waitFor();
    await screenshot(page, 'coach-money-after-add');
    await page.waitForFunction(() => document.querySelectorAll('.money-total')[3]?.textContent?.includes('£310.01'), undefined, {
      timeout: 30_000,
    });

    await page.goto(`${APP_URL}/coach/money?month=2024-01`);
    await page.getByText('Nothing recorded this month').waitFor();
    await capture(page, 'coach-money-empty');
    await page.close();
  });
});
