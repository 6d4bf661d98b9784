// Race day, as a new athlete with a half marathon on their plan (issue 56): two runs recorded as bests, the plan's
// goal race predicted as a range with its receipts, a hilly course uploaded and paced at even effort (slower up the
// climbs), the race card downloaded as a PDF and kept on the phone, opened again without signal; then a race run
// today, marked as the result and set against the plan; and the goal race's next prediction shows how far off the
// last one was. Only the browser can show the service worker's offline card and the forms working end to end;
// the formulas are the unit suite's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APP_URL, capture, createAccount, createInvite, interactive, launchBrowser, uniqueEmail, withDatabase } from './fixtures.ts';
import { gpxCourse, gpxRun, hillyElevation } from './race-steps.ts';
import { upload } from './ride-steps.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY_S = 86_400;

/** The date `n` days from the runner's today (the browser's and the account's zone: the e2e stack's). */
const plusDays = (n: number) => new Date(Date.now() + n * DAY_S * 1000).toLocaleDateString('sv-SE');

async function giveElite(email: string): Promise<void> {
  await withDatabase(async (client) => {
    const { rowCount } = await client.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'elite', now() + interval '30 days', 'e2e' from users where lower(email) = lower($1)`,
      [email],
    );
    assert.equal(rowCount, 1);
  });
}

describe('race day', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let goalId = '';

  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
    page = await context.newPage();
    const email = uniqueEmail('race');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Rhea Racer' }, await createInvite());
    await giveElite(email);
    // Two recent bests a prediction can fit an exponent to: a 5 km in 21:00 and a 10 km in 44:00.
    await upload(page, gpxRun('Parkrun', { distanceM: 5000, seconds: 1260, endsAgoS: 50 * DAY_S }), 1);
    await upload(page, gpxRun('Club 10K', { distanceM: 10000, seconds: 2640, endsAgoS: 25 * DAY_S }), 2);
    const made = await page.request.post(`${APP_URL}/api/v1/plans`, {
      headers: { origin: APP_URL },
      data: {
        goal: { kind: 'run_half', eventDate: plusDays(42), eventName: 'Lake Half' },
        startDate: plusDays(0),
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
      },
    });
    assert.equal(made.status(), 201, await made.text());
    goalId = ((await made.json()) as { id: string }).id;
  });
  after(async () => {
    await browser?.close();
  });

  it('predicts the plan’s half as a range with its receipts, and paces a hilly course at even effort', async () => {
    await page.goto(`${APP_URL}/races`);
    await page
      .locator(`#race-${goalId}`)
      .getByText(/\d:\d\d:\d\d – \d:\d\d:\d\d, most likely \d:\d\d:\d\d/)
      .waitFor();
    // The race's own page shows how the range was worked out in full.
    await page.goto(`${APP_URL}/races/${goalId}`);
    const card = page.locator(`#race-${goalId}`);
    // Each best is a receipt linked to its activity (under every method that used it).
    await card.getByRole('link', { name: 'Parkrun' }).first().waitFor();
    await card.getByRole('link', { name: 'Club 10K' }).first().waitFor();
    await card.getByText(/Exponent 1\.\d{3} \(fitted to your bests\)/).waitFor();

    await page.goto(`${APP_URL}/races/${goalId}/pacing`);
    await page.setInputFiles('#course-file', gpxCourse('Lake Half course', 21_098, hillyElevation));
    await page.getByRole('button', { name: 'Upload course' }).click();
    await page.getByText(/Lake Half course: 21\.1 km, \d+ m up/).waitFor();
    const rows = page.locator('#pacing-splits tbody tr');
    assert.equal(await rows.count(), 22, '21 km and the last 0.1');
    // The course climbs 35 m over its first 2.6 km and drops back by 5.3 km: the climb's km is paced slower.
    const pace = async (km: number) => {
      const [m, s] = (
        await rows
          .nth(km - 1)
          .locator('td')
          .first()
          .innerText()
      )
        .split(/[:\s]/)
        .map(Number);
      return m! * 60 + s!;
    };
    assert.ok((await pace(2)) > (await pace(4)), 'the climbing km is slower than the descending one');
    await capture(page, 'race-pacing');
  });

  it('downloads the race card as a PDF, keeps it on the phone and opens it without signal', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${APP_URL}/races/${goalId}/card`);
    await page.getByRole('heading', { name: 'Fuelling checkpoints' }).waitFor();
    const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${APP_URL}${href}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    // The worker's install precaches the app (~1.8 MB): on a loaded machine that alone takes a while.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 90_000 });
    await interactive(page);
    await page.getByRole('button', { name: 'Keep on this phone' }).click();
    await page
      .getByText(/Saved on this phone .*: it opens without signal\./)
      .waitFor({ timeout: 30_000 })
      .catch(async (err) => {
        throw new Error(`${err}; the status said: ${await page.locator('.race-card-keep-status').innerText()}`);
      });

    await context.setOffline(true);
    try {
      await page.goto(`${APP_URL}/races/${goalId}/card`);
      await page.locator('#race-card-title').getByText('Lake Half').waitFor();
      await page.getByRole('heading', { name: 'Race morning' }).waitFor();
      await capture(page, 'race-card-offline', [360]);
    } finally {
      await context.setOffline(false);
    }
  });

  it('sets a race run today against its plan, and the next prediction shows the last one’s error', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${APP_URL}/races`);
    await page.getByLabel('Name').fill('Club Half');
    await page.getByLabel('Distance', { exact: true }).selectOption('21098');
    await page.getByLabel('Date').fill(plusDays(0));
    await page.getByRole('button', { name: 'Add race' }).click();
    const club = page.locator('li', { has: page.getByText(/^Club Half · /) });
    await club.getByText(/most likely/).waitFor();
    const clubId = (await club.getByRole('link', { name: /Open the race/ }).getAttribute('href'))!.split('/').pop()!;
    // The athlete looked at this prediction three days ago (the suite cannot wait for days to pass).
    await withDatabase((c) => c.query(`update race_predictions set made_at = made_at - interval '3 days' where race_id = $1`, [clubId]));

    // The race: out at the plan's pace, fading after halfway, finished a few minutes ago.
    const fade = (x: number) => (x < 0.5 ? 1 : 1 - 0.12 * (x - 0.5));
    await upload(page, gpxRun('Club Half race', { distanceM: 21_098, seconds: 6_000, endsAgoS: 300, pace: fade }), 3);
    await page.goto(`${APP_URL}/races/${clubId}/result`);
    await page.getByLabel(/Club Half race/).check();
    await page.getByLabel('Carbohydrate taken (g)').fill('60');
    await page.getByRole('button', { name: 'Mark result' }).click();
    await page.locator('#result-splits tbody tr').nth(20).waitFor();
    await page
      .locator('#result-discipline')
      .getByText(/second half/i)
      .first()
      .waitFor();
    await page.locator('#result-error').getByText('Finish (the activity’s elapsed time): 1:40:00.').waitFor();
    await capture(page, 'race-result');

    await page.goto(`${APP_URL}/races/${goalId}`);
    await page.getByText(/^Last time at 21\.1 km: predicted \d:\d\d:\d\d.*ran 1:40:00/).waitFor();
  });
});
