// One athlete's privacy rights end to end, as they would use them: ask for their data, learn from the inbox that
// it is ready, follow the notification and download the archive; then delete the account, change their mind at
// the grace page, delete it again, and once the job has run find that logging in fails as for an unknown address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, launchBrowser, createAccount, uniqueEmail, waitForApi } from './fixtures.ts';
import { cancelDeletionAtLogin, graceEndsNow, loginError, requestDeletion, runUntilDone } from './privacy-steps.ts';

const PASSWORD = 'a long e2e passphrase';
const bell = (page: Page) => page.locator('header a.bell');

describe('privacy journey', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('download my data → the inbox says it is ready → download; delete → cancel → delete → login fails', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const email = uniqueEmail('journey');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Jo Urney' }, await createInvite());

    // Settings → Data: ask for the archive; the job prepares it in the background.
    await page.goto(`${APP_URL}/settings`);
    await Promise.all([page.waitForURL(/\/settings\/data/), page.getByRole('link', { name: 'Manage data sources' }).click()]);
    await page.getByText('You have not requested an archive yet.').waitFor();
    await page.getByRole('button', { name: 'Request my archive' }).click();

    // The inbox tells them when it is ready; its notification leads back to the download.
    // The export job and the notice it leaves run in the background: waited for in the inbox's API.
    const ready = (l: { notifications: { type: string; readAt: string | null }[] }) =>
      l.notifications.some((n) => n.type === 'privacy.export_ready' && n.readAt === null);
    await waitForApi(page, '/api/v1/notifications', ready, 'the unread “archive is ready” notification');
    await page.goto(`${APP_URL}/home`);
    assert.match((await bell(page).getAttribute('aria-label')) ?? '', /unread/);
    await Promise.all([page.waitForURL(`${APP_URL}/notifications`), bell(page).click()]);
    const notice = page.locator('.inbox-link', { hasText: 'Your data archive is ready' });
    await notice.waitFor();
    await Promise.all([page.waitForURL(`${APP_URL}/settings/data#your-data`), notice.click()]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /download archive/i }).click()]);
    assert.match(download.suggestedFilename(), /\.zip$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const zip = new Uint8Array(Buffer.concat(chunks));
    assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'not a zip');
    const files = unzipSync(zip);
    assert.ok(files['manifest.json'], `no manifest.json in ${Object.keys(files).join(', ')}`);
    assert.equal(typeof JSON.parse(strFromU8(files['manifest.json'])), 'object');

    // Settings → Delete account; the grace page at the next login cancels it.
    await requestDeletion(page, PASSWORD);
    await cancelDeletionAtLogin(page, email, PASSWORD);

    // Again, and this time the grace period ends and the job runs.
    await requestDeletion(page, PASSWORD);
    await runUntilDone(await graceEndsNow(email));

    const gone = await loginError(page, email, PASSWORD);
    assert.equal(gone, await loginError(page, uniqueEmail('never'), PASSWORD));
    assert.match(gone, /Email or password is incorrect/);
    await page.close();
  });
});
