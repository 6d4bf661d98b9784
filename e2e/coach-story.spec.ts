// Issue 38's whole story, walked once at 360 px: a coach builds "3 × 10 min threshold" from the text form and keeps
// it in the org library, drags it onto the client's day; the athlete sees it with its steps, sends it to their Garmin
// (through the Garmin sandbox's Training API), does it — the watch's file arrives through Garmin's push — sees how
// each step went, and the two discuss it under the activity, the coach on the athlete's own activity page. Then the
// same screens at 1280 px, on the story's own data (the build and the drag at both widths are coach-library.spec's).
// The workout goes on today so the run can be done now; the Thursday drag itself is coach-library.spec's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildLibraryWorkout, coachedClient, dayFromToday, dragOntoDay, THRESHOLD } from './coach-library-steps.ts';
import { APP_URL, backfilled, capture, launchBrowser, SANDBOX_URL, waitForApi, waitForDoor } from './fixtures.ts';

type Calendar = { days: { items: { kind: string; workout?: { title: string; status: string } }[] }[] };
type Training = { workouts: { workoutId: number; workoutName: string }[]; schedules: { workoutId: number; date: string }[] };
const garmin = (path: string, body?: unknown) =>
  fetch(`${SANDBOX_URL}/garmin/_control/users/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Polls what Garmin holds for the user until `done`; bounded. */
async function garminUntil(user: number, done: (t: Training) => boolean, what: string): Promise<Training> {
  for (let i = 0; i < 120; i++) {
    const res = await garmin(`${user}/training`);
    assert.ok(res.ok, `garmin sandbox training: ${res.status}`);
    const t = (await res.json()) as Training;
    if (done(t)) return t;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Garmin does not hold ${what}`);
}

/** The athlete connects Garmin through the sandbox's consent page and waits for the backfill to land. */
async function connectGarmin(athlete: Page, user: number) {
  await athlete.goto(`${APP_URL}/settings/data#garmin`);
  await athlete.getByRole('link', { name: 'Connect to Garmin Connect' }).click();
  await athlete.getByLabel('Sign in as user').fill(String(user));
  await athlete.getByRole('button', { name: 'Agree' }).click();
  await athlete.waitForURL(/\/settings\/data\?connected=garmin/);
  await waitForDoor(athlete, 'garmin', backfilled, 'Garmin’s backfill');
  await athlete.reload();
  const door = athlete.locator('#garmin');
  await door.getByText('Up to date').waitFor();
  assert.match(await door.locator('dt:text("Received") + dd').innerText(), /^[1-9]\d* activit/);
}

async function openOnCalendar(athlete: Page, day: string, title: string, completed = false) {
  await athlete.goto(`${APP_URL}/training?view=week&date=${day}`);
  const card = athlete.locator(`.plan-day[data-date="${day}"] ${completed ? '.plan-workout-completed' : '.plan-workout'}`, {
    hasText: title,
  });
  await card.click();
  return athlete.getByRole('dialog');
}

