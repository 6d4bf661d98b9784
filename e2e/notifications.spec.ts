// The in-app inbox in a browser: the bell's count rises without a reload (its poll), the center groups
// several notifications of one type on one day into one row, and marking read lowers the bell. Plus
// screenshots of the center (empty, loading, error, grouped), the settings page and the bell at 360 px.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  garminExportZip,
  giveOrgTeam,
  launchBrowser,
  SCREENSHOTS,
  setRole,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  db.on('error', () => {});
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
// The bell polls every 30 s while the page shows (useUnreadCount's POLL_MS). The pages here run on
// Playwright's clock: instead of waiting out an interval, a test moves the page's time to its next poll.
const POLL_MS = 30_000;
const BELL_WAIT_MS = 75_000;

const bell = (page: Page) => page.locator('header a.bell');
const bellName = (page: Page) => bell(page).getAttribute('aria-label');

/**
 * Waits until the bell's accessible name passes `test`, on a page that is never reloaded meanwhile. While it
 * does not, the page's clock jumps to the bell's next poll (the poll itself is real: a fetch of the count).
 */
async function untilBell(page: Page, test: (name: string) => boolean, what: string, timeout = BELL_WAIT_MS): Promise<void> {
  for (const end = Date.now() + timeout; ; ) {
    const name = (await bellName(page)) ?? '';
    if (test(name)) return;
    if (Date.now() > end) throw new Error(`the bell still reads "${name}", not ${what}`);
    await page.clock.fastForward(POLL_MS);
    await page
      .waitForFunction((before) => document.querySelector('header a.bell')?.getAttribute('aria-label') !== before, name, {
        timeout: 2_000,
        polling: 100,
      })
      .catch(() => {});
  }
}

const waitForBell = (page: Page, name: string, timeout = BELL_WAIT_MS) => untilBell(page, (n) => n === name, `"${name}"`, timeout);

/** A marker that a reload would wipe: proves the count changed in place. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { __notReloaded: true }));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);

/** A coach with an org on Team and three clients who all give the athlete's email. */
async function coachAsking(browser: Browser, athleteEmail: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const email = uniqueEmail('bellcoach');
  await signUp(page, { email, password: PASSWORD, displayName: 'Cora Coach' }, await createInvite());
  await setRole(email, 'coach');
  const post = (path: string, data: unknown) => page.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
  assert.equal((await post('/org', { name: 'Riverside Running', timeZone: 'Europe/Madrid' })).status(), 201);
  await giveOrgTeam(email);
  const clients: string[] = [];
  for (const name of ['Lena One', 'Lena Two', 'Lena Three']) {
    const res = await post('/clients', { name, email: athleteEmail });
    assert.equal(res.status(), 201);
    clients.push(((await res.json()) as { id: string }).id);
  }
  const ask = async (i: number) => assert.equal((await post(`/clients/${clients[i]}/athlete-link`, { email: athleteEmail })).status(), 201);
  return { page, ask };
}

