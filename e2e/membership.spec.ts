import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  launchBrowser,
  SANDBOX_URL,
  setRole,
  createAccount,
  signUp,
  uniqueEmail,
  waitForApi,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400;

type Membership = {
  tier: string;
  source: string;
  subscription: { access: 'trialing' | 'active' | 'past_due' | 'canceling' } | null;
  pastDue: object | null;
};

/**
 * What the app learns from a Stripe webhook (queued) is waited for in GET /api/v1/membership, the status the
 * pages are drawn from; the page is then loaded once to show it.
 */
const membershipUntil = (page: Page, ready: (m: Membership) => boolean, what: string) =>
  waitForApi(page, '/api/v1/membership', ready, what);

/** The Stripe sandbox's API, as the SDK would call it (form-encoded, a test key). */
async function stripeApi<T>(path: string, params: Record<string, string> = {}, method = 'POST'): Promise<T> {
  const body = new URLSearchParams(params).toString();
  const res = await fetch(`${SANDBOX_URL}/stripe/v1/${path}${method === 'GET' && body ? `?${body}` : ''}`, {
    method,
    headers: { authorization: 'Bearer sk_test_e2e', 'content-type': 'application/x-www-form-urlencoded' },
    ...(method === 'GET' ? {} : { body }),
  });
  if (!res.ok) throw new Error(`stripe ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function stripeControl(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/stripe/_control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stripe control ${path}: ${res.status} ${await res.text()}`);
}

/** From the pricing page: Upgrade to Pro (monthly) → the sandbox's checkout → pay with 4242 → back on Membership. */
async function buyProMonthly(page: Page): Promise<void> {
  await page.goto(`${APP_URL}/pricing`);
  await page.locator('#plan-pro').getByRole('button', { name: 'Upgrade to Pro' }).click();
  await page.waitForURL(/\/stripe\/checkout\//);
  await page.getByRole('heading', { name: /Subscribe to/ }).waitFor();
  await page.getByLabel(/4242 4242 4242 4242/).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/settings\/membership\?checkout=success&session_id=cs_/);
}

