// The coach console in a browser: a new coach sets up an org, adds a client (a bad phone number is
// refused beside the field), defines a package type, gives the client a package, books a session in
// the calendar (a clash is refused plainly); the Twilio sandbox shows the confirmation SMS, the client
// replies Y through the sandbox's signed webhook and the open calendar shows it confirmed within one
// poll; completing it leaves one session fewer. Then the client page with its packages endpoint
// failing shows Retry while the other sections render.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addDays, localParts, zonedToUtc } from '../worker/lib/dates.ts';
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

interface SandboxSms {
  direction: 'outbound-api' | 'inbound';
  body: string;
}

const PASSWORD = 'a long e2e passphrase';
const ZONE = 'America/Denver';
const PHONE = '+13035550199';

/** The newest SMS to or from `phone` in the Twilio sandbox that matches, waiting for it. */
async function waitForSms(phone: string, match: (m: SandboxSms) => boolean, timeoutMs = 10_000): Promise<SandboxSms> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${SANDBOX_URL}/twilio/_control/messages?to=${encodeURIComponent(phone)}`);
    const { messages } = (await res.json()) as { messages: SandboxSms[] };
    const found = messages.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no matching SMS for the client within ${timeoutMs} ms`);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe('coach console', () => {
  let browser: Browser;
  let page: Page;
  let clientUrl = '';
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
  });

  it('sets up an org, a client and a package, books and completes a session: the package shows one session fewer', async () => {
    const email = uniqueEmail('coach');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Casey Coach' }, await createInvite());
    await setRole(email, 'coach');

    await page.goto(`${APP_URL}/coach`);
    await page.getByRole('heading', { name: 'Set up your coaching business' }).waitFor();
    await capture(page, 'coach-setup');
    await page.fill('#field-name', 'Front Range Endurance');
    await page.selectOption('#field-timeZone', ZONE);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('#tasks .coach-section-body:not([aria-busy])').waitFor();
    await capture(page, 'coach-overview-empty');
    // This business texts its clients: it is on Team (free coaching is covered in team.spec and automations.spec).
    await giveOrgTeam(email);

    // Settings: half a quiet-hours window and an unknown template variable are refused beside their
    // fields; the preview is worded in the org's zone.
    await page.getByRole('navigation', { name: 'Coaching console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.match(await text(page, '#sms-confirmation .sms-bubble'), /(MST|MDT)\. Reply Y to confirm\.$/);
    await page.fill('#field-quietStart', '21:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#field-quietEnd-error').waitFor();
    assert.match(await text(page, '#field-quietEnd-error'), /both ends/);
    await page.fill('#tpl-reminder', 'See you {{session_time}} at {{gym}}');
    await page.locator('#tpl-reminder-error').waitFor();
    assert.match(await text(page, '#tpl-reminder-error'), /gym/);
    await capture(page, 'coach-settings-errors');
    await page.fill('#field-quietStart', '');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#org-settings').getByText('Saved.').waitFor();
    const reminder = page.locator('#sms-reminder');
    await page.fill('#tpl-reminder', 'See you {{session_date}}, {{session_time}}. {{location}}');
    await reminder.getByRole('button', { name: 'Preview' }).click();
    await reminder.locator('.sms-bubble', { hasText: /^See you \w{3} \d{1,2} \w{3}, 9:00 AM (MST|MDT)\./ }).waitFor();
    assert.equal(await reminder.locator('.badge').innerText(), 'Default'); // a preview saves nothing
    await page.fill('#tpl-reminder', 'See you {{session_date}}, {{session_time}}. {{location}}');
    await reminder.getByRole('button', { name: 'Save', exact: true }).click();
    await reminder.getByText('Saved.').waitFor();
    await reminder.locator('.badge', { hasText: 'Custom' }).waitFor();
    await capture(page, 'coach-settings');

    await page.getByRole('navigation', { name: 'Coaching console' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await capture(page, 'coach-clients-empty');
    await page.fill('#new-client-name', 'Robin Runner');
    await page.fill('#new-client-phone', '303 555');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.locator('#new-client-phone-error').waitFor();
    assert.match(await text(page, '#new-client-phone-error'), /international format/i);
    assert.equal(await page.getAttribute('#new-client-phone', 'aria-invalid'), 'true');
    await page.fill('#new-client-phone', '+1 303 555 0199');
    await page.check('input[name="smsConsent"][value="granted"]');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByText('Robin Runner added.').waitFor();

    await page.getByText('Add a package type').click();
    await page.fill('#type-name', '4 × 60 min');
    await page.fill('#type-sessions', '4');
    await page.fill('#type-minutes', '60');
    await page.fill('#type-price', '320');
    await page.getByRole('button', { name: 'Add package type' }).click();
    await page.getByText('Package type “4 × 60 min” added.').waitFor();
    await capture(page, 'coach-clients');

    await page.locator('#client-list').getByRole('link', { name: 'Robin Runner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Robin Runner' }).waitFor();
    clientUrl = page.url();
    await page.locator('#packages').getByText('No packages yet').waitFor();
    await page.locator('#packages').getByRole('button', { name: 'Give package' }).click();
    await page.locator('#packages').getByText('4 of 4 left').waitFor();

    // Book tomorrow (org-local) in the day view, so the client's "Y" finds it still ahead; the same
    // slot again is refused as a clash.
    const tomorrow = addDays(localParts(new Date(), ZONE).date, 1);
    await page.goto(`${APP_URL}/coach/calendar?view=day&date=${tomorrow}`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.fill('#field-time', '10:00');
    await page.fill('#field-location', 'Wash Park');
    await page.getByRole('button', { name: 'Book session' }).click();
    await page.getByText(/^Booked\./).waitFor();
    const booking = page.locator('.cal-booking', { hasText: 'Robin Runner' });
    await booking.waitFor();
    assert.match(await booking.innerText(), /10:00–11:00/);
    await page.fill('#field-time', '10:30');
    await page.getByRole('button', { name: 'Book session' }).click();
    await page.getByText('This overlaps another of your bookings. Pick another time.').waitFor();
    assert.equal(await text(page, '#field-time-error'), 'Overlaps another booking');

    // The Twilio sandbox received the confirmation, in Denver time with the zone's abbreviation.
    const confirmation = await waitForSms(PHONE, (m) => m.direction === 'outbound-api' && /Reply Y/.test(m.body));
    assert.match(
      confirmation.body,
      /^Hi Robin, your session with Casey Coach \(Front Range Endurance\) is booked for \w{3} \d{1,2} \w{3}, 10:00 AM (MST|MDT)\. Reply Y to confirm\.$/,
    );

    // The client answers " y " from their phone: the sandbox signs the webhook call as Twilio does, and
    // the open calendar shows the booking confirmed within one 15 s poll, without a reload.
    const started = Date.now();
    const reply = await fetch(`${SANDBOX_URL}/twilio/_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: PHONE, body: ' y ' }),
    });
    const delivered = (await reply.json()) as { delivered?: { status: number } };
    assert.equal(delivered.delivered?.status, 200);
    await page.locator('.cal-booking-confirmed', { hasText: 'Robin Runner' }).waitFor({ timeout: 17_000 });
    assert.ok(Date.now() - started < 17_000);

    await booking.click();
    await page.locator('.cal-panel').getByRole('button', { name: 'Complete' }).click();
    await page.getByText('Completed: 1 session used — 3 left.').waitFor();
    await page.locator('.cal-booking-completed', { hasText: 'Robin Runner' }).waitFor();
    await capture(page, 'coach-calendar-day');

    for (const view of ['week', 'month']) {
      await page
        .getByRole('navigation', { name: 'Calendar view' })
        .getByRole('link', { name: view === 'week' ? 'Week' : 'Month' })
        .click();
      await page.waitForURL(new RegExp(`view=${view}`));
      await page.locator('.cal-booking-completed', { hasText: 'Robin Runner' }).waitFor();
      await capture(page, `coach-calendar-${view}`);
    }

    // Moving on polls at once, over exactly the new visible range (next week, Denver midnights); a
    // failed poll keeps the last data and says so quietly.
    const polled: string[] = [];
    const bookingsApi = (url: URL) => url.pathname === '/api/v1/coach/bookings';
    await page.route(bookingsApi, (route) => {
      polled.push(route.request().url());
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Try again shortly.', requestId: 'e2e' } }),
      });
    });
    await page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: 'Week' }).click();
    await page.waitForURL(/view=week/);
    // The week shown is tomorrow's (the booking's); "Next week" is the one after it.
    const shown = localParts(zonedToUtc(tomorrow, '12:00', ZONE), ZONE);
    const nextMonday = addDays(shown.date, 7 - ((shown.weekday + 6) % 7));
    const range = (u: string) => {
      const q = new URL(u, APP_URL).searchParams;
      return `${new Date(q.get('from') ?? '').toISOString()}/${new Date(q.get('to') ?? '').toISOString()}`;
    };
    const expected = `${zonedToUtc(nextMonday, '00:00', ZONE).toISOString()}/${zonedToUtc(addDays(nextMonday, 7), '00:00', ZONE).toISOString()}`;
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/coach/bookings' && range(r.url()) === expected, {
      timeout: 30_000,
    });
    await page.getByRole('link', { name: 'Next week' }).click();
    await asked;
    await page.getByText(/Couldn’t refresh the calendar/).waitFor();
    assert.ok(polled.every((u) => /from=.*&to=/.test(u)));
    await capture(page, 'coach-calendar-poll-error');
    await page.unroute(bookingsApi);

    await page.goto(clientUrl);
    await page.locator('#packages').getByText('3 of 4 left').waitFor();
    await page.locator('#bookings').getByText('Completed').waitFor();
    // The SMS thread holds the confirmation, the client's "y" and the follow-up after completion.
    const thread = page.locator('#messages .sms-thread');
    await thread.locator('.sms-inbound', { hasText: 'y' }).waitFor();
    await thread.locator('.sms-outbound', { hasText: 'Reply Y to confirm' }).waitFor();
    await thread.locator('.sms-outbound', { hasText: 'Thanks for today' }).waitFor();
  });

  it('client page: a failing packages endpoint shows Retry while the other sections render, and Retry recovers', async () => {
    assert.ok(clientUrl, 'needs the client from the first test');
    // Loading: each section shows its own skeleton until its answer arrives.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/coach/clients/*/packages', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(clientUrl);
    await page.locator('#packages .coach-skeleton').waitFor();
    await page.locator('#profile').getByText('+13035550199').waitFor();
    await capture(page, 'coach-client-loading');
    release();
    await page.locator('#packages').getByText('3 of 4 left').waitFor();
    await page.unroute('**/api/v1/coach/clients/*/packages');

    let failing = true;
    await page.route('**/api/v1/coach/clients/*/packages', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.', requestId: 'e2e' },
            }),
          })
        : route.continue(),
    );
    await page.goto(clientUrl);
    const packages = page.locator('#packages');
    await packages.getByRole('button', { name: 'Retry' }).waitFor();
    assert.match(await packages.innerText(), /could not be loaded/);
    await page.locator('#profile').getByText('+13035550199').waitFor();
    await page.locator('#bookings').getByText('Completed').waitFor();
    await page.locator('#messages .coach-section-body:not([aria-busy])').waitFor();
    await capture(page, 'coach-client-error');

    failing = false;
    await packages.getByRole('button', { name: 'Retry' }).click();
    await packages.getByText('3 of 4 left').waitFor();
    assert.equal(await packages.getByRole('button', { name: 'Retry' }).count(), 0);
    await page.unroute('**/api/v1/coach/clients/*/packages');

    // "Use 1 session" deducts once per click intent.
    await packages.getByRole('button', { name: 'Use 1 session' }).click();
    await packages.getByText('1 session used — 2 left.').waitFor();
    await packages.getByText('2 of 4 left').waitFor();
    await capture(page, 'coach-client');
  });
});
