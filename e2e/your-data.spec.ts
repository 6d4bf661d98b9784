// Settings → Data, "Download my data" and "Import a Cadence archive", in the browser: each state of the
// archive (nothing requested, preparing, ready, expired) and an import's report, at 360 px and desktop.
// The preparing and expired states are set in the database: a new account's archive is ready within a second.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, SCREENSHOTS, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function sql(query: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(query, params);
  } finally {
    await client.end();
  }
}

const byEmail = `(select id from users where lower(email) = lower($1))`;

/** Both cards at 360 px and 1280 px, checking the page never scrolls sideways. */
async function cards(page: Page, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `${name} overflows at ${width} px: ${scrollWidth} > ${clientWidth}`);
    await page.locator('#your-data').scrollIntoViewIfNeeded();
    const box = await page.evaluate(() => {
      const a = document.querySelector('#your-data')!.getBoundingClientRect();
      const b = document.querySelector('#import-archive')!.getBoundingClientRect();
      return { y: a.top + window.scrollY - 8, height: b.bottom - a.top + 16 };
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${width}.png`),
      fullPage: true,
      clip: { x: 0, y: box.y, width, height: box.height },
      animations: 'disabled',
    });
  }
}

describe('your data in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('request → preparing → ready → download → import the archive → report; expired', async () => {
    const email = uniqueEmail('yourdata');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email, password: PASSWORD, displayName: 'Dana Data' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data#your-data`);
    await page.getByText('You have not requested an archive yet.').waitFor();
    await cards(page, 'your-data-none');

    await page.getByRole('button', { name: 'Request my archive' }).click();
    await page.getByRole('link', { name: /download archive/i }).waitFor({ timeout: 30_000 });
    // Preparing, as a long export looks while its job runs.
    await sql(
      `update privacy_requests set status = 'running', progress = progress || '{"step": 31, "filesWritten": 64}' where kind = 'export' and user_id = ${byEmail}`,
      [email],
    );
    await page.reload();
    await page.getByText('Preparing').first().waitFor();
    await cards(page, 'your-data-preparing');
    await sql(`update privacy_requests set status = 'ready' where kind = 'export' and user_id = ${byEmail}`, [email]);
    await page.reload();
    const link = page.getByRole('link', { name: /download archive/i });
    await link.waitFor();
    await cards(page, 'your-data-ready');

    // The same session downloads it, and imports it back (nothing new: it is this account's own archive).
    const href = await link.getAttribute('href');
    const res = await page.request.get(`${APP_URL}${href}`);
    assert.equal(res.status(), 200);
    const zip = await res.body();
    await page.setInputFiles('#archive-file', { name: 'cadence-export.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: 'Import archive' }).click();
    await page.getByText('Imported', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText('What an import does not restore').click();
    await cards(page, 'your-data-imported');

    await sql(`update privacy_requests set expires_at = now() - interval '1 hour' where kind = 'export' and user_id = ${byEmail}`, [email]);
    await page.reload();
    await page.getByText('Expired').first().waitFor();
    await cards(page, 'your-data-expired');
    assert.equal((await page.request.get(`${APP_URL}${href}`)).status(), 410);
    await page.close();
  });
});
