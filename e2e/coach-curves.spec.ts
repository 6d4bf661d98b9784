// The coach's "Power & pace" card on a linked client's page, at 360 and 1280 px: the client's CP and W′ with their
// error and days, and this season's bests at 5 s, 1, 5, 20 and 60 min, each opening the coach's read-only activity
// page — read with the coach's data use, so the client's Strava ride (which holds the better 5 minutes) never counts,
// and the card says Strava's activities are not shown; the athlete's own curve does show it. A client without data
// says "Not enough data yet"; a failed read shows its error and Retry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { activityFit } from '../scripts/sandbox/garmin-fit.ts';
import { makeActivity } from '../scripts/sandbox/strava/generator.ts';
import { APP_URL, capture, createInvite, launchBrowser, setRole, signUp, uniqueEmail, withDatabase } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

/** A one-hour ride with a power meter, recorded today (UTC), as the bike computer's FIT file. */
function powerRideToday() {
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const startMs = Math.max(midnight + 60_000, Date.now() - 2 * 3600_000);
  const a = makeActivity(4242, 1, {
    sport: 'Ride',
    distance: 27_000,
    movingTime: 3600,
    startMs,
    name: 'Hill repeats',
    workout: 'intervals',
  });
  return { name: 'hill-repeats.fit', mimeType: 'application/octet-stream', buffer: Buffer.from(activityFit(a)) };
}

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(`${APP_URL}/settings/data`);
  await page.setInputFiles('input[type="file"]', file);
  await page.locator('form.upload-form button[type="submit"]').click();
  await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
}

/**
 * The same ride as Strava's API would hold it a day earlier, 30 % stronger: stored directly with its curves (the
 * Strava sandbox's sync is data.spec's), so the best 5 minutes of the season is a Strava activity's.
 */
async function seedStravaRide(fitId: string): Promise<string> {
  return withDatabase(async (db) => {
    await db.query('begin');
    await db.query('create temp table strava_copy on commit drop as select * from activities where id = $1', [fitId]);
    await db.query(
      `update strava_copy set id = gen_random_uuid(), source = 'strava', external_id = $1, name = 'Strava KOM attempt',
      start_time = start_time - interval '1 day', local_start_date = local_start_date - 1, duplicate_of = null`,
      [String(Date.now())],
    );
    const id = (await db.query<{ id: string }>('insert into activities select * from strava_copy returning id')).rows[0]!.id;
    await db.query(
      `insert into activity_curves (activity_id, kind, user_id, sport, source, local_date, "values", starts, excluded)
       select $2, kind, user_id, sport, 'strava', local_date - 1,
         array(select v * 1.3 from unnest("values") with ordinality u(v, i) order by i), starts, excluded
       from activity_curves where activity_id = $1`,
      [fitId, id],
    );
    // Its month's row too, for a range that reads the month whole (the last day of a month).
    await db.query(
      `insert into curve_months (user_id, kind, sport, source, month, "values", activity_ids, dates, starts)
       select user_id, kind, sport, 'strava', date_trunc('month', local_date)::date, "values",
         array_fill(activity_id, array[array_length("values", 1)]), array_fill(local_date, array[array_length("values", 1)]), starts
       from activity_curves where activity_id = $1
       on conflict do nothing`,
      [id],
    );
    await db.query('commit');
    return id;
  });
}

