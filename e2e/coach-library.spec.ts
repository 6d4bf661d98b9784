// A coach authors training (issue 38), at 360 and 1280 px: builds "3 × 10 min threshold" from the text form,
// saves it to the org library, drags it onto a client's Thursday, and the athlete's /training shows it with
// its steps (a warm-up, 3 × (10 min + 3 min), a cool-down). The steps live in coach-library-steps.ts so a
// longer story (Garmin, the session, the conversation) can go on from here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  addDays,
  buildLibraryWorkout,
  buildTemplate,
  coachedClient,
  dayFromToday,
  dragOntoDay,
  moveByDrag,
  nextThursday,
  openEdit,
  THRESHOLD,
} from './coach-library-steps.ts';
import { APP_URL, capture, launchBrowser, SCREENSHOTS } from './fixtures.ts';

describe('coach library', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [360, 1280]) {
    it(`builds a workout, drags it onto a client’s Thursday, the athlete sees its steps (${width} px)`, async () => {
      const c = await coachedClient(browser, width, `lib${width}`);
      await buildLibraryWorkout(c.coach, { ...THRESHOLD, folder: 'Run quality' }, { name: 'coach-library-builder', widths: [width] });
      const item = c.coach.locator('.library-item', { hasText: THRESHOLD.title });
      // 10 + 3 × (10 + 3) + 10 minutes.
      await item.getByText('Run · threshold · 59 min').waitFor();
      await capture(c.coach, 'coach-library', [width]);

      const thursday = nextThursday();
      await c.coach.goto(`${APP_URL}/coach/clients/${c.clientId}`);
      await c.coach.locator('#plan').getByRole('heading', { name: 'Next week' }).waitFor();
      await dragOntoDay(c.coach, c.clientId, THRESHOLD.title, thursday);
      // The plan starts today: this week's days before it say so (not "Rest", which is a plan's day off).
      const monday = addDays(thursday, -10);
      if (monday < dayFromToday(0))
        await c.coach.locator(`#plan .client-week-day[data-date="${monday}"]`).getByText('Before the plan').waitFor();
      await c.coach.locator('#plan').scrollIntoViewIfNeeded();
      await capture(c.coach, 'coach-client-week', [width]);
      // The plan section alone (the whole client page is too tall to read it).
      await c.coach.locator('#plan').screenshot({ path: join(SCREENSHOTS, `coach-client-week-section-${width}.png`) });

      // The athlete's calendar: the workout on Thursday, its steps as the coach wrote them.
      await c.athlete.goto(`${APP_URL}/training?view=week&date=${thursday}`);
      const card = c.athlete.locator(`.plan-day[data-date="${thursday}"] .plan-workout`, { hasText: THRESHOLD.title });
      await card.waitFor();
      await card.click();
      const steps = c.athlete.getByRole('dialog').getByRole('region', { name: 'Steps' });
      await steps.getByText('3x', { exact: true }).waitFor();
      await steps.getByText('- warmup 10m Z1').waitFor();
      assert.equal(await steps.locator('rect.wb-bar').count(), 8);
      await capture(c.athlete, 'coach-library-athlete', [width]);

      // The coach edits it (a fourth rep, from the text) and drags it to Friday.
      const dialog = await openEdit(c.coach, c.clientId, THRESHOLD.title, thursday);
      assert.equal(
        await dialog.getByLabel('Steps as text').inputValue(),
        '- warmup 10m Z1\n3x\n  - 10m 95-105%\n  - 3m Z1\n- cooldown 10m Z1',
      );
      await dialog.getByLabel('Title').fill('4 × 10 min threshold');
      await dialog.getByLabel('Steps as text').fill('- warmup 10m Z1\n4x 10m 95-105% 3m Z1\n- cooldown 10m Z1');
      await capture(c.coach, 'coach-client-edit', [width]);
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      const plan = c.coach.locator('#plan');
      await plan.getByText('Saved 4 × 10 min threshold.').waitFor();
      // 10 + 4 × (10 + 3) + 10 minutes.
      await plan.locator(`.client-week-day[data-date="${thursday}"]`).getByText('Run · 1 h 12 min').waitFor();
      await moveByDrag(c.coach, c.clientId, '4 × 10 min threshold', thursday, addDays(thursday, 1));
    });
  }

  it('builds a template from the library and applies it to a client from a Monday: a result per client', async () => {
    const c = await coachedClient(browser, 1280, 'tpl');
    await buildLibraryWorkout(c.coach, THRESHOLD);
    const template = await buildTemplate(c.coach, 'Threshold week', [{ weekday: 3, title: THRESHOLD.title }]);
    await template.getByText('Week 1 Thu: 3 × 10 min threshold').waitFor();
    await template.getByRole('button', { name: 'Apply Threshold week to clients' }).click();
    await template.getByRole('checkbox', { name: 'Ada Client' }).check();
    const monday = addDays(nextThursday(), -3);
    assert.equal(await template.getByLabel('Week 1 starts (a Monday)').inputValue(), monday);
    await template.getByRole('button', { name: 'Apply Threshold week' }).click();
    const results = template.getByRole('list', { name: 'Results per client' });
    await results.getByText('Added 1 workout').waitFor();
    await capture(c.coach, 'coach-library-template', [360, 1280]);
    // Applied again: already there, nothing doubled.
    await template.getByRole('button', { name: 'Apply Threshold week' }).click();
    await results.getByText('Already on their plan').waitFor();
    await holdsOnce(c, nextThursday());

    // The keyboard's way onto a day: "Add to a day…", the workout and the date, no drag.
    const plan = c.coach.locator('#plan');
    await plan.getByText('Add to a day…').focus();
    await c.coach.keyboard.press('Enter');
    const form = plan.getByRole('form', { name: 'Add to a day' });
    await form.getByLabel('Workout').selectOption({ label: THRESHOLD.title });
    await form.getByLabel('Day').fill(addDays(nextThursday(), 2));
    await form.getByRole('button', { name: 'Add to their calendar' }).press('Enter');
    await plan.getByText(`${THRESHOLD.title} added on`).waitFor();
    await plan
      .locator(`.client-week-day[data-date="${addDays(nextThursday(), 2)}"] .client-plan-day`, { hasText: THRESHOLD.title })
      .waitFor();
  });
});

/** The client's Thursday holds the template's workout once. */
async function holdsOnce(c: { coach: Page; clientId: string }, day: string) {
  await c.coach.goto(`${APP_URL}/coach/clients/${c.clientId}`);
  const cell = c.coach.locator(`#plan .client-week-day[data-date="${day}"]`);
  await cell.locator('.client-plan-day', { hasText: THRESHOLD.title }).waitFor();
  assert.equal(await cell.locator('.client-plan-day', { hasText: THRESHOLD.title }).count(), 1);
}
