// A coach authors training (issue 38), at 360 and 1280 px: builds "3 × 10 min threshold" from the text form,
// saves it to the org library, drags it onto a client's Thursday, and the athlete's /training shows it with
// its steps (a warm-up, 3 × (10 min + 3 min), a cool-down). The steps live in coach-library-steps.ts so a
// longer story (Garmin, the session, the conversation) can go on from here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildLibraryWorkout, coachedClient, dragOntoDay, nextThursday, THRESHOLD } from './coach-library-steps.ts';
import { APP_URL, capture, launchBrowser } from './fixtures.ts';

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
      await c.coach.locator('#plan').scrollIntoViewIfNeeded();
      await capture(c.coach, 'coach-client-week', [width]);

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
    });
  }
});
