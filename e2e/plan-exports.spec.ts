import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** Pro for a month (an operator's comp), straight in the database. */
async function givePro(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'pro', now() + interval '30 days', 'e2e' from users where lower(email) = lower($1)`,
      [email],
    );
  } finally {
    await client.end();
  }
}

/** A 10K plan through the API, as the signed-in page (same session, our Origin). */
async function makePlan(page: Page): Promise<void> {
  const eventDate = new Date(Date.now() + 56 * 86_400_000).toISOString().slice(0, 10);
  const res = await page.request.post(`${APP_URL}/api/v1/plans`, {
    headers: { origin: APP_URL },
    data: { goal: { kind: 'run_10k', eventDate, eventName: 'Riverside 10K' }, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 5 },
  });
  assert.equal(res.status(), 201, await res.text());
}

describe('calendar feed on Settings → Training', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('Free: the upgrade prompt; Pro: create a link (shown once), subscribe, turn off with a confirmation; a failed load offers Retry', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('feed');
    await signUp(page, { email, password: PASSWORD, displayName: 'Fay Feed' }, await createInvite());
    const card = page.locator('#calendar-feed');

    await page.goto(`${APP_URL}/settings/training`);
    await card.getByText('The calendar feed is part of Pro').waitFor();
    assert.equal(await card.getByRole('button', { name: 'Create link' }).count(), 0);
    await capture(page, 'calendar-feed-free');

    await givePro(email);
    await makePlan(page);
    await page.reload();
    const create = card.getByRole('button', { name: 'Create link' });
    await create.waitFor();
    await capture(page, 'calendar-feed-pro-off');

    await create.click();
    const link = card.locator('.copy-value code');
    await link.waitFor();
    const url = (await link.textContent())!;
    assert.match(url, /\/api\/v1\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
    await card.getByText('Google Calendar:').waitFor();
    await capture(page, 'calendar-feed-created');

    // A calendar app's fetch: no cookie, the plan's workouts as events.
    const feed = await fetch(url);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.match(await feed.text(), /BEGIN:VEVENT/);

    // Reloaded, the link is not shown again; turning off asks first.
    await page.reload();
    await card.getByText(/^On since/).waitFor();
    assert.equal(await card.locator('.copy-value').count(), 0);
    await card.getByRole('button', { name: 'Turn off' }).click();
    await card.getByText('Turn the calendar feed off?').waitFor();
    await capture(page, 'calendar-feed-confirm-off');
    await card.locator('.alert-warning').getByRole('button', { name: 'Turn off' }).click();
    await card.getByText('Calendar feed turned off.').waitFor();
    await create.waitFor();
    assert.equal((await fetch(url)).status, 404);

    // The status cannot be read: an inline error with Retry, the rest of the page intact.
    await page.route('**/api/v1/plans/feed', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Cadence is busy. Try again in a minute.', requestId: 'e2e' } }),
      }),
    );
    await page.reload();
    await card.getByText('Your calendar feed could not be loaded.').waitFor();
    await card.getByRole('button', { name: 'Retry' }).waitFor();
    await capture(page, 'calendar-feed-error');
    await page.unroute('**/api/v1/plans/feed');
    await card.getByRole('button', { name: 'Retry' }).click();
    await create.waitFor();
    await page.close();
  });
});
