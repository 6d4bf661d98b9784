// Changing the sign-in address in the browser (ADR 040): Settings → Email address with the password, the
// card showing the change waiting (and a wrong password refused beside its field), the link read from the
// sandbox outbox, the confirmation page (opening it changes nothing until the button), then signing in with
// the new address. The old inbox's undo link and its page are shown too. Screenshots at 360 and 1280 px.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  horizontalOverflow,
  launchBrowser,
  logIn,
  SCREENSHOTS,
  createAccount,
  uniqueEmail,
  waitForEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** The Email address card alone at 360 and 1280 px (the whole Settings page is long), never scrolling sideways. */
async function captureCard(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `${name} overflows at ${width} px: ${scrollWidth} > ${clientWidth}`);
    await page.locator('#email').screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), animations: 'disabled' });
  }
}

const linkIn = (text: string, page: 'confirm' | 'undo') => {
  const link = new RegExp(`(http\\S+/account/email/${page}\\?token=[A-Za-z0-9_-]+)`).exec(text)?.[1];
  assert.ok(link, `the email carries the ${page} link`);
  return link;
};

describe('email change', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('change the address in Settings → confirm from the new inbox → log in with the new address', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const oldEmail = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    await createAccount(page, { email: oldEmail, password: PASSWORD, displayName: 'Ella Change' }, await createInvite());

    await page.goto(`${APP_URL}/settings#email`);
    const card = page.locator('#email');
    await card.getByText(`Current address: ${oldEmail}`).waitFor();
    await captureCard(page, 'email-change-form');

    // A wrong password is refused beside its field, and nothing is sent.
    await card.getByLabel('New email address').fill(newEmail);
    await card.getByLabel('Your password').fill('not the password at all');
    await card.getByRole('button', { name: 'Send confirmation link' }).click();
    await card.getByText('Your password is incorrect').first().waitFor();
    await captureCard(page, 'email-change-wrong-password');

    await card.getByLabel('New email address').fill(newEmail);
    await card.getByLabel('Your password').fill(PASSWORD);
    await card.getByRole('button', { name: 'Send confirmation link' }).click();
    await card.getByText('Waiting for confirmation').waitFor();
    await card.getByText(newEmail).first().waitFor();
    await card.getByRole('button', { name: 'Cancel the change' }).waitFor();
    await captureCard(page, 'email-change-pending');

    // The link from the new inbox: opening it asks first.
    const mail = await waitForEmail(newEmail);
    assert.match(mail.subject, /Confirm your new Cadence email address/);
    await page.goto(linkIn(mail.text, 'confirm'));
    await page.getByRole('heading', { name: 'Confirm your new email address' }).waitFor();
    await page.getByText(newEmail).waitFor();
    await capture(page, 'email-change-confirm');
    await page.getByRole('button', { name: 'Confirm new address' }).click();
    await page.getByText('Address changed').waitFor();
    await page.getByText(newEmail).first().waitFor();
    await capture(page, 'email-change-confirmed');

    // Still signed in here (the session was re-issued); Settings shows the new address.
    await page.goto(`${APP_URL}/settings#email`);
    await page.locator('#email').getByText(`Current address: ${newEmail}`).waitFor();

    // The old inbox is told, with an undo link; its page asks first too.
    const notice = await waitForEmail(oldEmail);
    assert.match(notice.subject, /was changed/);
    const undo = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await undo.goto(linkIn(notice.text, 'undo'));
    await undo.getByRole('button', { name: 'Put my old address back' }).waitFor();
    await undo.getByText(oldEmail).waitFor();
    await capture(undo, 'email-change-undo');
    await undo.close();

    // A fresh browser: the new address signs in, the old one no longer does.
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await fresh.goto(`${APP_URL}/login`);
    await fresh.fill('input[name="email"]', oldEmail);
    await fresh.fill('input[name="password"]', PASSWORD);
    await fresh.click('form button[type="submit"]');
    await fresh
      .getByText(/email or password/i)
      .first()
      .waitFor();
    await logIn(fresh, newEmail, PASSWORD);
    assert.equal(new URL(fresh.url()).pathname, '/home');
    await fresh.close();
    await page.close();
  });
});
