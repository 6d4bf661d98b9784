// "How each step went" in the browser at 360 and 1280 px (ADR 062): a structured "3 × 10 min threshold" ride
// written in the text form, done on a trainer whose FIT file records one lap per step (as a Garmin workout
// does), the third rep ridden too easy. The workout's drawer and the activity page show each step against
// its target in watts from the FTP of the day.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ActivityMesg, Encoder, type FileIdMesg, type LapMesg, type RecordMesg, type SessionMesg } from '@garmin/fitsdk';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { APP_URL, capture, createInvite, giveAthletePro, launchBrowser, SCREENSHOTS, signUp, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;
const MESG = { FILE_ID: 0, SESSION: 18, LAP: 19, RECORD: 20, ACTIVITY: 34 } as const;

/** Warm-up, 3 × (10 min work, 5 min easy), cool-down: [seconds, watts] per lap. Rep 3 at 215 W, under 237–262 W. */
const LAPS: [number, number][] = [
  [600, 165],
  [600, 252],
  [300, 120],
  [600, 248],
  [300, 120],
  [600, 215],
  [300, 120],
  [600, 130],
];

/** A trainer ride as a FIT file: 1 Hz power, HR and speed, one lap per block. */
function rideFit(start: Date): Uint8Array {
  const e = new Encoder();
  const at = (s: number) => new Date(start.getTime() + s * 1000);
  e.onMesg(MESG.FILE_ID, { manufacturer: 'development', product: 1, timeCreated: start, type: 'activity' } as FileIdMesg);
  let t = 0;
  for (const [seconds, watts] of LAPS) {
    for (let i = 0; i < seconds; i++, t++)
      e.onMesg(MESG.RECORD, {
        timestamp: at(t),
        power: watts + ((t % 7) - 3),
        heartRate: Math.round(90 + watts / 3),
        enhancedSpeed: 8 + watts / 100,
        distance: t * 9,
        cadence: 90,
      } as RecordMesg);
  }
  let from = 0;
  for (const [seconds, watts] of LAPS) {
    e.onMesg(MESG.LAP, {
      timestamp: at(from + seconds),
      startTime: at(from),
      totalElapsedTime: seconds,
      totalTimerTime: seconds,
      totalDistance: seconds * 9,
      avgPower: watts,
      avgHeartRate: Math.round(90 + watts / 3),
      sport: 'cycling',
    } as LapMesg);
    from += seconds;
  }
  e.onMesg(MESG.SESSION, {
    timestamp: at(t),
    startTime: start,
    totalElapsedTime: t,
    totalTimerTime: t,
    totalDistance: t * 9,
    sport: 'cycling',
    subSport: 'indoorCycling',
    avgPower: 190,
    numLaps: LAPS.length,
  } as SessionMesg);
  e.onMesg(MESG.ACTIVITY, {
    timestamp: at(t),
    totalTimerTime: t,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  } as ActivityMesg);
  return e.close();
}

async function api(page: Page, method: 'POST', path: string, data: unknown) {
  const res = await page.request.fetch(`${APP_URL}${path}`, { method, data, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe('how each step went', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a 3 × 10 min threshold ride by its laps: the drawer and the activity page, rep 3 off target', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('steps');
    await signUp(page, { email, password: PASSWORD, displayName: 'Sam Steps' }, await createInvite());
    await giveAthletePro(email);
    const total = LAPS.reduce((s, [x]) => s + x, 0);
    const midnight = Math.floor(Date.now() / DAY) * DAY;
    // Finished a few minutes ago, or (just after midnight) started a minute into the day: the same day either way.
    const start = new Date(Math.max(midnight + 60_000, Date.now() - (total + 300) * 1000));
    const date = start.toISOString().slice(0, 10);

    await api(page, 'POST', '/api/v1/analytics/thresholds', { kind: 'ftp', value: 250, effectiveFrom: '2024-01-01' });
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== weekday).slice(0, 4);
    const plan = await api(page, 'POST', '/api/v1/plans', {
      goal: { kind: 'bike_event', eventDate: new Date(Date.parse(date) + 70 * DAY).toISOString().slice(0, 10), eventName: 'Gran Fondo' },
      startDate: date,
      availableDays: days,
      longDay: days.at(-1),
      hoursPerWeek: 6,
      includeStrength: false,
    });
    await api(page, 'POST', `/api/v1/plans/${plan.id}/workouts`, {
      date,
      sport: 'bike',
      type: 'threshold',
      title: '3 × 10 min threshold',
      text: '- warmup 10m Z2\n3x\n  - 10m 95-105%\n  - recovery 5m Z1\n- cooldown 10m Z1',
    });

    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', {
      name: 'threshold-ride.fit',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(rideFit(start)),
    });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    // The planned workout's drawer, once it is done.
    await page.goto(`${APP_URL}/training?date=${date}`);
    await page.locator('.plan-workout-completed', { hasText: '3 × 10 min threshold' }).click();
    const dialog = page.getByRole('dialog');
    const drawerSteps = dialog.getByRole('region', { name: 'How each step went' });
    await drawerSteps.locator('tr[data-step="8"]').waitFor();
    const rep3 = (await drawerSteps.locator('tr[data-step="6"]').innerText()).replace(/\s+/g, ' ');
    assert.match(rep3, /Work 3 of 3/);
    assert.match(rep3, /238–263\sW/);
    assert.match(rep3, /10:00 · 215\sW/);
    assert.match(rep3, /Off target/);
    const rep1 = (await drawerSteps.locator('tr[data-step="2"]').innerText()).replace(/\s+/g, ' ');
    assert.match(rep1, /252\sW.*On target/);
    // The drawer's verdict is the steps' (85 %, but a rep off: partly, issue 55), the calendar's ratio beside it.
    assert.match(
      (await dialog.getByRole('region', { name: 'Planned and actual' }).locator('p').first().innerText()).replace(/\s+/g, ' '),
      /^Partly by its steps · 100 % of planned duration$/,
    );
    await drawerSteps.getByText('Steps placed by the laps your device recorded, one per step').waitFor();
    await drawerSteps.scrollIntoViewIfNeeded();
    await capture(page, 'step-compliance-drawer');

    // The activity page: the same steps, the overall verdict from them.
    await Promise.all([page.waitForURL(/\/activities\/[0-9a-f-]{36}/), dialog.getByRole('link', { name: /See the activity/ }).click()]);
    const card = page.locator('#intervals');
    const steps = card.getByRole('region', { name: 'How each step went' });
    await steps.locator('tr[data-step="6"]').waitFor();
    // 600 s off of 3,900 planned: 85 % on target.
    assert.match(
      (await steps.getByTestId('steps-overall').innerText()).replace(/\s+/g, ' '),
      /Partly \(85 % of the planned time on target · 8 of 8 steps done\)/,
    );
    await card.getByText('by its steps', { exact: true }).waitFor();
    await steps.scrollIntoViewIfNeeded();
    await capture(page, 'step-compliance-activity');
    // The table alone, to look at (the full pages are long).
    await steps.screenshot({ path: join(SCREENSHOTS, 'step-compliance-table-1280.png') });
    await page.setViewportSize({ width: 360, height: 800 });
    const row = steps.locator('tr[data-step="6"]');
    await steps.screenshot({ path: join(SCREENSHOTS, 'step-compliance-table-360.png') });
    const box = await row.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `rep 3 fits the screen: ${JSON.stringify(box)}`);
    await page.close();
  });
});
