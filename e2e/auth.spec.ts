import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  APP_URL,
  createInvite,
  fillSignup,
  horizontalOverflow,
  launchBrowser,
  logIn,
  screenshot,
  createAccount,
  signUp,
  uniqueEmail,
  waitForEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('accounts in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('landing → Get started → sign up with an invite → Home greets the user', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const invite = await createInvite();
    await page.goto(APP_URL);
    assert.match(await page.title(), /Cadence/);
    await Promise.all([page.waitForURL(/\/signup/), page.getByRole('link', { name: 'Get started' }).first().click()]);
    await page.fill('input[name="inviteCode"]', invite);
    await fillSignup(page, { email: uniqueEmail(), password: PASSWORD, displayName: 'Eve Endurance' });
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Eve Endurance' }).waitFor();
    await screenshot(page, 'home-1280');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `home overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'home-360');
    await page.close();
  });

  it('the invite code from the link is prefilled, and a bad one is refused with a clear message', async () => {
    const page = await browser.newPage();
    await page.goto(`${APP_URL}/signup?invite=NOT-A-CODE`);
    assert.equal(await page.inputValue('input[name="inviteCode"]'), 'NOT-A-CODE');
    await page.fill('input[name="displayName"]', 'Nobody');
    await page.fill('input[name="email"]', uniqueEmail());
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('form button[type="submit"]');
    await page
      .getByText(/invite code is not valid/i)
      .first()
      .waitFor();
    assert.match(page.url(), /\/signup/);
    await page.close();
  });

  it('logs out and logs back in', async () => {
    const page = await browser.newPage();
    const email = uniqueEmail();
    await signUp(page, { email, password: PASSWORD, displayName: 'Lou Logout' }, await createInvite());
    await Promise.all([
      page.waitForURL(`${APP_URL}/`),
      page
        .getByRole('button', { name: /log out/i })
        .first()
        .click(),
    ]);
    await page.goto(`${APP_URL}/home`);
    assert.match(page.url(), /\/login/);

    await page.goto(`${APP_URL}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', 'not the right password');
    await page.click('form button[type="submit"]');
    await page.getByText('Email or password is incorrect.').waitFor();

    await logIn(page, email, PASSWORD);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Lou Logout' }).waitFor();
    await page.close();
  });

  it('resets a forgotten password through the emailed link', async () => {
    const page = await browser.newPage();
    const email = uniqueEmail();
    await createAccount(page, { email, password: PASSWORD, displayName: 'Rita Reset' }, await createInvite());
    await page.context().clearCookies();

    await page.goto(`${APP_URL}/forgot-password`);
    await page.fill('input[name="email"]', email);
    await page.click('form button[type="submit"]');
    await page.getByText(/we've sent a reset link/i).waitFor();

    const mail = await waitForEmail(email);
    const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    assert.ok(link, 'the email carries a reset link');
    await page.goto(link);
    const fresh = 'a fresh new e2e passphrase';
    await page.fill('input[name="password"]', fresh);
    await page.fill('input[name="confirmPassword"]', fresh);
    await Promise.all([page.waitForURL(/\/login\?reset=1/), page.click('form button[type="submit"]')]);

    await logIn(page, email, fresh);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Rita Reset' }).waitFor();
    await page.close();
  });
});
