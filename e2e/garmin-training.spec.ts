// Planned workouts on the athlete's Garmin (ADR 057), in the browser at 360 and 1280 px: a structured workout's
// "Send to Garmin" page asks for the separate consent first (given there), says what Garmin cannot hold before
// sending, and once sent the Garmin sandbox holds it on its day (read through its control API); an edit in
// Cadence updates it there and removing it from the week takes it off Garmin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatWeekdayDate } from '../worker/lib/format.ts';
import { fillPlanWizard, NEXT_WEEK, openDrawer } from './plan-steps.ts';
import {
  APP_URL,
  backfilled,
  capture,
  createInvite,
  giveAthletePro,
  launchBrowser,
  SANDBOX_URL,
  createAccount,
  uniqueEmail,
  waitForApi,
  waitForDoor,
} from './fixtures.ts';

// A nested repeat, zone and percent pace targets, an RPE cool-down: Garmin takes it with caveats (the nested
// repeat written out, the effort in words; the pace targets too while no threshold pace is known).
const TEXT = '- warmup 15m Z2\n2x\n  3x\n    - 2m 100-105%\n    - recovery 1m Z1\n  - recovery 4m Z1\n- cooldown 10m RPE 2-3';

type GarminStep = { type: string; stepOrder: number; intensity?: string; repeatValue?: number; steps?: GarminStep[] };
type Training = {
  workouts: { workoutId: number; workoutName: string; sport: string; segments: { steps: GarminStep[] }[] }[];
  schedules: { workoutId: number; date: string }[];
};
const training = async (user: number): Promise<Training> => {
  const res = await fetch(`${SANDBOX_URL}/garmin/_control/users/${user}/training`);
  assert.ok(res.ok, `garmin sandbox training: ${res.status}`);
  return (await res.json()) as Training;
};
/** Polls the sandbox (what Garmin holds) until `done` holds; bounded. */
async function garminUntil(user: number, done: (t: Training) => boolean, what: string): Promise<Training> {
  for (let i = 0; i < 120; i++) {
    const t = await training(user);
    if (done(t)) return t;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Garmin still does not hold ${what}: ${JSON.stringify(await training(user))}`);
}

async function openWorkout(page: Page, day: string, title: string) {
  await page.goto(`${APP_URL}/training?view=week&date=${day}`);
  const card = page.locator(`.plan-day[data-date="${day}"] .plan-workout`, { hasText: title });
  return openDrawer(page, card);
}

describe('planned workouts on Garmin in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('consent from the workout’s page, what Garmin cannot hold said, sent and on its day; an edit and a removal followed there', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('garmin-training');
    await createAccount(page, { email, password: 'a long e2e passphrase', displayName: 'Tom Training' }, await createInvite());
    await page.goto(`${APP_URL}/training`);
    await page.getByRole('link', { name: 'Create a plan' }).click();
    await fillPlanWizard(page, 'Watch 10k');
    await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);
    await giveAthletePro(email);

    // Garmin connected through the sandbox's consent page (workout import ticked, as Garmin's page has it).
    const user = 3000 + Math.floor(Math.random() * 900_000);
    await page.goto(`${APP_URL}/settings/data#garmin`);
    await page.getByRole('link', { name: 'Connect to Garmin Connect' }).click();
    await page.getByLabel('Sign in as user').fill(String(user));
    await page.getByRole('button', { name: 'Agree' }).click();
    await page.waitForURL(/\/settings\/data\?connected=garmin/);
    // Connecting starts Garmin's backfill (files fetched and imported through the queues): let it land first, as
    // the Garmin door's spec does, so the rest runs on a settled stack rather than racing the import.
    await waitForDoor(page, 'garmin', backfilled, 'Garmin’s backfill');
    await page.reload();
    const door = page.locator('#garmin');
    await door.getByText('Up to date').waitFor();
    assert.match(await door.locator('dt:text("Received") + dd').innerText(), /^[1-9]\d* activit/);

    // A structured workout written as text on a free day of the plan.
    await page.goto(`${APP_URL}${NEXT_WEEK}`);
    const empty = page.locator('.plan-day:has(.plan-add)').first();
    const day = (await empty.getAttribute('data-date')) as string;
    await empty.locator('.plan-add').click();
    const add = page.getByRole('dialog');
    await add.locator('select[name="type"] option[value="intervals"]').waitFor({ state: 'attached' });
    await add.getByLabel('Type').selectOption('intervals');
    await add.getByLabel('Title').fill('Hill ladder');
    await add.getByLabel('Steps as text').fill(TEXT);
    await add.getByRole('button', { name: 'Add workout' }).click();
    await page.locator('.plan-toast').getByText('Added “Hill ladder”.').waitFor();

    // The drawer's "Send to Garmin": the separate consent is asked for first, on the workout's own page.
    const drawer = await openWorkout(page, day, 'Hill ladder');
    const send = drawer.getByRole('link', { name: 'Send to Garmin' });
    const href = (await send.getAttribute('href')) as string;
    assert.match(href, /^\/training\/workouts\/[0-9a-f-]{36}\/garmin$/);
    await Promise.all([page.waitForURL(`${APP_URL}${href}`), send.click()]);
    const state = page.locator('#garmin-state');
    await state.getByText('Not sent').waitFor();
    await page
      .getByText(/Hill ladder/)
      .first()
      .waitFor();
    assert.equal(await state.getByRole('button', { name: 'Send to Garmin' }).count(), 0, 'no Send before the consent');
    await capture(page, 'garmin-training-consent');
    await state.getByRole('button', { name: 'Turn on sending workouts to Garmin' }).click();

    // What Garmin cannot hold is said before the Send button, and must be acknowledged.
    const caveats = state.getByRole('listitem');
    await caveats.first().waitFor();
    const said = (await caveats.allInnerTexts()).join('\n');
    assert.match(said, /Repeats inside repeats/);
    assert.match(said, /RPE/);
    await capture(page, 'garmin-training-caveats');
    await state.getByRole('button', { name: 'Send to Garmin' }).click();
    await state
      .locator('.live-region .alert-error')
      .getByText(/Before sending/)
      .waitFor();
    assert.equal((await training(user)).workouts.length, 0, 'nothing sent without the acknowledgement');
    await state.getByLabel('Send it anyway').check();
    await Promise.all([page.waitForURL(`${APP_URL}${href}`), state.getByRole('button', { name: 'Send to Garmin' }).click()]);
    // Sending runs on a queue: the workout's state is waited for in the API the page is drawn from.
    const garminState = (status: string, what: string) =>
      waitForApi<{ status: string }>(page, `/api/v1/garmin-training/workouts/${href.split('/')[3]}`, (w) => w.status === status, what);
    await garminState('sent', 'the workout on Garmin');
    await page.reload();
    await state.getByText('On Garmin', { exact: true }).waitFor();
    await state.getByText(formatWeekdayDate(day), { exact: true }).waitFor();
    await capture(page, 'garmin-training-sent');

    // The sandbox holds it, scheduled on its day: the inner repeat written out in the outer one (2 × (3 × 2) + 1).
    const held = await garminUntil(user, (t) => t.workouts.length === 1 && t.schedules.length === 1, 'the workout');
    const [g] = held.workouts;
    assert.equal(g!.workoutName, 'Hill ladder');
    assert.equal(g!.sport, 'RUNNING');
    assert.deepEqual(
      held.schedules.map((x) => [x.workoutId, x.date]),
      [[g!.workoutId, day]],
    );
    const steps = g!.segments[0]!.steps;
    assert.deepEqual(
      steps.map((s) => s.type),
      ['WorkoutStep', 'WorkoutRepeatStep', 'WorkoutStep'],
    );
    assert.equal(steps[1]!.repeatValue, 2);
    assert.equal(steps[1]!.steps!.length, 7);

    // An edit in Cadence: the same Garmin workout, updated.
    const editing = await openWorkout(page, day, 'Hill ladder');
    await editing.getByRole('button', { name: 'Edit' }).click();
    await editing.getByLabel('Title').fill('Hill ladder, longer');
    await editing.getByLabel('Steps as text').fill(TEXT.replace('  3x', '  4x'));
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.plan-toast').getByText('Saved “Hill ladder, longer”.').waitFor();
    const edited = await garminUntil(user, (t) => t.workouts[0]?.workoutName === 'Hill ladder, longer', 'the edit');
    assert.deepEqual(
      edited.workouts.map((w) => w.workoutId),
      [g!.workoutId],
    );
    assert.equal(edited.workouts[0]!.segments[0]!.steps[1]!.steps!.length, 9);

    // Removed from the week (the drawer's Skip): Garmin's workout and its calendar entry go.
    const removing = await openWorkout(page, day, 'Hill ladder, longer');
    await removing.getByRole('button', { name: 'Skip' }).click();
    await page.locator('.plan-toast').getByText('Skipped “Hill ladder, longer”.').waitFor();
    await garminUntil(user, (t) => t.workouts.length === 0 && t.schedules.length === 0, 'nothing');
    await garminState('removed', 'the removal');
    await page.goto(`${APP_URL}${href}`);
    await state.getByText('Removed from Garmin', { exact: true }).waitFor();
    await state.getByText(/This workout is skipped/).waitFor();
    assert.equal(await state.getByRole('button', { name: /Send/ }).count(), 0, 'a skipped workout offers no Send');
    await capture(page, 'garmin-training-removed');
    // The consent given on the workout's page is the one Settings → Data shows (and can turn off).
    await page.goto(`${APP_URL}/settings/data#garmin-workouts`);
    await page.locator('#garmin-workouts').getByRole('button', { name: 'Stop sending workouts to Garmin' }).waitFor();
    await page.close();
  });
});
