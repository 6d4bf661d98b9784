// Steps the privacy specs share: the database reads they check against, deleting an account in the browser,
// ending a deletion's grace period and firing the hourly cron until the job is done, and submitting the login form.
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { APP_URL } from './fixtures.ts';

export async function query<T>(text: string, values: unknown[]): Promise<T[]> {
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
export async function graceEndsNow(email: string): Promise<string> {
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
export async function runUntilDone(requestId: string, timeoutMs = 30_000): Promise<void> {
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

/** Settings → Delete account…, password and DELETE: lands on the login page that says when it will happen. */
export async function requestDeletion(page: Page, password: string): Promise<void> {
  await page.goto(`${APP_URL}/settings`);
  await Promise.all([page.waitForURL(`${APP_URL}/settings/delete-account`), page.getByRole('link', { name: 'Delete account…' }).click()]);
  // The address bar changes before the new page is drawn, and /settings has its own password field (the email
  // change): filled then, it took the password and the request went out without one. Only this page has #confirm.
  await page.fill('#confirm input[name="password"]', password);
  await page.fill('#confirm input[name="confirm"]', 'DELETE');
  await Promise.all([
    page.waitForURL(`${APP_URL}/login?deletion=scheduled`),
    page.getByRole('button', { name: 'Delete my account in 7 days' }).click(),
  ]);
  await page.getByText('Your account will be deleted in 7 days').waitFor();
}

/** Logging in during the grace period lands on the page that offers to cancel; cancelling keeps the account. */
export async function cancelDeletionAtLogin(page: Page, email: string, password: string): Promise<void> {
  await submitLogin(page, email, password);
  await page.waitForURL(`${APP_URL}/settings/delete-account`);
  await page.getByRole('heading', { name: 'Your account is being deleted' }).waitFor();
  await Promise.all([
    page.waitForURL(`${APP_URL}/settings/delete-account?cancelled=1`),
    page.getByRole('button', { name: 'Cancel the deletion and keep my account' }).click(),
  ]);
  await page.getByText('Deletion cancelled').waitFor();
}

export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${APP_URL}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('form button[type="submit"]');
}

/** The error a login shows: the same for a deleted account as for an address that never had one. */
export async function loginError(page: Page, email: string, password: string): Promise<string> {
  await submitLogin(page, email, password);
  return (await page.locator('.alert-error').first().textContent()) ?? '';
}
