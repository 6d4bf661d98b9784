// Coach automations in a browser: the empty page, a weekly automation with its live "next 5 runs"
// preview in the org's zone, a bad cron expression refused beside its field, and an SMS automation
// whose send the Twilio sandbox refuses — its failed run and error shown in the history. 1280 and 360 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  giveOrgTeam,
  launchBrowser,
  SANDBOX_URL,
  setRole,
  createAccount,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('coach automations', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
  });

  it('creates a weekly automation with a live preview, refuses a bad cron beside the field, and shows a failed SMS run', async () => {
    const email = uniqueEmail('auto');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Avery Automator' }, await createInvite());
    await setRole(email, 'coach');
    await page.goto(`${APP_URL}/coach`);
    await page.fill('#field-name', 'Front Range Endurance');
    await page.selectOption('#field-timeZone', 'America/Denver');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('navigation', { name: 'Coaching console' }).waitFor();

    // Free coaching: the page offers Team in place of the form.
    await page.goto(`${APP_URL}/coach/automations`);
    await page.getByText('Automations are part of Team').waitFor();
    assert.equal(await page.getByRole('link', { name: 'New automation' }).count(), 0);
    await capture(page, 'automations-free');
    await giveOrgTeam(email);

    await page.goto(`${APP_URL}/coach/automations`);
    await page.getByRole('heading', { name: 'No automations yet' }).waitFor();
    await capture(page, 'automations-empty');

    await page.getByRole('link', { name: 'New automation' }).click();
    await page.fill('#field-name', 'Monday plan');
    await page.check('input[name="weekdays"][value="3"]');
    await page.fill('#field-time', '07:00');
    await page.fill('#field-title', 'Plan the week for {{org_name}}');
    await page.locator('.automation-preview-title', { hasText: 'Every Mon, Wed at 07:00' }).waitFor();
    const preview = page.locator('.automation-preview li');
    await preview.nth(4).waitFor();
    assert.equal(await preview.count(), 5);
    for (const line of await preview.allInnerTexts()) assert.match(line, /^(Mon|Wed) .*, 07:00 M[SD]T$/);
    assert.match(await page.locator('.automation-preview-title').innerText(), /Every Mon, Wed at 07:00 M[SD]T/);

    // A cron expression with minute 61: the preview says so, and saving refuses it beside the field.
    await page.selectOption('#field-triggerKind', 'cron');
    await page.fill('#field-expression', '61 7 * * 1-5');
    await page.locator('.automation-preview .field-error').waitFor();
    await page.getByRole('button', { name: 'Create automation' }).click();
    await page.locator('#field-expression-error').waitFor();
    assert.match(await page.locator('#field-expression-error').innerText(), /minute/i);
    await capture(page, 'automations-error');

    await page.fill('#field-expression', '0 7 * * 1-5');
    await page.locator('.automation-preview li').nth(4).waitFor();
    await capture(page, 'automations-form');
    await page.getByRole('button', { name: 'Create automation' }).click();
    await page.getByRole('heading', { name: 'History: Monday plan' }).waitFor();

    // An SMS automation on "last session" whose send Twilio refuses: recorded as failed, with the error.
    const api = (path: string, body: unknown) =>
      page.request.post(`${APP_URL}/api/v1/coach${path}`, { data: body, headers: { origin: APP_URL } });
    const phone = `+1303555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    const client = await (await api('/clients', { name: 'Robin Runner', phone, smsConsent: 'granted' })).json();
    const type = await (
      await api('/package-types', { name: '2 × 60', sessions: 2, sessionMinutes: 60, priceCents: 20000, currency: 'usd' })
    ).json();
    await api(`/clients/${client.id}/packages`, { packageTypeId: type.id });
    const auto = await (
      await api('/automations', {
        name: 'Renewal nudge',
        trigger: { kind: 'package_low' },
        action: { kind: 'sms', message: 'Hi {{client_first_name}}, {{sessions_left}} session left. Renew?' },
      })
    ).json();
    await fetch(`${SANDBOX_URL}/twilio/_control/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 400, code: 21211, message: 'Invalid To number', to: phone }),
    });
    assert.equal((await api(`/clients/${client.id}/sessions/use`, { idempotencyKey: 'e2e-use-1' })).status(), 200);
    for (let i = 0; i < 50; i++) {
      const runs = await (await page.request.get(`${APP_URL}/api/v1/coach/automations/${auto.id}/runs`)).json();
      if (runs.runs[0]?.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(`${APP_URL}/coach/automations?runs=${auto.id}`);
    await page.getByRole('heading', { name: 'History: Renewal nudge' }).waitFor();
    assert.match(await page.locator('.automation-error').first().innerText(), /SMS_FAILED: .*Invalid To number/);
    await capture(page, 'automations-full');
  });
});
