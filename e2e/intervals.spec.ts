// The activity page's intervals and notes in the browser, at 360 and 1280 px: a track session (the
// sandbox's 6 × 800 m, as a watch's FIT file) completes a planned 6-rep workout; from the workout's
// drawer the athlete opens it, reads rep 3 against its target, follows the link back to the workout,
// and adds a note and RPE that are there after a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, giveAthletePro, launchBrowser, signUp, uniqueEmail } from './fixtures.ts';
import { trackSessionToday } from './track-session.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

async function api(page: Page, method: 'POST' | 'PATCH', path: string, data: unknown) {
  const res = await page.request.fetch(`${APP_URL}${path}`, { method, data, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe('intervals and notes on the activity page', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a track session against its planned workout: rep 3 against its target, the workout link, a note and RPE kept after reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('intervals');
    await signUp(page, { email, password: PASSWORD, displayName: 'Tia Track' }, await createInvite());
    await giveAthletePro(email);
    const track = trackSessionToday();

    // Thresholds and a plan through the API, as the settings and wizard pages would; today's workout is
    // added by hand: warm-up, 6 reps of the session's own rep time at 1.00–1.15 of threshold pace, cool-down.
    await api(page, 'POST', '/api/v1/analytics/thresholds', {
      kind: 'threshold_pace',
      paceSeconds: Math.round(1000 / track.thresholdMps),
      effectiveFrom: '2024-01-01',
    });
    const weekday = (new Date(`${track.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== weekday).slice(0, 4);
    const plan = await api(page, 'POST', '/api/v1/plans', {
      goal: { kind: 'run_10k', eventDate: new Date(Date.parse(track.date) + 70 * DAY).toISOString().slice(0, 10), eventName: 'Track 10k' },
      startDate: track.date,
      availableDays: days,
      longDay: days.at(-1),
      hoursPerWeek: 5,
      includeStrength: false,
    });
    const repS = Math.round(track.repS.reduce((s, x) => s + x, 0) / track.repS.length);
    const steps = [
      { kind: 'warmup', durationSec: 1200, distanceM: null, target: null },
      {
        kind: 'repeat',
        count: 6,
        steps: [
          { kind: 'work', durationSec: repS, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.0, high: 1.15 } },
          { kind: 'recovery', durationSec: 80, distanceM: null, target: null },
        ],
      },
      { kind: 'cooldown', durationSec: 900, distanceM: null, target: null },
    ];
    await api(page, 'POST', `/api/v1/plans/${plan.id}/workouts`, {
      date: track.date,
      sport: 'run',
      type: 'intervals',
      title: 'Track: 6 reps',
      durationSec: 1200 + 6 * repS + 6 * 80 + 900,
      steps,
    });

    // The watch's file comes in through Settings → Data sources.
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', {
      name: 'track-session.fit',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(track.bytes),
    });
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    // The workout is done; its drawer opens the activity at its intervals.
    await page.goto(`${APP_URL}/training?date=${track.date}`);
    await page.locator('.plan-workout-completed', { hasText: 'Track: 6 reps' }).click();
    await Promise.all([
      page.waitForURL(/\/activities\/[0-9a-f-]{36}/),
      page
        .getByRole('dialog')
        .getByRole('link', { name: /See the activity/ })
        .click(),
    ]);
    const activityUrl = page.url().replace(/#.*$/, '');

    const card = page.locator('#intervals');
    await card.getByRole('heading', { name: 'Intervals' }).waitFor();
    await card.getByText('6 of 6 planned reps found in the recording').waitFor();
    const rep3 = card.locator('tr[data-rep="3"]');
    const row = (await rep3.innerText()).replace(/\s+/g, ' ');
    assert.match(row, /Rep 3 of 6/);
    assert.match(row, /\d:\d{2} · [78]\d0 m/, `rep 3 is about 800 m: ${row}`);
    assert.match(row, /\d:\d{2}–\d:\d{2}\s\/km ✓/, `rep 3 is within its target pace: ${row}`);
    assert.match(row, /On target/);
    assert.match(
      (await rep3.getAttribute('title')) ?? '',
      /^Rep 3 of 6: \d:\d{2} · [78]\d0 m at \d:\d{2}\s\/km · target \d:\d{2}–\d:\d{2}\s\/km ✓$/,
    );
    await capture(page, 'activity-intervals');
    // At 360 px the rep is a card of its own, every figure in view.
    await page.setViewportSize({ width: 360, height: 800 });
    const narrow = (await rep3.innerText()).replace(/\s+/g, ' ');
    assert.match(narrow, /^Rep 3 of 6 .*✓.* On target$/, `rep 3 at 360 px: ${narrow}`);
    const box = await rep3.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `rep 3 fits the screen: ${JSON.stringify(box)}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    // A rep's button zooms the charts to it (and highlights its stretch on the map, ADR 098).
    await rep3.getByRole('button', { name: 'Show rep 3 on the charts' }).click();
    await page.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();

    // The workout it completed is one click away, its drawer open.
    await card.getByRole('link', { name: 'Track: 6 reps' }).click();
    await page.waitForURL(/\/training\?date=.*&workout=/);
    await page.getByRole('dialog').getByRole('heading', { name: 'Track: 6 reps' }).waitFor();
    await page.goto(activityUrl);

    // Notes and feel: saved, and still there after a reload.
    const notes = page.locator('#notes');
    await notes.locator('.rpe-option', { hasText: /^7$/ }).click();
    await notes.getByLabel('Note').fill('Reps 1–2 heavy, then smooth.\nLast one the fastest.');
    await notes.getByRole('button', { name: 'Save' }).click();
    await notes.getByText('Saved.').waitFor();
    await page.reload();
    assert.equal(await notes.getByLabel('Note').inputValue(), 'Reps 1–2 heavy, then smooth.\nLast one the fastest.');
    assert.equal(await notes.locator('input[name="rpe"]:checked').getAttribute('value'), '7');
    await notes.getByText(/^Last saved /).waitFor();
    await page.locator('#notes').scrollIntoViewIfNeeded();
    await capture(page, 'activity-notes');
    await page.close();
  });
});