describe('memberships in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('pricing → Pro checkout (4242) → Pro exports → portal: cancel at period end, then now → Free with the upgrade prompt', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // Signed out: the plans, with sign-up calls to action.
    await page.goto(`${APP_URL}/pricing`);
    await page.getByRole('heading', { level: 1, name: 'Plans for athletes and coaches' }).waitFor();
    assert.equal(await page.locator('#plan-pro').getByRole('link', { name: 'Get started' }).count(), 1);
    await capture(page, 'pricing-signed-out');
    // The yearly toggle is a link: prices change without JavaScript too.
    await page.getByRole('link', { name: /^Yearly/ }).click();
    await page.waitForURL(/interval=year/);
    await page.locator('#plan-pro').getByText('$120').waitFor();
    await capture(page, 'pricing-signed-out-yearly');

    await createAccount(page, { email: uniqueEmail('member'), password: PASSWORD, displayName: 'Mia Member' }, await createInvite());

    // Free: the Export card explains the plan instead of offering downloads.
    await page.goto(`${APP_URL}/settings/data`);
    const exportCard = page.locator('#export');
    await exportCard.getByText('Exports are part of Pro').waitFor();
    assert.equal(await exportCard.getByRole('link', { name: /Download/ }).count(), 0);

    await page.goto(`${APP_URL}/settings/membership`);
    await page.locator('#plan').getByRole('button', { name: 'Start 7-day Pro trial' }).waitFor();
    await capture(page, 'membership-free');

    await page.goto(`${APP_URL}/pricing`);
    await page.locator('#plan-free').getByText('Your plan').waitFor();
    await capture(page, 'pricing-free');

    await buyProMonthly(page);
    const plan = page.locator('#plan');
    await page.getByText('Welcome to Pro').waitFor();
    await plan.locator('.membership-tier-name', { hasText: 'Pro' }).waitFor();
    await plan.getByText('Active', { exact: true }).waitFor();
    await page.locator('#invoices').getByText('Paid', { exact: true }).waitFor();
    await capture(page, 'membership-pro');

    await page.goto(`${APP_URL}/pricing`);
    await page.locator('#plan-pro').getByText('Your plan').waitFor();
    await page.locator('#plan-pro').getByRole('button', { name: 'Manage in portal' }).waitFor();
    await capture(page, 'pricing-pro');

    // The Pro-only download now answers a CSV.
    await page.goto(`${APP_URL}/settings/data`);
    const download = page.locator('#export').getByRole('link', { name: 'Download activities (CSV)' });
    const href = await download.getAttribute('href');
    assert.ok(href);
    const csv = await page.request.get(`${APP_URL}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);

    // Portal: cancel at the end of the period → Pro until then, then Free.
    await page.goto(`${APP_URL}/settings/membership`);
    await plan.getByRole('button', { name: 'Manage in the billing portal' }).click();
    await page.waitForURL(/\/stripe\/portal\//);
    await page.getByRole('button', { name: 'Cancel at period end' }).click();
    await page.getByRole('button', { name: "Don't cancel" }).waitFor();
    await page.getByRole('link', { name: 'Return to Cadence' }).first().click();
    await page.waitForURL(/\/settings\/membership$/);
    await membershipUntil(page, (m) => m.source === 'subscription' && m.subscription?.access === 'canceling', 'the cancellation');
    await page.goto(`${APP_URL}/settings/membership`);
    await plan.getByText(/^Pro until .+, then Free\.$/).waitFor();
    await capture(page, 'membership-canceling');

    // Portal: cancel now → Free, and the Export card explains the plan again.
    await plan.getByRole('button', { name: 'Manage in the billing portal' }).click();
    await page.waitForURL(/\/stripe\/portal\//);
    await page.getByRole('button', { name: 'Cancel now' }).click();
    await page.getByText('canceled', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Return to Cadence' }).first().click();
    await page.waitForURL(/\/settings\/membership$/);
    await membershipUntil(page, (m) => m.tier === 'free', 'Free');
    await page.goto(`${APP_URL}/settings/membership`);
    await plan.locator('.membership-tier-name', { hasText: /^Free$/ }).waitFor();
    await plan.getByRole('button', { name: 'Manage in the billing portal' }).waitFor({ state: 'detached' });

    await page.goto(`${APP_URL}/settings/data`);
    await exportCard.getByText('Exports are part of Pro').waitFor();
    await exportCard.getByText(/Download every activity with its load/).waitFor();
    const upgrade = exportCard.getByRole('link', { name: 'Upgrade to Pro' });
    assert.equal(await upgrade.getAttribute('href'), '/pricing#plan-pro');
    assert.equal(await exportCard.getByRole('link', { name: /Download/ }).count(), 0);
    await capture(page, 'data-export-upgrade');
    const refused = await page.request.get(`${APP_URL}/api/v1/exports/activities.csv`);
    assert.equal(refused.status(), 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'ENTITLEMENT_REQUIRED');
    await page.close();
  });

  it('without JavaScript: the yearly toggle, Upgrade offers the link to the checkout page, the trial starts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await createAccount(page, { email: uniqueEmail('nojs'), password: PASSWORD, displayName: 'Nora NoScript' }, await createInvite());
    await page.goto(`${APP_URL}/pricing`);
    await page.getByRole('link', { name: /^Yearly/ }).click();
    await page.waitForURL(/interval=year/);
    const pro = page.locator('#plan-pro');
    await pro.getByText('$120').waitFor();
    await pro.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await pro.getByRole('link', { name: 'Continue to the secure checkout' }).click();
    await page.waitForURL(/\/stripe\/checkout\//);
    await page.getByText(/per year/).waitFor();

    // The trial instead: a plain form post, then the page says what changed.
    await page.goto(`${APP_URL}/settings/membership`);
    await page.locator('#plan').getByRole('button', { name: 'Start 7-day Pro trial' }).click();
    await page.waitForURL(/\/settings\/membership\?trial=started$/);
    await page.getByText('Your Pro trial has started').waitFor();
    await page.locator('#plan').getByText('Trial', { exact: true }).waitFor();
    await capture(page, 'membership-trial');
    await context.close();
  });

  it('a coaching business owner buys Team from the pricing page and comes back to it on Team', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('teamowner');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Tess Team' }, await createInvite());
    await setRole(email, 'coach');
    await page.goto(`${APP_URL}/coach`);
    await page.fill('#field-name', 'Ridgeline Coaching');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    await page.goto(`${APP_URL}/pricing?interval=year`);
    const team = page.locator('#plan-team');
    await team.getByRole('button', { name: 'Start Team for Ridgeline Coaching' }).click();
    await page.waitForURL(/\/stripe\/checkout\//);
    await page.getByText(/per year/).waitFor();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/pricing\?checkout=success&session_id=cs_/);
    await page.getByText('Your organisation is on Team').waitFor();
    await team.getByText("Your organisation's plan").waitFor();
    await team.getByRole('button', { name: 'Manage in portal' }).waitFor();
    await capture(page, 'pricing-team');
    await page.close();
  });

  it('a failed renewal: past due banner on every page, Pro kept until the grace date, the card updated in the portal', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('pastdue');
    await signUp(page, { email, password: PASSWORD, displayName: 'Pat Pastdue' }, await createInvite());
    await buyProMonthly(page);
    await page.locator('#plan').getByText('Active', { exact: true }).waitFor();

    // The renewal a month later fails: the customer goes on a test clock whose next charges fail.
    const { data: customers } = await stripeApi<{ data: { id: string }[] }>('customers', { email }, 'GET');
    const customer = customers[0]?.id;
    assert.ok(customer);
    const now = Math.floor(Date.now() / 1000);
    const clock = await stripeApi<{ id: string }>('test_helpers/test_clocks', { frozen_time: String(now) });
    await stripeControl(`customers/${customer}/test-clock`, { testClock: clock.id });
    await stripeControl(`customers/${customer}/fail-payments`, { count: 10 });
    await stripeApi(`test_helpers/test_clocks/${clock.id}/advance`, { frozen_time: String(now + 32 * DAY) });

    const banner = page.getByRole('complementary', { name: 'Payment problem' });
    await membershipUntil(page, (m) => m.pastDue !== null, 'the failed renewal (past due)');
    await page.goto(`${APP_URL}/home`);
    await banner.waitFor();
    await banner.getByText(/Pro stays on until/).waitFor();
    await capture(page, 'home-past-due');

    await page.goto(`${APP_URL}/settings/membership`);
    await page.locator('#plan').getByText('Payment failed', { exact: true }).waitFor();
    await capture(page, 'membership-past-due');

    // The in-app "payment failed" notification links to the failed invoice's row, which stands out.
    let link: string | null = null;
    for (const end = Date.now() + 30_000; !link && Date.now() < end; await page.waitForTimeout(250)) {
      const { notifications } = (await (await page.request.get(`${APP_URL}/api/v1/notifications`)).json()) as {
        notifications: { type: string; link: string | null }[];
      };
      link = notifications.find((n) => n.type === 'billing.payment_failed')?.link ?? null;
    }
    assert.match(link ?? '', /^\/settings\/membership#invoice-in_/);
    await page.goto(`${APP_URL}${link}`);
    const row = page.locator(`#${link!.split('#')[1]}`);
    await row.getByText('Due', { exact: true }).waitFor();
    assert.equal(await row.evaluate((el) => el.matches(':target')), true);
    await capture(page, 'membership-invoice-from-notification');

    // Update the card from the banner: back to Active, the banner gone.
    await stripeControl(`customers/${customer}/fail-payments`, { count: 0 });
    await banner.getByRole('button', { name: 'Update your card' }).click();
    await page.waitForURL(/\/stripe\/portal\//);
    await page.getByRole('button', { name: 'Update card' }).click();
    await page.getByText('active', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Return to Cadence' }).first().click();
    await page.waitForURL(/\/settings\/membership$/);
    await membershipUntil(
      page,
      (m) => m.source === 'subscription' && m.subscription?.access === 'active' && m.pastDue === null,
      'Active again, not past due',
    );
    await page.goto(`${APP_URL}/settings/membership`);
    await page.locator('#plan').getByText('Active', { exact: true }).waitFor();
    assert.equal(await banner.count(), 0);
    await page.close();
  });
});
