import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { RETENTION_RULES } from '../worker/features/privacy/retention/retention.rules.ts';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** A request about this account, backdated `daysAgo` days with its legal due date a month later. */
async function backdatedRequest(email: string, kind: 'export' | 'deletion', daysAgo: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(
      `insert into privacy_requests (kind, status, user_id, requested_at, due_at, run_after)
       select $2, 'queued', id, now() - make_interval(days => $3), now() - make_interval(days => $3) + interval '1 month',
              now() + interval '7 days'
       from users where lower(email) = lower($1)`,
      [email, kind, daysAgo],
    );
  } finally {
    await client.end();
  }
}

describe('privacy: the retention page and the data-request queue, with no sideways scroll at 360 px', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('anyone reads what we keep and for how long, every rule of the table', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${APP_URL}/privacy/retention`);
    assert.equal(res?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'What we keep and for how long' }).waitFor();
    assert.equal(await page.locator('.retention-rule').count(), RETENTION_RULES.length);
    await capture(page, 'privacy-retention');
    await page.close();
  });

  it('an owner sees the queue, overdue first, and queues a deletion with a reason', async () => {
    const page = await browser.newPage();
    const late = uniqueEmail('late');
    const fresh = uniqueEmail('fresh');
    for (const [email, name] of [
      [late, 'Lena Late'],
      [fresh, 'Finn Fresh'],
    ] as const) {
      const p = await browser.newPage();
      await signUp(p, { email, password: PASSWORD, displayName: name }, await createInvite());
      await p.close();
    }
    await backdatedRequest(late, 'export', 38);
    await backdatedRequest(fresh, 'deletion', 2);
    const owner = uniqueEmail('owner');
    await createAccount(page, { email: owner, password: PASSWORD, displayName: 'Ola Owner' }, await createInvite());
    await setRole(owner, 'owner');

    assert.equal((await page.goto(`${APP_URL}/admin/privacy`))?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Data requests' }).waitFor();
    const rows = page.locator('.privacy-table tbody tr');
    const text = await rows.allInnerTexts();
    const lateAt = text.findIndex((t) => t.includes(late));
    const freshAt = text.findIndex((t) => t.includes(fresh));
    assert.ok(lateAt >= 0 && freshAt > lateAt, `overdue first: ${lateAt} < ${freshAt}`);
    assert.match(text[lateAt] ?? '', /Overdue \d+ days/);

    const target = await page.locator(`.privacy-table tbody tr:has-text("${fresh}") a`).getAttribute('href');
    const userId = target?.split('/').pop() ?? '';
    await page.getByLabel('Account id').fill(userId);
    await page.getByLabel('Reason').fill('Emailed request from the account address, ticket 4711');
    await page.getByRole('button', { name: 'Queue deletion' }).click();
    await page.getByText('This account already had an open deletion.').waitFor();
    await capture(page, 'admin-privacy');

    await page.getByRole('button', { name: 'Dry run now' }).click();
    await page.getByText(/nothing was deleted/).waitFor();
    await capture(page, 'admin-privacy-dry-run');
    await page.close();
  });
});
