// Courses (issue 57, ADR 101) in the browser at 1280 and 360 px: a GPX course imported by form, its elevation profile
// and route drawn, sent to Garmin through the sandbox's Courses API and shown as sent — and held there (read through
// the sandbox's control API). The rules and each refusal are the unit suite's (maps/courses/*.test.ts).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createAccount, createInvite, launchBrowser, SANDBOX_URL, uniqueEmail } from './fixtures.ts';

// mapbox/togeojson's test/data/run.gpx (BSD-2-Clause): a Garmin Connect export of a 3.1 km run.
const GPX = join(import.meta.dirname, '../worker/features/ingest/files/corpus/real/run.gpx');

async function importAndSend(page: Page, name: string) {
  await page.goto(`${APP_URL}/courses`);
  await page.getByRole('heading', { name: 'Import a GPX course' }).waitFor();
  await page.getByLabel('GPX file').setInputFiles(GPX);
  await page.getByLabel('Name').fill(name);
  await Promise.all([page.waitForURL(/\/courses\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Import course' }).click()]);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  // The profile, named for screen readers by its length and climb, and the route drawn.
  assert.match((await page.locator('svg.course-profile').getAttribute('aria-label')) ?? '', /^Elevation profile: 3\.1 km/);
  await page.getByTestId('course-map').waitFor();
  await page.getByRole('button', { name: 'Send to Garmin' }).click();
  await page.getByText('Sent to Garmin: it syncs to your device').waitFor();
  await page.locator('#course-garmin .badge', { hasText: 'Sent to Garmin' }).waitFor();
}

describe('courses in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('imports a GPX course, shows its profile, sends it to Garmin and says sent, at 1280 and 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(
      page,
      { email: uniqueEmail('courses'), password: 'a long e2e passphrase', displayName: 'Cora Course' },
      await createInvite(),
    );
    await page.goto(`${APP_URL}/courses`);
    await page.getByRole('heading', { name: 'No courses yet' }).waitFor();

    // Garmin connected through the sandbox's consent page (Courses ticked, as Garmin's page has it).
    const user = 3000 + Math.floor(Math.random() * 900_000);
    await page.goto(`${APP_URL}/settings/data#garmin`);
    await page.getByRole('link', { name: 'Connect to Garmin Connect' }).click();
    await page.getByLabel('Sign in as user').fill(String(user));
    await page.getByRole('button', { name: 'Agree' }).click();
    await page.waitForURL(/\/settings\/data\?connected=garmin/);

    // Imported and sent on a phone's width; the page then checked at 360 and 1280 px (no sideways scroll).
    await page.setViewportSize({ width: 360, height: 800 });
    await importAndSend(page, 'Rock Creek');
    await capture(page, 'course-sent');
    await page.goto(`${APP_URL}/courses`);
    await page.locator('#courses-list tr', { hasText: 'Rock Creek' }).getByText('Sent to Garmin').waitFor();

    const res = await fetch(`${SANDBOX_URL}/garmin/_control/users/${user}/courses`);
    const held = ((await res.json()) as { courses: { courseName: string; activityType: string; geoPoints: unknown[] }[] }).courses;
    assert.deepEqual(
      held.map((c) => [c.courseName, c.activityType]),
      [['Rock Creek', 'RUNNING']],
    );
    assert.ok(held[0]!.geoPoints.length >= 159, 'every stored point reached Garmin');
    await page.close();
  });
});
