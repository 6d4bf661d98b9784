// The coach console in a browser: a new coach sets up an org, adds a client (a bad phone number is
// refused beside the field), defines a package type, gives the client a package, books a session in
// the calendar (a clash is refused plainly), completes it and sees one session fewer; then the client
// page with its packages endpoint failing shows Retry while the other sections render.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { addLocalDays, localParts, zonedToUtc } from '../worker/lib/zoned-time.ts';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, screenshot, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const WIDTHS = [1280, 360];

async function promoteToCoach(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query("update users set role = 'coach', auth_version = auth_version + 1 where lower(email) = lower($1)", [email]);
  } finally {
    await client.end();
  }
}

/** What the SMS "Y" reply does to a booking, done straight in the database: the page must notice on its own. */
async function confirmBookingsOf(coachEmail: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(
      `update bookings set status = 'confirmed', confirmed_at = now()
       where status = 'scheduled' and org_id = (select m.org_id from org_members m join users u on u.id = m.user_id where lower(u.email) = lower($1))`,
      [coachEmail],
    );
  } finally {
    await client.end();
  }
}

/** Screenshots at each width, checking nothing scrolls sideways; ends back at 1280 px. */
async function capture(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `${name} overflows at ${width} px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
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
    await signUp(page, { email, password: PASSWORD, displayName: 'Casey Coach' }, await createInvite());
    await promoteToCoach(email);

    await page.goto(`${APP_URL}/coach`);
    await page.getByRole('heading', { name: 'Set up your coaching business' }).waitFor();
    await capture(page, 'coach-setup');
    await page.fill('#field-name', 'Front Range Endurance');
    await page.selectOption('#field-timeZone', 'America/Denver');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('#tasks .coach-section-body:not([aria-busy])').waitFor();
    await capture(page, 'coach-overview-empty');

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

    // Book today (org-local) in the day view; the same slot again is refused as a clash.
    await page.goto(`${APP_URL}/coach/calendar?view=day`);
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

    // A confirmation arriving (the client's SMS "Y") shows within one 15 s poll, without a reload.
    const started = Date.now();
    await confirmBookingsOf(email);
    await page.locator('.cal-booking-confirmed', { hasText: 'Robin Runner' }).waitFor({ timeout: 17_000 });
    assert.ok(Date.now() - started < 17_000);

    await booking.click();
    await page.locator('.cal-panel').getByRole('button', { name: 'Complete' }).click();
    await page.getByText('Completed: 1 session used — 3 left.').waitFor();
    await page.locator('.cal-booking-completed', { hasText: 'Robin Runner' }).waitFor();
    await capture(page, 'coach-calendar-day');

    for (const view of ['week', 'month']) {
      await page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: view === 'week' ? 'Week' : 'Month' }).click();
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
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Try again shortly.', requestId: 'e2e' } }) });
    });
    await page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: 'Week' }).click();
    await page.waitForURL(/view=week/);
    const now = localParts(new Date(), 'America/Denver');
    const nextMonday = addLocalDays(now.date, 7 - ((now.weekday + 6) % 7));
    const range = (u: string) => {
      const q = new URL(u, APP_URL).searchParams;
      return `${new Date(q.get('from') ?? '').toISOString()}/${new Date(q.get('to') ?? '').toISOString()}`;
    };
    const expected = `${zonedToUtc(nextMonday, '00:00', 'America/Denver').toISOString()}/${zonedToUtc(addLocalDays(nextMonday, 7), '00:00', 'America/Denver').toISOString()}`;
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/coach/bookings' && range(r.url()) === expected, { timeout: 5000 });
    await page.getByRole('link', { name: 'Next week' }).click();
    await asked;
    await page.getByText(/Couldn’t refresh the calendar/).waitFor();
    assert.ok(polled.every((u) => /from=.*&to=/.test(u)));
    await capture(page, 'coach-calendar-poll-error');
    await page.unroute(bookingsApi);

    await page.goto(clientUrl);
    await page.locator('#packages').getByText('3 of 4 left').waitFor();
    await page.locator('#bookings').getByText('Completed').waitFor();
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
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.', requestId: 'e2e' } }) })
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