describe('notifications in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('the bell rises without a reload, the center groups, and reading lowers the bell', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await athlete.clock.install();
    const email = uniqueEmail('bell');
    await signUp(athlete, { email, password: PASSWORD, displayName: 'Lena Linked' }, await createInvite());
    assert.equal(await bellName(athlete), 'Notifications');

    await athlete.goto(`${APP_URL}/notifications`);
    await athlete.getByText("You're all caught up").waitFor();
    await capture(athlete, 'notifications-empty');
    await athlete.goto(`${APP_URL}/home`);
    await markPage(athlete);

    // A coach asks to see the athlete's training (a coach.link_request): the open page's bell shows it.
    const coach = await coachAsking(browser, email);
    await coach.ask(0);
    await waitForBell(athlete, 'Notifications, 1 unread');
    assert.ok(await stillSamePage(athlete), 'the page was reloaded');
    assert.equal(await bell(athlete).locator('.bell-badge').textContent(), '1');
    await athlete.setViewportSize({ width: 360, height: 800 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await athlete.locator('header').screenshot({ path: join(SCREENSHOTS, 'bell-header-360.png') });
    await athlete.setViewportSize({ width: 1280, height: 900 });

    await coach.ask(1);
    await coach.ask(2);
    await waitForBell(athlete, 'Notifications, 3 unread');
    assert.ok(await stillSamePage(athlete));

    // Three of one type on one day: one row, "3 coach requests", its three inside.
    await bell(athlete).click();
    await athlete.waitForURL(`${APP_URL}/notifications`);
    const rows = athlete.locator('.inbox-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().locator('.inbox-title').first().textContent()) ?? '', /3 coach requests/);
    await rows.first().getByText('Show all 3').click();
    const items = rows.first().locator('.inbox-item');
    assert.equal(await items.count(), 3);
    assert.equal(await items.locator('.inbox-link', { hasText: 'Riverside Running asked to see your training' }).count(), 3);
    await capture(athlete, 'notifications-grouped');

    // Mark one read: optimistic at once, and the bell follows without a reload.
    await markPage(athlete);
    await items.first().getByRole('button', { name: 'Mark read' }).click();
    await waitForBell(athlete, 'Notifications, 2 unread', 10_000);
    assert.equal(await items.locator('.inbox-dot').count(), 2);

    // Mark all read: the bell empties; "unread only" is all caught up.
    await athlete.getByRole('button', { name: 'Mark all read' }).click();
    await waitForBell(athlete, 'Notifications', 10_000);
    assert.ok(await stillSamePage(athlete));
    const readToggle = athlete.locator('.segmented');
    const chips = athlete.locator('.inbox-chips');
    await readToggle.getByRole('link', { name: 'Unread only' }).click();
    await athlete.getByText("You're all caught up").waitFor();

    // Delete one: gone from the center for good.
    await readToggle.getByRole('link', { name: 'All', exact: true }).click();
    await athlete.waitForURL(`${APP_URL}/notifications`);
    await athlete.getByText('Show all 3').click();
    await athlete
      .locator('.inbox-item')
      .first()
      .getByRole('button', { name: /^Delete/ })
      .click();
    await athlete.getByText('Deleted.').waitFor();
    await athlete.reload();
    await athlete.locator('.inbox-link', { hasText: '2 coach requests' }).waitFor();

    // Loading (a filter on its way) and error (the page's data fails) states.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const pageData = /\/notifications\.data/;
    await athlete.route(pageData, async (route) => {
      await held;
      await route.continue();
    });
    await chips.getByRole('link', { name: 'Coach', exact: true }).click();
    await athlete.getByText('Loading notifications…').waitFor();
    await capture(athlete, 'notifications-loading');
    release();
    await athlete.waitForURL(/category=coach/);
    // A row the server cannot read (a timestamp of "infinity") makes this athlete's list fail for real:
    // the center's own error state, with the shell and its bell still there.
    await athlete.unroute(pageData);
    await withDb((db) =>
      db.query(
        `insert into notifications (user_id, dedupe_key, kind, category, title, created_at)
         select id, 'e2e-broken-' || gen_random_uuid(), 'plan.created', 'plan', 'Broken', 'infinity' from users where lower(email) = lower($1)`,
        [email],
      ),
    );
    await chips.getByRole('link', { name: 'Plan', exact: true }).click();
    await athlete.getByText("We couldn't load your notifications").waitFor();
    assert.equal(await bell(athlete).count(), 1);
    await capture(athlete, 'notifications-error');
    await withDb((db) => db.query(`delete from notifications where dedupe_key like 'e2e-broken-%'`));

    await athlete.goto(`${APP_URL}/settings/notifications`);
    await athlete.getByText('Billing and security email is always sent, even during do-not-disturb.').first().waitFor();
    await capture(athlete, 'notification-settings');
    await athlete.getByLabel('Different per day').check();
    await capture(athlete, 'notification-settings-per-day');
    await coach.page.close();
    await athlete.close();
  });

  it('the bell rises after an import, without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const home = await context.newPage();
    await home.clock.install();
    await signUp(home, { email: uniqueEmail('bellimport'), password: PASSWORD, displayName: 'Uma Upload' }, await createInvite());
    assert.equal(await bellName(home), 'Notifications');
    await markPage(home);

    // The upload happens in a second tab of the same session; the first one is never reloaded.
    const data = await context.newPage();
    await data.goto(`${APP_URL}/settings/data`);
    await data.setInputFiles('input[type="file"]', garminExportZip());
    await data.locator('form.upload-form button[type="submit"]').click();
    await data.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await data.close();

    await home.bringToFront();
    await untilBell(home, (n) => /^Notifications, \d+ unread$/.test(n), 'a count');
    assert.ok(await stillSamePage(home), 'the page was reloaded');
    await home.goto(`${APP_URL}/notifications`);
    await home
      .getByText(/new activit(y|ies) analysed|analysis updates?/)
      .first()
      .waitFor();
    await home.close();
  });
});
