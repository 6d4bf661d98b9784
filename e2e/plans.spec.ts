import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillPlanWizard, NEXT_WEEK, openDrawer, openPlanMenu, toast, toastSays, watched } from './plan-steps.ts';
import {
  APP_URL,
  cancelActivePlan,
  capture,
  createInvite,
  garminExportZip,
  giveAthletePro,
  interactive,
  launchBrowser,
  screenshot,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
// Accounts are in UTC (the default), so "today" is the UTC date.
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

const dayCell = (page: Page, date: string) => page.locator(`.plan-day[data-date="${date}"]`);

/** The wizard: a 10 km run in ten weeks, from today, four days a week. */
async function makePlan(page: Page, shots = true) {
  await page.goto(`${APP_URL}/training`);
  await page.getByText('No plan yet').waitFor();
  if (shots) await capture(page, 'plans-empty');
  await page.getByRole('link', { name: 'Create a plan' }).click();
  await page.waitForURL(`${APP_URL}/training/new`);
  await fillPlanWizard(page, 'Autumn 10k', async () => {
    if (shots) await capture(page, 'plans-wizard');
  });
  await page.locator('.plan-preview .recharts-surface').first().waitFor();
  if (shots) await capture(page, 'plans-preview');
  await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);
}

describe('training plan pages', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('wizard → preview → create → drag to move → undo → Pro controls → a matching activity shows compliance', async () => {
    const page = watched(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const email = uniqueEmail('plans');
    await signUp(page, { email, password: PASSWORD, displayName: 'Pia Plan' }, await createInvite());
    await page.locator('#today').getByText('No plan yet').waitFor();
    await screenshot(page, 'plans-home-no-plan-1280');

    await makePlan(page, false);
    const cards = page.locator('.plan-workout:not(.plan-workout-skipped)');
    await cards.first().waitFor();
    // The plan starts today: this week holds only its days left (Fri and Sun on a Thursday), the next a whole week.
    assert.ok((await cards.count()) >= 1, 'the week shows its workouts');
    await capture(page, 'plans-week');

    // The moves happen next week, whole whatever today is (see NEXT_WEEK).
    await page.goto(`${APP_URL}${NEXT_WEEK}`);
    await cards.first().waitFor();
    await interactive(page);

    // Free: skip and restore work; Pro's controls are locked where they would be (locked-controls.spec), and nothing drags.
    const first = cards.first();
    const firstTitle = (await first.locator('.plan-workout-title').innerText()).trim();
    const from = (await first.evaluate((el) => el.closest('.plan-day')?.getAttribute('data-date'))) as string;
    const empty = page.locator('.plan-day:has(.plan-add)').first();
    const to = (await empty.getAttribute('data-date')) as string;
    assert.notEqual(await first.getAttribute('draggable'), 'true');
    const locked = await openDrawer(page, first);
    await locked.getByText('Part of Pro').waitFor();
    await locked.getByRole('button', { name: 'Skip' }).click();
    await toastSays(page, /^Skipped/);
    await dayCell(page, from).locator('.plan-workout-skipped').first().waitFor();
    await capture(page, 'plans-skipped-toast');
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    await toastSays(page, 'Change undone.');
    await page.waitForFunction((d) => !document.querySelector(`.plan-day[data-date="${d}"] .plan-workout-skipped`), from);

    // Pro: drag a workout to an empty day → it moves → undo from the toast → it is back.
    await giveAthletePro(email);
    await page.reload();
    await interactive(page);
    const moving = dayCell(page, from).locator('.plan-workout', { hasText: firstTitle });
    await moving.dragTo(dayCell(page, to));
    await toastSays(page, `Moved “${firstTitle}” to`);
    await dayCell(page, to).locator('.plan-workout', { hasText: firstTitle }).waitFor();
    await capture(page, 'plans-moved-toast');
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    await toastSays(page, 'Change undone.');
    await dayCell(page, from).locator('.plan-workout', { hasText: firstTitle }).waitFor();
    assert.equal(await dayCell(page, to).locator('.plan-workout', { hasText: firstTitle }).count(), 0);

    // History lists the changes; undoing an undone move's move again is refused in words.
    const history = page.locator('#history');
    await history.getByText('Moved').first().waitFor();
    await history.scrollIntoViewIfNeeded();
    await capture(page, 'plans-history');

    // Add on an empty day (Pro): the form.
    await empty.locator('.plan-add').click();
    await page.getByRole('dialog').getByLabel('Title').waitFor();
    await capture(page, 'plans-add-form');
    const add = page.getByRole('dialog');
    await add.getByLabel('Sport').selectOption('bike');
    await add.getByLabel('Title').fill('Easy spin');
    await add.getByRole('button', { name: 'Add workout' }).click();
    await toastSays(page, 'Added “Easy spin”.');
    await dayCell(page, to).locator('.plan-workout', { hasText: 'Easy spin' }).waitFor();

    // Swap two days from the drawer: the added spin goes to the next week's day, whatever was there comes here.
    const spin = await openDrawer(page, dayCell(page, to).locator('.plan-workout', { hasText: 'Easy spin' }));
    await spin.getByLabel('Swap with…').fill(plusDays(14));
    await spin.getByRole('button', { name: 'Swap days' }).click();
    await toastSays(page, /^Swapped/);
    await page.waitForFunction(
      (d) => !document.querySelector(`.plan-day[data-date="${d}"] .plan-workout`)?.textContent?.includes('Easy spin'),
      to,
    );

    // Adjust this week's load from the weekly table: the dialog says why +10 % is the ceiling.
    await page
      .locator('#weekly')
      .getByRole('button', { name: /^Adjust week 1/ })
      .click();
    await page.getByRole('dialog').getByText('grow by no more than about 10 % a week').waitFor();
    await capture(page, 'plans-adjust-dialog');
    await page.getByRole('dialog').getByLabel('Change by').selectOption('-10');
    await page.getByRole('dialog').getByRole('button', { name: 'Adjust by −10 %' }).click();
    await toastSays(page, "Week 1's load lowered by 10 %.");

    // Edit next week's easy run from its drawer into a 30-minute recovery run: the history says what changed.
    await page.goto(`${APP_URL}/training?date=${plusDays(7)}`);
    await interactive(page);
    const easy = page.locator('.plan-workout:not(.plan-workout-skipped)', { hasText: /Easy run \d/ }).first();
    await (await openDrawer(page, easy)).getByRole('button', { name: 'Edit' }).click();
    // The catalog's answer redraws the type list: pick from it once it is there.
    await page.getByRole('dialog').locator('select[name="type"] option[value="race_pace"]').waitFor({ state: 'attached' });
    await page.getByRole('dialog').getByLabel('Type').selectOption('recovery');
    // The minutes as stored (the title's may be rounded down, the history's to the nearest).
    const storedMinutes = Number(await page.getByRole('dialog').getByLabel('Duration (min)').inputValue());
    await page.getByRole('dialog').getByLabel('Duration (min)').fill('30');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await toastSays(page, 'Saved “Recovery run 30 min”.');
    const words = page.locator('#history .plan-history-lines');
    await words.getByText(`Changed Easy run: type easy → recovery, ${storedMinutes} min → 30 min`, { exact: false }).waitFor();
    await words.getByText(/^Week 1: \d+ workouts? .* \(−\d+\s%\), load \d+ → \d+$/).waitFor();
    await words
      .getByText(/^Moved .* from \w{3} \d{1,2} \w{3} to \w{3} \d{1,2} \w{3}$/)
      .first()
      .waitFor();
    await page.locator('#history').scrollIntoViewIfNeeded();
    await capture(page, 'plans-history-words');
    await page.goto(`${APP_URL}/training`);
    await interactive(page);

    // Keyboard alternative: a run moved to today from the drawer's "Move to…".
    const run = page.locator('.plan-workout:not(.plan-workout-skipped)', { has: page.locator('.visually-hidden', { hasText: 'Run:' }) });
    const runTitle = (await run.first().locator('.plan-workout-title').innerText()).replace(/^Run:\s*/, '').trim();
    const runDay = (await run.first().evaluate((el) => el.closest('.plan-day')?.getAttribute('data-date'))) as string;
    const drawer = await openDrawer(page, run.first());
    await drawer.getByText('Why this workout').waitFor();
    await capture(page, 'plans-drawer');
    if (runDay !== today) {
      await drawer.getByLabel('Move to…').fill(today);
      await drawer.getByRole('button', { name: 'Move', exact: true }).click();
      await dayCell(page, today).locator('.plan-workout', { hasText: runTitle }).waitFor();
    } else await page.keyboard.press('Escape');

    // An activity today (a Garmin export run of 30 minutes) completes it: the card and drawer say how it went.
    await page.goto(`${APP_URL}/settings/data`);
    // Started on `today` (UTC) whatever the clock: 45 minutes ago, just after midnight in a day's first 45 minutes,
    // and never past `today` if the date turned since the spec began.
    const runStart = Math.min(Math.max(Date.now() - 45 * 60_000, Date.parse(today) + 60_000), Date.parse(today) + 22 * 3_600_000);
    await page.setInputFiles('input[type="file"]', garminExportZip([runStart]));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.goto(`${APP_URL}/training`);
    await interactive(page);
    const done = dayCell(page, today).locator('.plan-workout-completed', { hasText: runTitle });
    await done.waitFor();
    assert.match(await done.locator('.plan-workout-status').innerText(), /^Done · (On target|Partly|Off target)$/);
    const matched = await openDrawer(page, done);
    await matched.getByRole('link', { name: 'See the activity' }).waitFor();
    await capture(page, 'plans-drawer-compliance');

    // Not this activity → the workout is no longer completed; "Match automatically" → it is again.
    await matched.getByText('Matched automatically').waitFor();
    await matched.getByRole('button', { name: 'Not this activity' }).click();
    await toastSays(page, `Unlinked “${runTitle}”.`);
    await done.waitFor({ state: 'detached' });
    const unlinked = dayCell(page, today).locator('.plan-workout', { hasText: runTitle });
    const never = await openDrawer(page, unlinked);
    await never.getByText('Never matched').waitFor();
    await never.getByLabel('Link an activity…').scrollIntoViewIfNeeded();
    await capture(page, 'plans-drawer-links');
    // Link it by hand to the day's activity → completed, "Linked by you"; then back to automatic matching.
    await never.getByRole('button', { name: 'Link', exact: true }).click();
    await toastSays(page, `Linked “${runTitle}” to Export run 1`);
    const manual = await openDrawer(page, done);
    await manual.getByText('Linked by you').waitFor();
    await manual.getByRole('button', { name: 'Match automatically' }).click();
    await toastSays(page, `“${runTitle}” is matched automatically again.`);
    await done.waitFor();
    await (await openDrawer(page, done)).getByText('Matched automatically').waitFor();
    await page.keyboard.press('Escape');

    // Month view, and Home's Today card.
    await page.getByRole('link', { name: 'Month' }).click();
    await page.waitForURL(/view=month/);
    await page.locator('.plan-cal-month').waitFor();
    await capture(page, 'plans-month');
    await page.goto(`${APP_URL}/home`);
    await page.locator('#today').getByText(runTitle).waitFor();
    await capture(page, 'plans-home-today');
    await page.close();
  });

  it('a conflicting undo and a second plan are explained, not broken', async () => {
    const page = watched(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const email = uniqueEmail('plans-err');
    await signUp(page, { email, password: PASSWORD, displayName: 'Eli Error' }, await createInvite());
    await giveAthletePro(email);
    await makePlan(page, false);
    await page.goto(`${APP_URL}${NEXT_WEEK}`);
    const card = page.locator('.plan-workout').first();
    await card.waitFor();
    await interactive(page);
    const title = (await card.locator('.plan-workout-title').innerText()).trim();
    const slots = page.locator('.plan-day:has(.plan-add)');
    const a = (await slots.nth(0).getAttribute('data-date')) as string;
    const b = (await slots.nth(1).getAttribute('data-date')) as string;
    await card.dragTo(dayCell(page, a));
    await dayCell(page, a).locator('.plan-workout', { hasText: title }).waitFor();
    await dayCell(page, a).locator('.plan-workout', { hasText: title }).dragTo(dayCell(page, b));
    await dayCell(page, b).locator('.plan-workout', { hasText: title }).waitFor();
    // The first move can't be undone: the second one touched the same workout since.
    await page.locator('#history li').nth(1).getByRole('button', { name: /^Undo/ }).click();
    await page.getByText(/^This can't be undone/).waitFor();
    await capture(page, 'plans-error-undo-conflict');

    // Pause from the header's menu → a banner with Resume; cancelling asks first and says the plan is kept.
    await openPlanMenu(page);
    await page.getByRole('button', { name: 'Pause plan' }).click();
    const paused = page.locator('.plan-paused');
    await paused.getByText('This plan is paused').waitFor();
    await capture(page, 'plans-paused');
    await paused.getByRole('button', { name: 'Resume plan' }).click();
    await paused.waitFor({ state: 'detached' });
    // Logged, but not undoable: the status is simply set again.
    const pausedEntry = page.locator('#history li', { hasText: 'Paused the plan' });
    await pausedEntry.waitFor();
    assert.equal(await pausedEntry.getByRole('button', { name: /^Undo/ }).count(), 0);
    await openPlanMenu(page);
    await page.getByRole('button', { name: 'Cancel plan…' }).click();
    await page.getByRole('dialog').getByText('It is kept in your history').waitFor();
    await capture(page, 'plans-cancel-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();

    // A second plan while one is active: the wizard says why instead of creating it.
    await page.goto(`${APP_URL}/training/new`);
    await page.getByText('You already have an active plan').waitFor();
    await screenshot(page, 'plans-wizard-plan-exists-1280');
    await page.close();
  });

  it('Free: one generated plan a month; the second is refused with the day the allowance comes back', async () => {
    const page = watched(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const email = uniqueEmail('plans-free');
    await signUp(page, { email, password: PASSWORD, displayName: 'Fay Free' }, await createInvite());
    await makePlan(page, false);
    await cancelActivePlan(email);
    await page.goto(`${APP_URL}/training/new`);
    assert.equal(await page.getByText('You already have an active plan').count(), 0);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Your plan, previewed').waitFor();
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText("This month's plan is used").waitFor();
    await page.getByText(/the next one is available on \d+ \w+ \d{4}/).waitFor();
    assert.equal(await page.getByText('You already have an active plan').count(), 0);
    assert.equal(new URL(page.url()).pathname, '/training/new');
    await capture(page, 'plans-free-quota');
    await page.close();
  });
});
