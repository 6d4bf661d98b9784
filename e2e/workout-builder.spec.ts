// The workout builder (issue 38): write "3x 10m 95-105% 5m Z1" with a warm-up and cool-down in the text
// box, see a bad token pointed at and the totals live, edit from the visual list (the text follows), save,
// and see the steps and their profile on the calendar's workout — at 360 and 1280 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillPlanWizard, NEXT_WEEK } from './plan-steps.ts';
import { APP_URL, capture, createInvite, giveAthletePro, launchBrowser, signUp, uniqueEmail } from './fixtures.ts';

const TEXT = '- warmup 15m Z2\n3x 10m 95-105% 5m Z1\n- cooldown 10m Z1';
/** The same workout as the list writes it back (the canonical text form: a repeat's steps indented). */
const CANONICAL = '- warmup 15m Z2\n3x\n  - 10m 95-105%\n  - 5m Z1\n- cooldown 10m Z1';

async function makePlan(page: Page) {
  await page.goto(`${APP_URL}/training`);
  await page.getByRole('link', { name: 'Create a plan' }).click();
  await page.waitForURL(`${APP_URL}/training/new`);
  await fillPlanWizard(page, 'Builder 10k');
  await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);
}

describe('workout builder', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('text and list edit one workout; totals live; saved, its steps show on the calendar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('builder');
    await signUp(page, { email, password: 'a long e2e passphrase', displayName: 'Bo Builder' }, await createInvite());
    await makePlan(page);
    await giveAthletePro(email);
    await page.goto(`${APP_URL}${NEXT_WEEK}`);
    const empty = page.locator('.plan-day:has(.plan-add)').first();
    const day = (await empty.getAttribute('data-date')) as string;
    await empty.locator('.plan-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('select[name="type"] option[value="intervals"]').waitFor({ state: 'attached' });
    await dialog.getByLabel('Type').selectOption('intervals');
    await dialog.getByLabel('Title').fill('Threshold 3x10');
    const text = dialog.getByLabel('Steps as text');

    // A bad token is pointed at by line, column and token; the totals wait for a text that parses.
    await text.fill('- warmup 15m Z2\n3x 10m 95-105% 5q Z1');
    await dialog
      .locator('.wb-errors')
      .getByText(/Line 2, column 16: 5q/)
      .waitFor();
    await dialog.getByText('Fix the text to see the totals.').waitFor();

    // The workout: 15 + 3 × (10 + 5) + 10 min; load (900·0.8² + 3·(600 + 300·0.7²) + 600·0.7²) / 36 = 86.
    await text.fill(TEXT);
    const totals = dialog.getByRole('status', { name: 'Totals' }).or(dialog.locator('.wb-totals'));
    await totals.getByText('Load 86').waitFor();
    await totals.getByText(/^Time 1 h 10 min$/).waitFor();
    assert.equal(await dialog.locator('.wb-errors').count(), 0);
    // The list shows the same tree: a warm-up, a repeat of two steps, a cool-down.
    await dialog.getByRole('button', { name: 'Delete Repeat 2' }).waitFor();
    assert.equal(await dialog.getByLabel('Step 2.1: length').inputValue(), '10m');
    assert.equal(await dialog.getByLabel('Step 2.1: target').inputValue(), '95-105%');

    // From the list, by keyboard: add a step (the text gains its line), move it up, then delete it (the text is back).
    await dialog.getByRole('button', { name: 'Add step' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (document.querySelector('textarea[name="steps-text"]') as HTMLTextAreaElement).value.endsWith('- 10m Z2'),
    );
    await dialog.getByRole('button', { name: 'Move Step 4 up' }).click();
    await page.waitForFunction(() =>
      (document.querySelector('textarea[name="steps-text"]') as HTMLTextAreaElement).value.includes('- 10m Z2\n- cooldown 10m Z1'),
    );
    await dialog.getByRole('button', { name: 'Delete Step 3' }).click();
    await page.waitForFunction(
      (t) => (document.querySelector('textarea[name="steps-text"]') as HTMLTextAreaElement).value === t,
      CANONICAL,
    );
    // A step's length changed in the list rewrites its line.
    await dialog.getByLabel('Step 1: length').fill('20m');
    await dialog.getByLabel('Step 1: target').focus();
    await page.waitForFunction(() =>
      (document.querySelector('textarea[name="steps-text"]') as HTMLTextAreaElement).value.startsWith('- warmup 20m Z2'),
    );
    await totals.getByText(/^Time 1 h 15 min$/).waitFor();
    await dialog.locator('.wb-profile rect').first().waitFor();
    await capture(page, 'workout-builder-form');

    await dialog.getByRole('button', { name: 'Add workout' }).click();
    await page.locator('.plan-toast').getByText('Added “Threshold 3x10”.').waitFor();
    const card = page.locator(`.plan-day[data-date="${day}"] .plan-workout`, { hasText: 'Threshold 3x10' });
    await card.waitFor();
    await card.click();
    const steps = page.getByRole('dialog').getByRole('region', { name: 'Steps' });
    await steps.getByText('- warmup 20m Z2').waitFor();
    await steps.getByText('3x', { exact: true }).waitFor();
    await steps.getByRole('img', { name: 'Intensity profile of Threshold 3x10' }).waitFor();
    // Warm-up, 3 × (10 min + 5 min), cool-down.
    assert.equal(await steps.locator('rect.wb-bar').count(), 8);
    await page
      .getByRole('dialog')
      .getByText(/1 h 15 min/)
      .first()
      .waitFor();
    await capture(page, 'workout-builder-drawer');
  });
});
