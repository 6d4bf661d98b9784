import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function userIdOf(email: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query('select id from users where lower(email) = lower($1)', [email]);
    return rows[0].id as string;
  } finally {
    await client.end();
  }
}

describe('impersonation', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('an owner views Cadence as an athlete (banner, a refused password change) and ends it back on the console', async () => {
    const athleteEmail = uniqueEmail('imp-athlete');
    const athletePage = await (await browser.newContext()).newPage();
    await signUp(athletePage, { email: athleteEmail, password: PASSWORD, displayName: 'Ann Runner' }, await createInvite());
    await athletePage.context().close();
    const ownerEmail = uniqueEmail('imp-owner');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: ownerEmail, password: PASSWORD, displayName: 'Olive Owner' }, await createInvite());
    await setRole(ownerEmail, 'owner');

    await page.goto(`${APP_URL}/impersonation?userId=${await userIdOf(athleteEmail)}`);
    await page.getByRole('heading', { name: 'View as Ann Runner' }).waitFor();
    await page.getByLabel('Reason').fill('Support ticket: calendar looks empty');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Act as Ann Runner for 30 minutes?').waitFor();
    await Promise.all([page.waitForURL(`${APP_URL}/home`), page.getByRole('button', { name: 'View as Ann Runner' }).click()]);

    const banner = page.getByRole('status').filter({ hasText: 'You are viewing Cadence as' });
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /You are viewing Cadence as Ann Runner · (29|30):\d\d/);
    await capture(page, 'impersonation-banner');

    await page.goto(`${APP_URL}/settings`);
    await banner.waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('another long passphrase 7');
    await page.getByLabel('Confirm new password').fill('another long passphrase 7');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('You cannot change the password while impersonating: only the user can do that.').waitFor();
    await capture(page, 'impersonation-password-refused', [360]);

    // Back in the owner's own session, on the operator console (/admin opens its first section).
    await Promise.all([page.waitForURL(/\/admin(\/|$)/), page.getByRole('button', { name: 'End now' }).click()]);
    // (/admin opens its first section, Ops Pulse once that page lands; the invites page is there already.)
    await page.goto(`${APP_URL}/admin/invites`);
    await page.getByRole('navigation', { name: 'Operator console' }).waitFor();
    assert.equal(await page.getByText('You are viewing Cadence as').count(), 0);
    await page.close();
  });
});
