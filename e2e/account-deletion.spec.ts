// Deleting an account in the browser: the request (password and DELETE), the grace page that login lands on,
// cancelling it; then a second request whose grace period is brought to an end, the hourly cron that hands it to
// the privacy queue, the receipt in the outbox, and a login that fails exactly as for an unknown address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, SANDBOX_URL, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function query<T>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Ends the grace period of the account's open deletion now (instead of waiting 7 days); answers its id. */
async function graceEndsNow(email: string): Promise<string> {
  const rows = await query<{ id: string }>(
    `update privacy_requests set run_after = now() - interval '1 second'
      where kind = 'deletion' and status = 'queued' and user_id = (select id from users where lower(email) = lower($1))
      returning id`,
    [email],
  );
  assert.equal(rows.length, 1, 'no scheduled deletion');
  return rows[0]!.id;
}

/** Fires the hourly cron (deletions due → privacy queue) until the request is done; the e2e stack runs no ticker. */
async function runUntilDone(requestId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fired = await fetch(`${APP_URL}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('0 * * * *')}`);
    await fired.body?.cancel();
    const [row] = await query<{ status: string }>('select status from privacy_requests where id = $1', [requestId]);
    if (row?.status === 'done') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the deletion did not finish');
}

async function requestDeletion(page: Page): Promise<void> {
  await page.goto(`${APP_URL}/settings`);
  await Promise.all([page.waitForURL(`${APP_URL}/settings/delete-account`), page.getByRole('link', { name: 'Delete account…' }).click()]);
  await page.fill('input[name="password"]', PASSWORD);
  await page.fill('input[name="confirm"]', 'DELETE');
  await Promise.all([
    page.waitForURL(`${APP_URL}/login?deletion=scheduled`),
    page.getByRole('button', { name: 'Delete my account in 7 days' }).click(),
  ]);
  await page.getByText('Your account will be deleted in 7 days').waitFor();
}

async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${APP_URL}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('form button[type="submit"]');
}

describe('account deletion', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('delete → grace page at login → cancel; delete again → the job runs → login fails as for an unknown account', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('delete');
    await signUp(page, { email, password: PASSWORD, displayName: 'Dee Leted' }, await createInvite());

    // The request page says what goes, what stays and when; a wrong word is refused beside its field.
    await page.goto(`${APP_URL}/settings/delete-account`);
    await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
    await capture(page, 'account-delete');
    await page.fill('input[name="password"]', PASSWORD);
    await page.fill('input[name="confirm"]', 'delete');
    await page.getByRole('button', { name: 'Delete my account in 7 days' }).click();
    await page.getByText('Type DELETE in capitals to confirm').waitFor();

    await requestDeletion(page);
    // Logging in during the grace period lands on the page that offers to cancel.
    await submitLogin(page, email, PASSWORD);
    await page.waitForURL(`${APP_URL}/settings/delete-account`);
    await page.getByRole('heading', { name: 'Your account is being deleted' }).waitFor();
    await capture(page, 'account-delete-grace');
    await Promise.all([
      page.waitForURL(`${APP_URL}/settings/delete-account?cancelled=1`),
      page.getByRole('button', { name: 'Cancel the deletion and keep my account' }).click(),
    ]);
    await page.getByText('Deletion cancelled').waitFor();
    await capture(page, 'account-delete-cancelled');

    // Again, and this time the grace period ends.
    await requestDeletion(page);
    const requestId = await graceEndsNow(email);
    await runUntilDone(requestId);
    const { messages } = (await (await fetch(`${SANDBOX_URL}/email/outbox.json?to=${encodeURIComponent(email)}`)).json()) as {
      messages: { subject: string; text: string }[];
    };
    const receipt = messages.find((m) => m.subject.includes('receipt'));
    assert.ok(receipt, 'no receipt email');
    assert.match(receipt.text, /Database records:/);

    // The account is gone: the same answer as an address that never had one.
    await submitLogin(page, email, PASSWORD);
    const gone = await page.locator('.alert-error').first().textContent();
    await submitLogin(page, uniqueEmail('never'), PASSWORD);
    const never = await page.locator('.alert-error').first().textContent();
    assert.equal(gone, never);
    assert.match(gone ?? '', /Email or password is incorrect/);
  });
});
