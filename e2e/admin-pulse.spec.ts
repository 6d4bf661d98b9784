// An upload that brings nothing in: the athlete is told so and why, and Ops Pulse lists it beside the failed
// imports with its reasons in words and, the files being unreadable, what to do instead of "Retry import".
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('an upload that imports nothing', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('says so on Data sources, and shows on Ops Pulse with its reasons and what to do instead of retrying', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(athlete, { email: uniqueEmail('empty'), password: PASSWORD, displayName: 'Nell Nothing' }, await createInvite());
    await athlete.goto(`${APP_URL}/settings/data`);
    const zip = zipSync({
      'morning.fit': strToU8('not a FIT file'),
      'evening.gpx': strToU8('<gpx><trk><trkseg><trkpt lat='),
      'notes.txt': strToU8('hello'),
    });
    await athlete.setInputFiles('input[type="file"]', { name: 'old-watch.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await athlete.locator('form.upload-form button[type="submit"]').click();
    await athlete.getByText('Nothing was imported from old-watch.zip').waitFor({ timeout: 30_000 });
    await athlete.locator('.import-list').getByText('Nothing imported', { exact: true }).waitFor();
    await capture(athlete, 'data-sources-nothing-imported');
    await athlete.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ownerEmail = uniqueEmail('owner');
    await createAccount(page, { email: ownerEmail, password: PASSWORD, displayName: 'Olga Owner' }, await createInvite());
    await setRole(ownerEmail, 'owner');
    await page.goto(`${APP_URL}/admin/pulse`);
    const section = page.locator('#pulse-imports');
    await section
      .getByText(/^Imported nothing: /)
      .first()
      .waitFor();
    await capture(page, 'admin-pulse-imported-nothing');
    await section
      .getByText(/^Retrying .*: ask the athlete/)
      .first()
      .waitFor();
    await page.close();
  });
});
