// Deleting an account in the browser: the request (password and DELETE), the grace page that login lands on,
// cancelling it; then a second request whose grace period is brought to an end, the hourly cron that hands it to
// the privacy queue, the receipt in the outbox, and a login that fails exactly as for an unknown address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, SANDBOX_URL, createAccount, uniqueEmail } from './fixtures.ts';
import { graceEndsNow, loginError, requestDeletion, runUntilDone, submitLogin } from './privacy-steps.ts';

const PASSWORD = 'a long e2e passphrase';

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
    // A long address with no hyphen to break at: the pages that print it wrap it rather than scroll sideways at 360 px.
    const email = uniqueEmail('delete.with.a.rather.long.mailbox.name.at.work');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Dee Leted' }, await createInvite());

    // The request page says what goes, what stays and when; a wrong word is refused beside its field.
    await page.goto(`${APP_URL}/settings/delete-account`);
    await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
    await capture(page, 'account-delete');
    await page.fill('input[name="password"]', PASSWORD);
    await page.fill('input[name="confirm"]', 'delete');
    await page.getByRole('button', { name: 'Delete my account in 7 days' }).click();
    await page.getByText('Type DELETE in capitals to confirm').waitFor();

    await requestDeletion(page, PASSWORD);
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
    await requestDeletion(page, PASSWORD);
    const requestId = await graceEndsNow(email);
    await runUntilDone(requestId);
    const { messages } = (await (await fetch(`${SANDBOX_URL}/email/outbox.json?to=${encodeURIComponent(email)}`)).json()) as {
      messages: { subject: string; text: string }[];
    };
    const receipt = messages.find((m) => m.subject.includes('receipt'));
    assert.ok(receipt, 'no receipt email');
    assert.match(receipt.text, /Database records:/);

    // The account is gone: the same answer as an address that never had one.
    const gone = await loginError(page, email, PASSWORD);
    assert.equal(gone, await loginError(page, uniqueEmail('never'), PASSWORD));
    assert.match(gone, /Email or password is incorrect/);
  });
});
