// The library on the training calendar (issue 38): save a planned workout to the library from its drawer
// (on Free, where adding stays locked), drag it from the library panel onto another day in the week view, undo that from the toast, and add it
// by keyboard ("Add to a day…") in the month view at 360 px — screenshots at 360 and 1280.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillPlanWizard, openDrawer } from './plan-steps.ts';
import { APP_URL, capture, createInvite, giveAthletePro, launchBrowser, signUp, uniqueEmail } from './fixtures.ts';

// Accounts are in UTC (the default), so "today" is the UTC date.
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
// Next week is wholly inside the plan (it starts today): Mon/Wed/Fri/Sun train, Tue/Thu/Sat are free.
const nextMonday = plusDays(7 - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
const next = (weekday: number) => new Date(Date.parse(nextMonday) + weekday * 86_400_000).toISOString().slice(0, 10);

const dayCell = (page: Page, date: string) => page.locator(`.plan-day[data-date="${date}"]`);
const toast = (page: Page) => page.locator('.plan-toast');

async function makePlan(page: Page) {
  await page.goto(`${APP_URL}/training`);
  await page.getByRole('link', { name: 'Create a plan' }).click();
  await page.waitForURL(`${APP_URL}/training/new`);
  await fillPlanWizard(page, 'Library 10k');
  await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);
}

describe('the library on the training calendar', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('saves a workout from the drawer, drags it onto a day (undone from the toast) and adds it by keyboard in the month', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('callib');
    await signUp(page, { email, password: 'a long e2e passphrase', displayName: 'Lib Runner' }, await createInvite());
    await makePlan(page);
    const [wed, tue, thu] = [next(2), next(1), next(3)];
    await page.goto(`${APP_URL}/training?view=week&date=${nextMonday}`);

    // Save to library: from the drawer of next Wednesday's workout; the toast links to the library.
    const source = dayCell(page, wed).locator('.plan-workout').first();
    const title = ((await source.locator('.plan-workout-title').textContent()) ?? '').trim();
    assert.ok(title, 'next Wednesday has a workout');
    const drawer = await openDrawer(page, source);
    await drawer.getByRole('button', { name: 'Save to library' }).scrollIntoViewIfNeeded();
    await capture(page, 'library-calendar-drawer');
    await drawer.getByRole('button', { name: 'Save to library' }).click();
    await toast(page).getByText(`Saved “${title}” to your library.`).waitFor();
    assert.equal(await toast(page).getByRole('link', { name: 'Open the library' }).getAttribute('href'), '/training/library');
    await capture(page, 'library-calendar-saved');

    // On Free, saving works but adding is Pro's: the item does not drag and its "Add to a day…" is locked.
    await page.getByRole('button', { name: 'Library (1)' }).click();
    const locked = page.getByRole('complementary', { name: 'Your library' }).locator('.lib-item', { hasText: title });
    await locked.locator('[data-locked="add"]').waitFor();
    assert.notEqual(await locked.getAttribute('draggable'), 'true');
    await giveAthletePro(email);
    await page.reload();

    // The panel: its search finds the workout by a word of its title; it drags onto next Tuesday.
    await page.getByRole('button', { name: 'Library (1)' }).click();
    const panel = page.getByRole('complementary', { name: 'Your library' });
    const item = panel.locator('.lib-item', { hasText: title });
    await panel.getByLabel('Search').fill('no such workout');
    await panel.getByText('No workout matches.').waitFor();
    await panel.getByLabel('Search').fill(title.split(' ')[0]!.toLowerCase());
    await item.waitFor();
    assert.equal(await item.getAttribute('draggable'), 'true');
    await capture(page, 'library-calendar-week');
    assert.equal(await dayCell(page, tue).locator('.plan-workout', { hasText: title }).count(), 0);
    // The panel at the top, so the drag goes from the item straight down to the day.
    await item.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await item.dragTo(dayCell(page, tue), { sourcePosition: { x: 12, y: 12 } });
    await toast(page).getByText(`Added “${title}” on`).waitFor();
    await dayCell(page, tue).locator('.plan-workout', { hasText: title }).waitFor();
    // The panel stays open through the page's re-read.
    await item.waitFor();
    await capture(page, 'library-calendar-dropped');
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    await toast(page).getByText('Change undone.').waitFor();
    await page.waitForFunction(
      ([d, t]) => ![...document.querySelectorAll(`.plan-day[data-date="${d}"] .plan-workout-title`)].some((e) => e.textContent === t),
      [tue, title] as const,
    );

    // Month view at 360 px, by keyboard: open the library, "Add to a day…", the day, Enter.
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`${APP_URL}/training?view=month&date=${thu}`);
    await page.getByRole('button', { name: 'Library (1)' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Add “${title}” to a day…` }).focus();
    await page.keyboard.press('Enter');
    const dayField = page.getByLabel(`Day for “${title}”`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'date');
    await dayField.fill(thu);
    await page.keyboard.press('Enter');
    await toast(page).getByText(`Added “${title}” on`).waitFor();
    await dayCell(page, thu).locator('.plan-workout', { hasText: title }).waitFor();
    await capture(page, 'library-calendar-month');
    await page.close();
  });

  it('without a plan, the panel lists the library and says a plan comes first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(
      page,
      { email: uniqueEmail('callib-noplan'), password: 'a long e2e passphrase', displayName: 'No Plan' },
      await createInvite(),
    );
    await page.goto(`${APP_URL}/training`);
    const made = await page.evaluate(async () => {
      const res = await fetch('/api/v1/library/workouts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sport: 'bike', type: 'easy', title: 'Easy spin', durationSec: 3600, folder: 'Base', tags: ['recovery'] }),
      });
      return res.status;
    });
    assert.equal(made, 201);
    await page.reload();
    await page.getByRole('button', { name: 'Library (1)' }).click();
    const panel = page.getByRole('complementary', { name: 'Your library' });
    await panel.locator('.lib-item', { hasText: 'Easy spin' }).waitFor();
    await panel.getByRole('link', { name: 'Create a plan' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: /to a day/ }).count(), 0);
    assert.notEqual(await panel.locator('.lib-item').getAttribute('draggable'), 'true');
    // The folder and tag filters appear once the library uses them.
    await panel.getByLabel('Folder').selectOption('Base');
    await panel.getByLabel('Tag').selectOption('recovery');
    await panel.locator('.lib-item', { hasText: 'Easy spin' }).waitFor();
    await capture(page, 'library-calendar-noplan');
    await page.close();
  });
});
