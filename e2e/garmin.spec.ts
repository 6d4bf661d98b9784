import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  APP_URL,
  backfilled,
  capture,
  createInvite,
  horizontalOverflow,
  launchBrowser,
  SANDBOX_URL,
  createAccount,
  uniqueEmail,
  waitForApi,
  waitForDoor,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const garmin = async (path: string, body?: unknown) => {
  const res = await fetch(`${SANDBOX_URL}/garmin/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `garmin sandbox ${path}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
};

describe('the Garmin Connect door in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('Data sources → Garmin’s consent → the last 30 days arrive → a new session arrives without an upload → disconnect', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: uniqueEmail('garmin'), password: PASSWORD, displayName: 'Gita Garmin' }, await createInvite());
    await page.goto(`${APP_URL}/settings/data#garmin`);
    await page.locator('#garmin').getByText('Not connected').waitFor();
    await capture(page, 'data-sources-garmin-connect');

    // Garmin's consent page (the sandbox's), as the athlete sees it: sign in as a user of our own, agree.
    const user = 3000 + Math.floor(Math.random() * 900_000);
    await page.getByRole('link', { name: 'Connect to Garmin Connect' }).click();
    await page.getByLabel('Sign in as user').fill(String(user));
    await page.getByRole('button', { name: 'Agree' }).click();
    await page.waitForURL(/\/settings\/data\?connected=garmin/);
    await page.getByText('Garmin Connect is connected.', { exact: false }).waitFor();

    // The backfill on connect: Garmin pings, the files are fetched and imported; the page polls while they arrive.
    // Garmin answers the backfill request at once and pings later: "Up to date" can show before the first ping,
    // so wait for what the pings bring (the count), through the API the card is drawn from; then load it once.
    await waitForDoor(page, 'garmin', backfilled, 'Garmin’s backfill');
    await page.reload();
    const card = page.locator('#garmin');
    await card.getByText('Up to date').waitFor();
    const received = await card.locator('dt:text("Received") + dd').innerText();
    assert.ok(Number(received.match(/\d+/)?.[0] ?? '0') > 0, `the backfill brought activities: ${received}`);
    await capture(page, 'data-sources-garmin-connected');

    // A session recorded now reaches Cadence without an upload, attributed to Garmin.
    await garmin(`users/${user}/activities`, { sport: 'Run', name: 'Lunchtime intervals', distance: 9000 });
    const listed = (l: { activities: { name: string }[] }) => l.activities.some((a) => a.name === 'Lunchtime intervals');
    await waitForApi(page, '/api/v1/activities', listed, 'the new Garmin session in the activity list');
    await page.goto(`${APP_URL}/activities`);
    const row = page.locator('table.activity-table tbody tr', { hasText: 'Lunchtime intervals' });
    await row.waitFor();
    // Garmin's attribution names the device its notification named (brand guidelines: "Garmin [device model]").
    assert.equal(await row.locator('.activity-source').innerText(), 'Garmin Forerunner 965');
    await page.setViewportSize({ width: 360, height: 800 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `activities overflow at 360 px: ${scrollWidth} > ${clientWidth}`);
    await capture(page, 'activities-garmin');
    await row.locator('a.activity-link').click();
    await page.getByRole('heading', { name: 'Lunchtime intervals' }).waitFor();
    await capture(page, 'activity-garmin');

    // Disconnect ends the registration at Garmin; the activities stay (the athlete's own files).
    await page.goto(`${APP_URL}/settings/data#garmin`);
    await page.locator('#garmin').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Garmin Connect disconnected.', { exact: false }).waitFor();
    const state = (await garmin('state')) as { deregistrations: { by: string }[] };
    assert.ok(state.deregistrations.some((d) => d.by === 'partner'));
    await page.goto(`${APP_URL}/activities`);
    await page.getByText('Lunchtime intervals').waitFor();
    await page.close();
  });
});
