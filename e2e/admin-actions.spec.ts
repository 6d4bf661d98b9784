// Operator actions: an admin retries a failed import from the athlete page, and it completes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The athlete's import, failed after the fact (its file still stored), as a crashed parser would leave it. */
async function failImport(email: string): Promise<{ userId: string; importId: string; filename: string }> {
  const [row] = await query<{ user_id: string; id: string; filename: string }>(
    `update import_jobs j set status = 'error', error = 'The import failed. Try uploading the file again.', attempts = 3
       from users u where u.id = j.user_id and lower(u.email) = lower($1) returning j.user_id, j.id, j.filename`,
    [email],
  );
  assert.ok(row, 'the athlete has an import');
  return { userId: row.user_id, importId: row.id, filename: row.filename };
}

describe('operator actions', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('an admin retries a failed import from the athlete page and it completes', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('retry');
    await createAccount(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Rita Retry' }, await createInvite());
    await athlete.goto(`${APP_URL}/settings/data`);
    await athlete.setInputFiles('input[type="file"]', garminExportZip());
    await athlete.locator('form.upload-form button[type="submit"]').click();
    await athlete.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await athlete.close();
    const { userId, importId, filename } = await failImport(athleteEmail);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const adminEmail = uniqueEmail('ops');
    await createAccount(page, { email: adminEmail, password: PASSWORD, displayName: 'Otto Ops' }, await createInvite());
    await setRole(adminEmail, 'owner');
    await page.goto(`${APP_URL}/admin/athletes/${userId}`);
    const form = page.getByRole('form', { name: `Retry import ${filename}` });
    await form.waitFor();
    await form.getByLabel('Reason').fill('Parser fixed after incident 12');
    await capture(page, 'admin-actions-retry-import');
    await form.getByRole('button', { name: `Retry import ${filename}` }).click();
    await page.getByText(`Import ${filename} queued again.`).waitFor({ timeout: 15_000 });

    // The import runs again from its stored file; the audit row carries the reason.
    for (let i = 0; i < 100; i++) {
      const [job] = await query<{ status: string }>('select status from import_jobs where id = $1', [importId]);
      if (job?.status === 'done') break;
      await page.waitForTimeout(200);
    }
    const [job] = await query<{ status: string }>('select status from import_jobs where id = $1', [importId]);
    assert.equal(job?.status, 'done');
    const [audit] = await query<{ payload: { reason: string } }>(
      `select payload from audit_log where action = 'operator.retry_import' and target_id = $1`,
      [importId],
    );
    assert.equal(audit?.payload.reason, 'Parser fixed after incident 12');
    await page.reload();
    await page.getByRole('form', { name: `Retry import ${filename}` }).waitFor({ state: 'detached' });
    await page.close();
  });
});