async function coachWithClients(browser: Browser, athleteEmail: string, emptyEmail: string) {
  const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const coachEmail = uniqueEmail('curvecoach');
  await signUp(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cal Coach' }, await createInvite());
  await setRole(coachEmail, 'coach');
  const post = (path: string, data: unknown) =>
    coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
  assert.equal((await post('/org', { name: 'Curve Coaching', timeZone: 'Europe/Berlin' })).status(), 201);
  const link = async (name: string, email: string) => {
    const client = await (await post('/clients', { name, email })).json();
    const res = await post(`/clients/${client.id}/athlete-link`, { email });
    assert.equal(res.status(), 201, await res.text());
    return { client, link: (await res.json()).link };
  };
  return { coach, full: await link('Cleo Client', athleteEmail), empty: await link('Nia New', emptyEmail) };
}

describe('the coach’s power & pace card', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('shows CP and the season’s bests from the sources coaches may see, says Strava is left out, and links each best', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('curveathlete');
    await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Cleo Climber' }, await createInvite());
    await upload(athlete, powerRideToday());
    let fit: { id: string } | undefined;
    for (let i = 0; i < 60 && !fit; i++) {
      if (i > 0) await athlete.waitForTimeout(500);
      fit = (await (await athlete.request.get(`${APP_URL}/api/v1/activities`)).json()).activities[0];
    }
    assert.ok(fit, 'the ride came in');
    const strava = await seedStravaRide(fit.id);
    const emptyPage = await browser.newPage();
    const emptyEmail = uniqueEmail('curveempty');
    await signUp(emptyPage, { email: emptyEmail, password: PASSWORD, displayName: 'Nia New' }, await createInvite());

    // The athlete's own season curve: the Strava ride holds the best 5 minutes.
    const own = await (await athlete.request.get(`${APP_URL}/api/v1/analytics/curves?kind=power&sport=ride&range=season`)).json();
    assert.equal(own.curve.points.find((p: { durationS: number }) => p.durationS === 300)?.activityId, strava);

    const { coach, full, empty } = await coachWithClients(browser, athleteEmail, emptyEmail);
    for (const [page, l] of [
      [athlete, full.link],
      [emptyPage, empty.link],
    ] as const) {
      const ok = await page.request.post(`${APP_URL}/api/v1/me/coach-links/${l.id}/accept`, { headers: { origin: APP_URL } });
      assert.equal(ok.status(), 200);
    }

    await coach.goto(`${APP_URL}/coach/clients/${full.client.id}`);
    const card = coach.locator('#power-pace');
    await card.getByRole('heading', { name: 'Rides' }).waitFor({ timeout: 20_000 });
    await card.getByText(/Strava activities are not shown to coaches/).waitFor();
    // The model, with its error and days, or why there is none yet.
    await card
      .locator('.power-pace-model')
      .first()
      .getByText(/CP \d+ W|Not enough data yet for a model/)
      .waitFor();
    const rides = card.locator('section[aria-labelledby="pp-ride"] tbody tr');
    assert.deepEqual(await rides.locator('th').allTextContents(), ['5 s', '1 min', '5 min', '20 min', '60 min']);
    // Every best opens the coach's page of the FIT ride: the Strava ride is never one of them.
    const hrefs = await card.locator('a.power-pace-activity').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 4, `bests linked: ${hrefs.join(', ')}`);
    for (const h of hrefs) assert.equal(h, `/coach/clients/${full.client.id}/activities/${fit.id}`);
    assert.ok(!((await card.textContent()) ?? '').includes('Strava KOM attempt'));
    await capture(coach, 'coach-curves-full');
    await rides.nth(2).getByRole('link').click();
    await coach.waitForURL(`${APP_URL}/coach/clients/${full.client.id}/activities/${fit.id}`);
    await coach.getByText('Cleo Climber’s activity, as they see it. Read-only: only they can change it.').waitFor();

    // A client without activities: not enough data yet.
    await coach.goto(`${APP_URL}/coach/clients/${empty.client.id}`);
    await coach.locator('#power-pace').getByText('Not enough data yet').waitFor({ timeout: 20_000 });
    await capture(coach, 'coach-curves-empty');

    // A read that fails shows its error and Retry, and Retry loads it.
    let fail = true;
    await coach.route('**/api/v1/coach/clients/*/models?sport=run', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Try again shortly.' } }),
          })
        : route.continue(),
    );
    await coach.goto(`${APP_URL}/coach/clients/${full.client.id}`);
    await coach.locator('#power-pace').getByText('Your power and pace figures could not be loaded.').waitFor({ timeout: 20_000 });
    await capture(coach, 'coach-curves-error');
    fail = false;
    await coach.locator('#power-pace').getByRole('button', { name: 'Retry' }).click();
    await coach.locator('#power-pace').getByRole('heading', { name: 'Rides' }).waitFor();
  });
});
