import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function sql(text: string, params: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

describe('recordings of one effort, and what was cleaned on import, in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('two recordings of one run → one activity "also recorded by" the other → split without JavaScript; data quality; import warnings', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = uniqueEmail('dupes');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Devi Devices' }, await createInvite());

    // The same run from two devices (53 s apart) and another run the next day, in one export.
    const t0 = Date.UTC(2024, 4, 10, 6, 30);
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', garminExportZip([t0, t0 + 53_000, t0 + 86_400_000]));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.goto(`${APP_URL}/activities`);
    await page.getByText('Export run 3').waitFor();
    assert.equal(await page.getByText(/^Export run \d$/).count(), 2, 'the two recordings are listed once');

    // What an importer would have noted on the counted copy, and a report with each outcome.
    const { rows } = await sql(
      `update activities a set data_quality = $2::jsonb, sport_inferred = true
         from users u where u.id = a.user_id and lower(u.email) = lower($1) and a.duplicate_of is null
          and exists (select 1 from activities d where d.duplicate_of = a.id) returning a.id`,
      [
        email,
        JSON.stringify([
          { code: 'speed_glitch', message: '14 GPS points ignored: implausible speed', count: 14 },
          { code: 'altitude_spikes', message: 'Altitude smoothed; 3 spikes removed', count: 3 },
        ]),
      ],
    );
    const id = rows[0]?.id as string;
    assert.ok(id, 'one counted copy has a duplicate');
    const job = (filename: string, status: string, fields: string, values: unknown[]) =>
      sql(
        `insert into import_jobs (user_id, filename, object_key, size_bytes, status, kind, finished_at, ${fields})
         select id, $2, 'e2e', 48213, $3, 'fit', now(), ${values.map((_, i) => `$${i + 4}`).join(', ')} from users where lower(email) = lower($1)`,
        [email, filename, status, ...values],
      );
    await job('Morning_Ride.fit', 'done', 'found, imported, warnings', [
      1,
      1,
      JSON.stringify([
        { name: 'Morning_Ride.fit', reason: 'speed_glitch', detail: '14 GPS points ignored: implausible speed' },
        { name: 'Morning_Ride.fit', reason: 'truncated', detail: 'The file ends early; imported up to 1:12:40' },
      ]),
    ]);
    await job('old-exports.zip', 'done', 'found, imported, skipped', [
      0,
      0,
      JSON.stringify([{ name: 'old-exports.zip/notes.txt', reason: 'unsupported_type' }]),
    ]);
    await job('broken.fit', 'error', 'error', ['The import failed. Try uploading the file again.']);

    await page.goto(`${APP_URL}/activities/${id}`);
    await page.getByRole('heading', { name: 'Also recorded by' }).waitFor();
    assert.match(await page.locator('#data-quality').innerText(), /14 GPS points ignored: implausible speed/);
    assert.match(await page.locator('#data-quality').innerText(), /Sport inferred from speed/);
    await capture(page, 'activity-also-recorded');
    // The copy that is not counted says which one is.
    await page.locator('#copies').getByRole('link', { name: 'Garmin export' }).click();
    await page.getByText('Counted', { exact: true }).waitFor();
    await capture(page, 'activity-duplicate-copy');

    // Without JavaScript: the button leads to a confirm step, the form post splits.
    const plain = await browser.newContext({
      viewport: { width: 360, height: 900 },
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const nojs = await plain.newPage();
    await nojs.goto(`${APP_URL}/activities/${id}`);
    await nojs.getByRole('link', { name: 'These are different activities' }).click();
    await nojs.getByText('Count them as different activities?').waitFor();
    await capture(nojs, 'activity-split-confirm');
    await nojs.getByRole('button', { name: 'Yes, they are different' }).click();
    await nojs.getByText('Counted as a separate activity from now on.').waitFor();
    assert.equal(await nojs.getByRole('heading', { name: 'Also recorded by' }).count(), 0);
    await capture(nojs, 'activity-split-done');
    await plain.close();

    await page.goto(`${APP_URL}/activities`);
    await page.getByText('Export run 3').waitFor();
    assert.equal(await page.getByText(/^Export run \d$/).count(), 3, 'both recordings count after the split');
    // An activity with nothing to say about copies or corrections shows neither section.
    await page.getByRole('link', { name: 'Export run 3' }).click();
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    assert.equal(await page.locator('#copies, #data-quality').count(), 0);
    await capture(page, 'activity-plain');

    await page.goto(`${APP_URL}/settings/data`);
    await page.getByText('Imported with warnings').waitFor();
    await page.getByText('Show the 2 warnings').click();
    await page.getByText('Show the skipped file').first().click();
    await capture(page, 'data-sources-warnings');
    await context.close();
  });
});
