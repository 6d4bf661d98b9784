// Steps the specs of Home's training cards share: a Strava sandbox history ending today for the file's athletes,
// and connecting Strava from Data sources until the history is imported.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, launchBrowser, SANDBOX_URL } from './fixtures.ts';

async function sandboxConfig(body: object): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/strava/_control/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

/**
 * Called in a describe: before its tests, a browser and Strava histories of `activitiesPerAthlete` ending today;
 * after them, the sandbox's default history back and the browser closed. Answers the browser.
 */
export function browserWithHistoryToday(activitiesPerAthlete: number): () => Browser {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    await sandboxConfig({ activitiesPerAthlete, historyEnd: new Date(new Date().setUTCHours(24, 0, 0, 0)).toISOString() });
  });
  after(async () => {
    await sandboxConfig({ activitiesPerAthlete: 15, historyEnd: '2026-11-01T00:00:00.000Z' });
    await browser?.close();
  });
  return () => browser;
}

/** Connects Strava from Data sources through the sandbox's consent page, waits for the import, then opens Home. */
export async function connectStravaAndImport(page: Page): Promise<void> {
  await page.goto(`${APP_URL}/settings/data`);
  await page
    .getByRole('link', { name: /connect with strava/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL(/\/home/);
  await page.getByText(/activities imported/).waitFor({ timeout: 120_000 });
  await page.goto(`${APP_URL}/home`);
}
