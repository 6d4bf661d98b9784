// The coach opens a linked client's activity as the athlete's own activity page (ADR 061), at 360 and 1280 px:
// from the dashboard, a track session with charts, route, laps, zones, the reps against the planned workout and
// the athlete's note and RPE, read-only, the charts' zoom through the coach's API, and the conversation under it;
// from the client page, a watch export's run without streams, which says there is nothing to chart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  garminExportZip,
  giveAthletePro,
  launchBrowser,
  setRole,
  createAccount,
  signUp,
  uniqueEmail,
} from './fixtures.ts';
import { trackSessionToday } from './track-session.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

async function api(page: Page, method: 'POST' | 'PATCH', path: string, data: unknown) {
  const res = await page.request.fetch(`${APP_URL}${path}`, { method, data, headers: { origin: APP_URL } });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(`${APP_URL}/settings/data`);
  await page.setInputFiles('input[type="file"]', file);
  await page.locator('form.upload-form button[type="submit"]').click();
  await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
}

describe('the coach’s activity page', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a client’s track session and a run without streams, read-only, with the conversation', async () => {
    // The athlete: thresholds, a plan with today's 6-rep workout, the session from the watch and an older export.
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('coachact');
    await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Tia Track' }, await createInvite());
    await giveAthletePro(athleteEmail);
    const track = trackSessionToday();
    await api(athlete, 'POST', '/api/v1/analytics/thresholds', {
      kind: 'threshold_pace',
      paceSeconds: Math.round(1000 / track.thresholdMps),
      effectiveFrom: '2024-01-01',
    });
    const weekday = (new Date(`${track.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== weekday).slice(0, 4);
    const plan = await api(athlete, 'POST', '/api/v1/plans', {
      goal: { kind: 'run_10k', eventDate: new Date(Date.parse(track.date) + 70 * DAY).toISOString().slice(0, 10), eventName: 'Track 10k' },
      startDate: track.date,
      availableDays: days,
      longDay: days.at(-1),
      hoursPerWeek: 5,
      includeStrength: false,
    });
    const repS = Math.round(track.repS.reduce((s, x) => s + x, 0) / track.repS.length);
    await api(athlete, 'POST', `/api/v1/plans/${plan.id}/workouts`, {
      date: track.date,
      sport: 'run',
      type: 'intervals',
      title: 'Track: 6 reps',
      durationSec: 1200 + 6 * repS + 6 * 80 + 900,
      steps: [
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
      ],
    });
    await upload(athlete, { name: 'track-session.fit', mimeType: 'application/octet-stream', buffer: Buffer.from(track.bytes) });
    await upload(athlete, garminExportZip([new Date(new Date().setUTCHours(6, 30, 0, 0)).getTime() - 2 * DAY]));
    // The second import's "Done" may not be the first one on the page yet: wait for both activities instead.
    let activities: { id: string; name: string }[] = [];
    for (let i = 0; i < 60 && activities.length < 2; i++) {
      if (i > 0) await athlete.waitForTimeout(500);
      activities = (await (await athlete.request.get(`${APP_URL}/api/v1/activities`)).json()).activities;
    }
    const session = activities.find((a) => a.name !== 'Export run 1');
    const exported = activities.find((a) => a.name === 'Export run 1');
    assert.ok(session && exported, `both activities came in: ${JSON.stringify(activities)}`);
    await api(athlete, 'PATCH', `/api/v1/activities/${session.id}/notes`, { note: 'Reps 4–6 felt <b>smooth</b>, legs fine.', rpe: 8 });

    // The coach, their org and client, and the athlete's consent.
    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('coachactc');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cal Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Track Coaching', timeZone: 'Europe/Berlin' })).status(), 201);
    const client = await (await post('/clients', { name: 'Tia Client', email: athleteEmail })).json();
    const { link } = await (await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).json();
    const accepted = await athlete.request.post(`${APP_URL}/api/v1/me/coach-links/${link.id}/accept`, { headers: { origin: APP_URL } });
    assert.equal(accepted.status(), 200);

    // From the dashboard: the client's last activity opens its page.
    await coach.goto(`${APP_URL}/coach`);
    await coach.locator('a.dash-activity-name', { hasText: session.name }).click();
    await coach.waitForURL(`${APP_URL}/coach/clients/${client.id}/activities/${session.id}`);
    await coach.getByText('Tia Track’s activity, as they see it. Read-only: only they can change it.').waitFor();
    await coach.getByTestId('stream-charts').waitFor({ timeout: 20_000 });
    await coach.getByTestId('route-map').waitFor({ state: 'attached' });
    await coach.locator('#zones').waitFor();
    const reps = coach.locator('#intervals');
    await reps.getByText('6 of 6 planned reps found in the recording').waitFor();
    // The planned workout opens on the coach's page for it, not the athlete's calendar.
    const href = (await reps.getByRole('link', { name: 'Track: 6 reps' }).getAttribute('href')) ?? '';
    assert.match(href, new RegExp(`^/coach/clients/${client.id}/workouts/[0-9a-f-]{36}$`));
    const notes = coach.locator('#notes');
    await notes.getByText('RPE 8').waitFor();
    await notes.getByText('Reps 4–6 felt <b>smooth</b>, legs fine.').waitFor();
    // Read-only: no form to change the notes, no split, no thresholds of the coach's own.
    assert.equal(await coach.locator('main form').count(), await coach.locator('#comments form').count(), 'no form but the comment’s');
    assert.equal(await coach.locator('a[href="/settings/training"]').count(), 0);

    // The charts' zoom goes through the coach's API.
    const zoomed = coach.waitForResponse((r) =>
      r.url().includes(`/api/v1/coach/clients/${client.id}/activities/${session.id}/streams/range`),
    );
    await coach.getByRole('button', { name: 'Show split 2 on the charts' }).click();
    assert.equal((await zoomed).status(), 200);
    await coach.getByRole('heading', { name: /^\d+:\d\d–\d+:\d\d$/ }).waitFor();
    await coach.waitForFunction(() => document.querySelector('.range-figures')?.getAttribute('aria-busy') === 'false');
    await coach.getByRole('button', { name: 'Reset zoom' }).click();

    // And the conversation under it.
    const thread = coach.locator('#comments');
    await thread.getByLabel('Add a comment').fill('Reps 4–6 were the best: same again next week, 10 s faster.');
    await thread.getByRole('button', { name: 'Post comment' }).click();
    await thread.locator('.comment-body').getByText('Reps 4–6 were the best', { exact: false }).waitFor();
    await capture(coach, 'coach-activity-full');

    // From the client page: the export without streams says there is nothing to chart.
    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    await coach.locator('#training').getByRole('link', { name: 'Export run 1', exact: true }).click();
    await coach.waitForURL(`${APP_URL}/coach/clients/${client.id}/activities/${exported.id}`);
    await coach.getByText('No per-second data').waitFor();
    await coach.locator('#notes').getByText('No note or RPE yet.').waitFor();
    assert.equal(await coach.getByTestId('route-map').count(), 0);
    await capture(coach, 'coach-activity-empty');
  });
});
