// Athlete support: an operator finds a stuck athlete and reads why, at 360 and 1280 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** Makes the account the read-only demo role (the fixtures' setRole predates it). */
async function makeDemo(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`update users set role = 'demo', auth_version = auth_version + 1 where lower(email) = lower($1)`, [email]);
  } finally {
    await client.end();
  }
}

/** The stuck part of the athlete, straight in the database: an expired Strava token, a failed job and import. */
async function makeStuck(email: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select id from users where lower(email) = lower($1)', [email]);
    const id = rows[0]!.id;
    const external = String(Date.now());
    await client.query(
      `insert into provider_connections (user_id, provider, external_athlete_id, access_token_enc, refresh_token_enc, expires_at, scopes)
       values ($1, 'strava', $2, 'x', 'x', now() - interval '2 days', 'read,activity:read_all')`,
      [id, external],
    );
    await client.query(
      `insert into ingest_jobs (user_id, kind, dedupe_key, status, attempts, last_error) values ($1, 'strava.backfill', $2, 'error', 5, 'strava 401: token revoked')`,
      [id, `e2e-support:${external}`],
    );
    await client.query(
      `insert into ingestion_state (user_id, source, status, last_error, done_count) values ($1, 'strava', 'error', 'strava 401: token revoked', 12)`,
      [id],
    );
    await client.query(
      `insert into import_jobs (user_id, filename, object_key, size_bytes, status, kind, found, imported, duplicates, error)
       values ($1, 'garmin-export.zip', $2, 2048, 'error', 'garmin_export', 5, 3, 1, 'The archive ends early: upload it again.')`,
      [id, `e2e-support/${external}`],
    );
    return id;
  } finally {
    await client.end();
  }
}

describe('athlete support pages', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('searches athletes (empty, results, error) and shows a stuck athlete with why at the top', async () => {
    const tag = `Supp${Date.now().toString(36)}`;
    const athlete = await browser.newPage();
    const athleteEmail = uniqueEmail('stuck');
    await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: `Stella ${tag}` }, await createInvite());
    await athlete.close();
    const athleteId = await makeStuck(athleteEmail);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ownerEmail = uniqueEmail('owner');
    await createAccount(page, { email: ownerEmail, password: PASSWORD, displayName: 'Olive Owner' }, await createInvite());
    await setRole(ownerEmail, 'owner');

    await page.goto(`${APP_URL}/admin/athletes?q=nobody-${tag}`);
    await page.getByRole('heading', { name: 'No athletes match' }).waitFor();
    await capture(page, 'admin-athletes-empty');

    await page.getByLabel('Email, name or id (partial)').fill(tag.toLowerCase());
    await page.getByLabel('Role').selectOption('athlete');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=supp/i);
    const result = page.getByRole('link', { name: `Stella ${tag}` });
    await result.waitFor();
    await page.getByText('1 account, newest first').waitFor();
    await capture(page, 'admin-athletes-results');

    await page.goto(`${APP_URL}/admin/athletes?q=${tag}&cursor=nonsense`);
    await page.getByText('Search failed').waitFor();
    await capture(page, 'admin-athletes-error');

    await page.goto(`${APP_URL}/admin/athletes?q=${tag}`);
    await page.getByRole('link', { name: `Stella ${tag}` }).click();
    await page.waitForURL(`${APP_URL}/admin/athletes/${athleteId}`);
    await page.getByText('things need attention').waitFor();
    await page.getByText('Strava ingestion failed: strava 401: token revoked.').waitFor();
    await page.locator('.support-summary').getByText('Token expired', { exact: true }).waitFor();
    await page.locator('#imports').getByText('The archive ends early: upload it again.').waitFor();
    assert.equal(await page.locator('#sessions .support-item').count(), 1);
    // The owner's action cards: the operator actions and impersonation's "View as".
    await page.getByRole('heading', { name: 'Operator actions' }).waitFor();
    await page.getByRole('heading', { name: `View as Stella ${tag}` }).waitFor();
    await capture(page, 'admin-athlete-stuck');

    await page.goto(`${APP_URL}/admin/athletes/${crypto.randomUUID()}`);
    await capture(page, 'admin-athlete-unknown');

    // The demo role: the same page, personal data masked, no action cards.
    await makeDemo(ownerEmail);
    await page.goto(`${APP_URL}/admin/athletes/${athleteId}`);
    await page.getByText('Personal data is masked for your role.').waitFor();
    assert.equal(await page.getByText(athleteEmail).count(), 0);
    assert.equal(await page.getByText(tag).count(), 0);
    assert.equal(await page.locator('.support-actions').count(), 0);
    await capture(page, 'admin-athlete-demo');
    // Its search matches ids only (masked emails and names are not searched), and says so.
    await page.goto(`${APP_URL}/admin/athletes?q=${tag}`);
    await page.getByRole('heading', { name: 'No athletes match' }).waitFor();
    await page.getByLabel('Account id (full or first characters)').fill(athleteId.slice(0, 8));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`a[href="/admin/athletes/${athleteId}"]`).waitFor();
    await capture(page, 'admin-athletes-demo-search');
    await page.close();
  });
});
