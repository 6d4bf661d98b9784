// Segments in the browser (issue 57): a ride uploaded as a GPX file, its charts zoomed to a stretch, "Make a segment of
// this stretch" filled in, the segment page opened; then the activity page's Segments card shows the effort with its PR
// badge and its link zooms the charts on it. The matcher is another slice's: until it is joined, the effort is written
// to the database as the matcher would write it (the stretch the segment was cut from). At 1280 px and 360 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  APP_URL,
  createAccount,
  createInvite,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  uniqueEmail,
  withDatabase,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

/** A 15-minute ride north at about 7 m/s (its speed wavering as a real one's does), as a GPX file with elevation. */
function rideGpx(start: Date): string {
  let metres = 0;
  const points: string[] = [];
  for (let s = 0; s <= 900; s++) {
    if (s > 0) metres += 7 * (1 + 0.08 * Math.sin(s / 9));
    const lat = -33.9 + metres / 111_195;
    points.push(
      `<trkpt lat="${lat.toFixed(7)}" lon="151.2000000"><ele>${(20 + s * 0.05).toFixed(1)}</ele><time>${new Date(start.getTime() + s * 1000).toISOString()}</time></trkpt>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="cadence-e2e" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Harbour loop</name><type>cycling</type><trkseg>
${points.join('\n')}
  </trkseg></trk>
</gpx>`;
}

describe('segments in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('makes a segment from a ride’s zoomed stretch and sees the effort on the activity, at 1280 and 360 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await createAccount(page, { email: uniqueEmail('segments'), password: PASSWORD, displayName: 'Sol Segment' }, await createInvite());
    const xml = rideGpx(new Date(Date.now() - 2 * 86_400_000));
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', { name: 'harbour.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(xml) });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page
      .locator('.import-list')
      .getByText(/^(Done|Imported with warnings)$/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.goto(`${APP_URL}/activities`);
    await page.locator('a.activity-link').first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    const activityUrl = page.url();

    // Drag across a chart: the charts zoom, and the form to make a segment of that stretch appears under them.
    const charts = page.getByTestId('stream-charts');
    await charts.scrollIntoViewIfNeeded();
    const box = await charts.boundingBox();
    assert.ok(box, 'the charts are drawn');
    await page.mouse.move(box.x + box.width * 0.1, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + 60, { steps: 8 });
    await page.mouse.up();
    const form = page.getByRole('form', { name: 'Make a segment of this stretch' });
    await form.getByLabel('Name').fill('Harbour drag');
    await Promise.all([page.waitForURL(/\/segments\/[0-9a-f-]{36}$/), form.getByRole('button', { name: 'Make the segment' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Harbour drag' }).waitFor();
    assert.equal(await page.getByTestId('route-map').count(), 1);
    const segmentId = page.url().split('/').pop()!;

    // The matcher's effort over the stretch the segment was cut from.
    await withDatabase((db) =>
      db.query(
        `insert into segment_efforts (segment_id, activity_id, user_id, started_at, start_s, end_s, elapsed_s, frechet_m)
         select s.id, a.id, a.user_id, a.start_time + make_interval(secs => s.source_from_s), s.source_from_s, s.source_to_s,
                s.source_to_s - s.source_from_s, 3
         from segments s join activities a on a.id = s.source_activity_id where s.id = $1`,
        [segmentId],
      ),
    );
    await page.goto(activityUrl);
    const card = page.locator('#segments');
    await card.getByRole('link', { name: 'Harbour drag' }).waitFor();
    await card.getByText('PR', { exact: true }).waitFor();
    await screenshot(page, 'segments-activity-1280');
    await Promise.all([page.waitForURL(/\?at=\d+&for=\d+$/), card.getByRole('link', { name: 'Show this stretch' }).click()]);
    await page.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();

    // 360 px: the segment page and the activity's card without sideways scrolling.
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of [`/segments/${segmentId}`, activityUrl.replace(APP_URL, ''), '/segments']) {
      await page.goto(`${APP_URL}${path}`);
      await page.locator('h1').first().waitFor();
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      assert.ok(scrollWidth <= clientWidth, `${path} overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    }
    await screenshot(page, 'segments-list-360');
    await context.close();
  });
});