describe('the coach’s workout, from the library to the conversation', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('builds, assigns, sends to Garmin, is done, is discussed (360 px), then the same screens at 1280 px', async () => {
    const width = 360;
    const c = await coachedClient(browser, width, `story${width}`);
    const today = dayFromToday(0);

    // The coach: the workout from the text form, kept in the library, dragged onto the client's day.
    await buildLibraryWorkout(c.coach, { ...THRESHOLD, folder: 'Threshold' });
    await c.coach.goto(`${APP_URL}/coach/clients/${c.clientId}`);
    await dragOntoDay(c.coach, c.clientId, THRESHOLD.title, today);

    // The athlete sees it with its steps.
    let drawer = await openOnCalendar(c.athlete, today, THRESHOLD.title);
    const steps = drawer.getByRole('region', { name: 'Steps' });
    await steps.getByText('3x', { exact: true }).waitFor();
    assert.equal(await steps.locator('rect.wb-bar').count(), 8);
    await capture(c.athlete, `coach-story-athlete-steps`, [width]);

    // …sends it to Garmin: the separate consent on the workout's page, what Garmin cannot hold acknowledged.
    const user = 3000 + Math.floor(Math.random() * 900_000);
    await connectGarmin(c.athlete, user);
    drawer = await openOnCalendar(c.athlete, today, THRESHOLD.title);
    const send = drawer.getByRole('link', { name: 'Send to Garmin' });
    const href = (await send.getAttribute('href')) as string;
    await Promise.all([c.athlete.waitForURL(`${APP_URL}${href}`), send.click()]);
    const state = c.athlete.locator('#garmin-state');
    await state.getByRole('button', { name: 'Turn on sending workouts to Garmin' }).click();
    await state.getByRole('button', { name: 'Send to Garmin' }).waitFor();
    if ((await state.getByLabel('Send it anyway').count()) > 0) await state.getByLabel('Send it anyway').check();
    await Promise.all([c.athlete.waitForURL(`${APP_URL}${href}`), state.getByRole('button', { name: 'Send to Garmin' }).click()]);
    const onGarmin = (w: { status: string }) => w.status === 'sent';
    await waitForApi(c.athlete, `/api/v1/garmin-training/workouts/${href.split('/')[3]}`, onGarmin, 'the workout on Garmin');
    await c.athlete.reload();
    await state.getByText('On Garmin', { exact: true }).waitFor();
    const held = await garminUntil(user, (t) => t.workouts.length === 1 && t.schedules.length === 1, 'the workout');
    assert.equal(held.workouts[0]!.workoutName, THRESHOLD.title);
    assert.equal(held.schedules[0]!.date, today);
    await capture(c.athlete, 'coach-story-on-garmin', [width]);

    // …does it: the watch's session (59 min) reaches Cadence through Garmin's push and completes the workout.
    const midnight = Date.parse(`${today}T00:00:00Z`);
    const start = new Date(Math.max(midnight + 60_000, Date.now() - 65 * 60_000));
    const recorded = await garmin(`${user}/activities`, {
      sport: 'Run',
      name: 'Threshold on the river',
      movingTime: 59 * 60,
      distance: 12_400,
      startTime: start.toISOString(),
    });
    assert.equal(recorded.status, 201, await recorded.text());
    // The push, the file's import and the match run in the background: the calendar's API says when it is done.
    const completed = (cal: Calendar) =>
      cal.days.some((d) => d.items.some((i) => i.workout?.title === THRESHOLD.title && i.workout.status === 'completed'));
    await waitForApi(c.athlete, `/api/v1/calendar?from=${today}&to=${today}`, completed, 'the workout completed by the Garmin session');
    drawer = await openOnCalendar(c.athlete, today, THRESHOLD.title, true);
    const howItWent = drawer.getByRole('region', { name: 'How each step went' });
    await howItWent.locator('tr[data-step="8"]').waitFor();
    await capture(c.athlete, 'coach-story-how-it-went', [width]);

    // The athlete writes under the activity…
    await Promise.all([
      c.athlete.waitForURL(/\/activities\/[0-9a-f-]{36}/),
      drawer.getByRole('link', { name: /See the activity/ }).click(),
    ]);
    const activityId = /\/activities\/([0-9a-f-]{36})/.exec(c.athlete.url())![1]!;
    await c.athlete.getByRole('heading', { name: 'Threshold on the river' }).waitFor();
    const mine = c.athlete.locator('#comments');
    await mine.getByLabel('Add a comment').fill('Rep 3 was hard: the wind on the way back.');
    await mine.getByRole('button', { name: 'Post comment' }).click();
    await mine.locator('.comment-body').getByText('Rep 3 was hard', { exact: false }).waitFor();

    // …the coach opens the athlete's activity page (charts and steps, read-only) and answers.
    await c.coach.goto(`${APP_URL}/coach/clients/${c.clientId}/activities/${activityId}`);
    await c.coach.getByText(/activity, as they see it\. Read-only/).waitFor();
    await c.coach.getByTestId('stream-charts').waitFor({ timeout: 20_000 });
    await c.coach.locator('#intervals').getByRole('region', { name: 'How each step went' }).waitFor();
    const theirs = c.coach.locator('#comments');
    await theirs.getByText('Rep 3 was hard: the wind on the way back.').waitFor();
    await theirs.getByLabel('Add a comment').fill('Good pacing on 1 and 2. Same session next week, sheltered loop.');
    await theirs.getByRole('button', { name: 'Post comment' }).click();
    await theirs.locator('.comment-body').getByText('Same session next week', { exact: false }).waitFor();
    await capture(c.coach, 'coach-story-coach-activity', [width]);

    await c.athlete.reload();
    await mine.getByText('Good pacing on 1 and 2. Same session next week, sheltered loop.').waitFor();
    await capture(c.athlete, 'coach-story-conversation', [width]);

    // The same screens at 1280 px: each page opened once more on what the story made, as a desktop shows it.
    const wide = 1280;
    await c.athlete.setViewportSize({ width: wide, height: 900 });
    await c.coach.setViewportSize({ width: wide, height: 900 });
    drawer = await openOnCalendar(c.athlete, today, THRESHOLD.title, true);
    await drawer.getByRole('region', { name: 'How each step went' }).locator('tr[data-step="8"]').waitFor();
    await capture(c.athlete, 'coach-story-how-it-went', [wide]);
    await c.athlete.goto(`${APP_URL}${href}`);
    await state.getByText('On Garmin', { exact: true }).waitFor();
    await capture(c.athlete, 'coach-story-on-garmin', [wide]);
    await c.coach.reload();
    await c.coach.getByTestId('stream-charts').waitFor({ timeout: 20_000 });
    await c.coach.locator('#intervals').getByRole('region', { name: 'How each step went' }).waitFor();
    await theirs.getByText('Same session next week', { exact: false }).waitFor();
    await capture(c.coach, 'coach-story-coach-activity', [wide]);
    await c.athlete.goto(`${APP_URL}/activities/${activityId}`);
    await mine.getByText('Rep 3 was hard: the wind on the way back.').waitFor();
    await mine.getByText('Good pacing on 1 and 2. Same session next week, sheltered loop.').waitFor();
    await capture(c.athlete, 'coach-story-conversation', [wide]);
    await c.athlete.close();
    await c.coach.close();
  });
});
