// Steps the specs of Home's training cards share: a browser per spec, and connecting Strava from Data sources as
// an athlete whose history ends today (set in that athlete's sandbox world) until the history is imported.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, launchBrowser, SANDBOX_URL, waitForApi } from './fixtures.ts';

/** A Strava athlete of this spec's own whose history of `activities` ends today (their world only: other files keep theirs). */
async function athleteWithHistoryToday(activities: number): Promise<number> {
  const id = 2_000_000 + Math.floor(Math.random() * 7_000_000);
  const res = await fetch(`${SANDBOX_URL}/strava/_control/athletes/${id}/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      activitiesPerAthlete: activities,
      historyEnd: new Date(new Date().setUTCHours(24, 0, 0, 0)).toISOString(),
    }),
  });
  assert.equal(res.status, 200, await res.text());
  return id;
}

/** Called in a describe: a browser for its tests, closed after them. Answers the browser. */
export function browserForSpec(): () => Browser {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * Connects Strava from Data sources as a new athlete with `activities` ending today, through the sandbox's consent
 * page, waits for the import, then opens Home.
 */
export async function connectStravaAndImport(page: Page, activities: number): Promise<void> {
  const athleteId = await athleteWithHistoryToday(activities);
  await page.goto(`${APP_URL}/settings/data`);
  await page
    .getByRole('link', { name: /connect with strava/i })
    .first()
    .click();
  await page.getByLabel('Sign in as athlete id').fill(String(athleteId));
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL(/\/home/);
  // The import is waited for through the API with the page away from Home, whose dashboard re-reads itself every few
  // seconds while an import runs (a whole server render and chart redraw each time); then Home is opened once.
  await page.goto('about:blank');
  await waitForApi<{ states: { source: string; status: string }[]; activityCount: number }>(
    page,
    '/api/v1/ingestion',
    (s) => s.activityCount > 0 && s.states.some((x) => x.source === 'strava' && x.status === 'done'),
    `Strava's import of ${activities} activities`,
  );
  await page.goto(`${APP_URL}/home`);
  await page.getByText(/activities imported/).waitFor();
}
