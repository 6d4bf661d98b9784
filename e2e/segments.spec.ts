// Segments in the browser (issue 57): two rides on the same road uploaded as GPX files, their tracks built by the
// minute cron (fired here: the e2e stack runs no ticker), the newer one's charts zoomed to a stretch and "Make a segment
// of this stretch" filled in; the matcher finds both rides' passes over the history, the segment page lists both, and
// the activity page's Segments card shows the effort with its link zooming the charts on it. At 1280 px and 360 px.
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

/** A 15-minute ride north at about `speed` m/s (wavering as a real one's does), as a GPX file with elevation. */
function rideGpx(start: Date, speed = 7): string {
  let metres = 0;
  const points: string[] = [];
  for (let s = 0; s <= 900; s++) {
    if (s > 0) metres += speed * (1 + 0.08 * Math.sin(s / 9));
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

/** Fires the minute cron (the tracks sync) until `n` tracks of the account exist; the e2e stack runs no ticker. */
async function tracksBuilt(email: string, n: number) {
  for (let i = 0; i < 30; i++) {
    await fetch(`${APP_URL}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`);
    const built = await withDatabase(async (db) => {
      const r = await db.query('select count(*)::int as n from activity_tracks t join users u on u.id = t.user_id where u.email = $1', [
        email,
      ]);
      return r.rows[0].n as number;
    });
    if (built >= n) return;
  }
  assert.fail(`the tracks sync did not build ${n} tracks`);
}

/** Waits until the segment's history matching has ended (its `matched_at` set), reading the row. */
async function matched(segmentId: string) {
  for (let i = 0; i < 200; i++) {
    const done = await withDatabase(
      async (db) => (await db.query('select matched_at from segments where id = $1', [segmentId])).rows[0]?.matched_at,
    );
    if (done) return;
  }
  assert.fail('history matching did not end');
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
    const email = uniqueEmail('segments');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Sol Segment' }, await createInvite());
    // An older, slower ride on the same road first, then the one the segment is cut from.
    for (const [name, xml] of [
      ['harbour-old.gpx', rideGpx(new Date(Date.now() - 9 * 86_400_000), 6)],
      ['harbour.gpx', rideGpx(new Date(Date.now() - 2 * 86_400_000))],
    ] as const) {
      await page.goto(`${APP_URL}/settings/data`);
      await page.setInputFiles('input[type="file"]', { name, mimeType: 'application/gpx+xml', buffer: Buffer.from(xml) });
      await page.locator('form.upload-form button[type="submit"]').click();
      await page.locator('.import-list').getByText(name).waitFor({ timeout: 30_000 });
      await page
        .locator('.import-list li', { hasText: name })
        .getByText(/^(Done|Imported with warnings)$/)
        .waitFor({ timeout: 30_000 });
    }
    await tracksBuilt(email, 2);
    // The heatmap of the two rides fills its frame (MapLibre's own stylesheet once shrank it to a 300 px strip).
    await page.goto(`${APP_URL}/heatmap`);
    const heat = page.locator('.routeheat-frame');
    await heat.locator('canvas.maplibregl-canvas').waitFor();
    const [frameBox, canvasBox] = await Promise.all([heat.boundingBox(), heat.locator('canvas.maplibregl-canvas').boundingBox()]);
    assert.ok(
      frameBox && canvasBox && Math.abs(canvasBox.height - frameBox.height) < 2,
      `the map fills the frame: ${canvasBox?.height} of ${frameBox?.height}`,
    );
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

    // History matching runs after the answer: both rides pass over the stretch, so both efforts are ranked.
    await matched(segmentId);
    await page.reload();
    await page.getByText('1 of 2').first().waitFor();
    await page.getByText('2 of 2').first().waitFor();
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
