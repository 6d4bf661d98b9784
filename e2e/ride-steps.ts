// Rides with power for the analysis specs (issue 39): a GPX ride at one second a point with its hard segments, and
// the upload that waits for it on Settings → Data.
import type { Page } from 'playwright-core';
import { APP_URL } from './fixtures.ts';

export type Segment = [fromS: number, toS: number, watts: number];

/** A GPX ride, one point a second, at 150 W but for its hard segments (with heart rate to match). */
export function gpxRide(
  name: string,
  daysAgo: number,
  seconds: number,
  hard: Segment[],
): { name: string; mimeType: string; buffer: Buffer } {
  const start = Date.now() - daysAgo * 86_400_000;
  const points: string[] = [];
  let lat = 46.0;
  let ele = 300;
  for (let s = 0; s < seconds; s++) {
    const watts = hard.find(([a, b]) => s >= a && s < b)?.[2] ?? 150;
    const climbing = watts > 150;
    lat += (climbing ? 4.5 : 9) / 111_320;
    if (climbing) ele += 0.25;
    const time = new Date(start + s * 1000).toISOString();
    points.push(
      `<trkpt lat="${lat.toFixed(7)}" lon="14.5"><ele>${ele.toFixed(1)}</ele><time>${time}</time><extensions><power>${watts}</power><gpxtpx:TrackPointExtension><gpxtpx:hr>${climbing ? 165 : 130}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    );
  }
  const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>${name}</name><type>cycling</type><trkseg>${points.join('\n')}</trkseg></trk></gpx>`;
  return { name: `${name.toLowerCase().replace(/\W+/g, '-')}.gpx`, mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) };
}

/** Uploads a file and waits until the import list shows `done` finished imports. */
export async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, done: number) {
  await page.goto(`${APP_URL}/settings/data`);
  await page.setInputFiles('input[type="file"]', file);
  await page.locator('form.upload-form button[type="submit"]').click();
  await page
    .locator('.import-list')
    .getByText(/^(Done|Imported with warnings)$/)
    .nth(done - 1)
    .waitFor({ timeout: 60_000 });
}
