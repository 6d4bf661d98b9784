// The data policy on the pages (ADR 036): each activity page says where the activity came from and what it is
// used for (Garmin's attribution too); in the strict mode Home says how many Strava activities its figures
// leave out. The mode is a global switch: this spec puts it back as it found it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, launchBrowser, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

async function sql(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** One activity of a source, straight in the database (what the Strava and Garmin doors would have written). */
async function activity(
  email: string,
  source: string,
  name: string,
  daysAgo: number,
  extras: Record<string, unknown> = {},
): Promise<string> {
  const { rows } = await sql(
    `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date, timezone,
                             moving_time_s, elapsed_time_s, distance_m, avg_hr, content_hash, extras, detail_complete)
     select id, $2, $3, 'run', 'Run', $4, now() - ($5 || ' days')::interval, (now() - ($5 || ' days')::interval)::date, 'UTC',
            2900, 3000, 10000, 148, $3, $6::jsonb, false
       from users where lower(email) = lower($1) returning id`,
    [email, source, `${source}-${crypto.randomUUID()}`, name, String(daysAgo), JSON.stringify(extras)],
  );
  return rows[0]!.id as string;
}

describe('the data policy on the pages', () => {
  let browser: Browser;
  let before_: unknown;
  before(async () => {
    browser = await launchBrowser();
    before_ = (await sql(`select value from system_flags where key = 'strava_data_policy'`)).rows[0]?.value ?? null;
  });
  after(async () => {
    await sql(`delete from system_flags where key = 'strava_data_policy'`);
    if (before_ !== null)
      await sql(`insert into system_flags (key, value) values ('strava_data_policy', $1::jsonb)`, [JSON.stringify(before_)]);
    await browser?.close();
  });

  it('an activity page says its source and its uses; Garmin’s carries the attribution; strict Home counts what it leaves out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = uniqueEmail('policy');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Pia Policy' }, await createInvite());
    const strava = await activity(email, 'strava', 'Lunch Run from Strava', 2);
    const garmin = await activity(email, 'garmin_api', 'Morning Run from my watch', 3, { device: 'Forerunner 965' });

    await page.goto(`${APP_URL}/activities/${strava}`);
    const line = page.locator('.source-line');
    await line.waitFor();
    const text = await line.innerText();
    assert.match(text, /From Strava: visible only to you, not used by the AI coach\./);
    assert.match(text, /Upload the original or your Strava archive to use it everywhere\./);
    assert.equal(await line.getByRole('link').getAttribute('href'), '/settings/data#files');
    await capture(page, 'policy-activity-strava');

    await page.goto(`${APP_URL}/activities/${garmin}`);
    await page.locator('.source-line').waitFor();
    assert.equal(await page.locator('.source-attribution').innerText(), 'Garmin Forerunner 965');
    assert.match(await page.locator('.source-uses').innerText(), /used by the AI coach/);
    assert.equal(await page.locator('.source-line').getByRole('link').count(), 0);
    await capture(page, 'policy-activity-garmin');

    // Strict mode: the Strava activity is still the athlete's to see, and Home says it is not counted.
    await sql(
      `insert into system_flags (key, value) values ('strava_data_policy', '"strict"') on conflict (key) do update set value = excluded.value`,
    );
    await page.goto(`${APP_URL}/activities/${strava}`);
    assert.match(await page.locator('.source-uses').innerText(), /not counted in your analytics, calendar or plan/);
    await capture(page, 'policy-activity-strava-strict');
    await page.goto(`${APP_URL}/home`);
    const notice = page.locator('.policy-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /1 Strava activity is not counted in these figures/);
    await capture(page, 'policy-home-strict');
    await context.close();
  });
});
