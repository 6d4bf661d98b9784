// Forms above the keyboard (issue 41): on a small phone (360 × 640) with its keyboard up, 360 × 400 are left. The
// forms an athlete types into on the move (the daily check-in, the settings forms, the workout builder in a plan's
// drawer, the AI coach composer) each bring every field into view when it takes the focus, with nothing fixed or
// sticky over it, scrolling down the form and back up. The mobile pass runs the same check on every page; this one
// also opens what a tap opens (the drawer) and fails if a form it names is gone rather than passing on nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { APP_URL, createInvite, giveAthletePro, screenshot, createAccount, uniqueEmail } from './fixtures.ts';
import { keyboardFindings } from './mobile-audit.ts';
import { fillPlanWizard, NEXT_WEEK } from './plan-steps.ts';
import { browserForSpec } from './strava-steps.ts';

/**
 * Opens `path` at 360 × 640, runs `open` (a tap that reveals the form), and answers the findings in `scope` with the
 * keyboard up and, for a hardware keyboard or a field tapped with the keyboard down, at the full 640 px.
 */
async function checkForm(page: Page, label: string, path: string, scope: string, open?: () => Promise<void>): Promise<string[]> {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(`${APP_URL}${path}`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await open?.();
  const fields = page.locator(`${scope} :is(input:not([type="hidden"]), textarea, select)`);
  assert.ok((await fields.count()) > 0, `${label}: no fields in ${scope} on ${path}`);
  await screenshot(page, `mobile/keyboard-${label.toLowerCase().replace(/\W+/g, '-')}`);
  const up = await keyboardFindings(page, { scope });
  const down = await keyboardFindings(page, { scope, height: 640 });
  return [...up.map((f) => `${label} (${path}), keyboard up: ${f}`), ...down.map((f) => `${label} (${path}), keyboard down: ${f}`)];
}

describe('forms above the on-screen keyboard at 360 × 640', () => {
  const browser = browserForSpec();

  it('check-in, settings, workout builder and AI coach composer: every field shows on focus, uncovered', async () => {
    const page = await browser().newPage({ viewport: { width: 360, height: 640 } });
    const email = uniqueEmail('keyboard');
    await createAccount(page, { email, password: 'a long e2e passphrase', displayName: 'Kai Keyboard' }, await createInvite());
    await giveAthletePro(email);
    await page.goto(`${APP_URL}/training/new`);
    await fillPlanWizard(page, 'Keyboard 10k');
    await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);

    const problems = [
      ...(await checkForm(page, 'Check-in', '/home', '.checkin-form')),
      ...(await checkForm(page, 'Profile settings', '/settings', 'main')),
      ...(await checkForm(page, 'Training settings', '/settings/training', 'main')),
      ...(await checkForm(page, 'Notification settings', '/settings/notifications', 'main')),
      ...(await checkForm(page, 'Workout builder', NEXT_WEEK, 'dialog[open]', async () => {
        await page.locator('.plan-day:has(.plan-add) .plan-add').first().click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('select[name="type"] option[value="intervals"]').waitFor({ state: 'attached' });
        await dialog.getByLabel('Type').selectOption('intervals');
        // A written workout, so the builder's list of steps (each with its own fields) is there too.
        await dialog.getByLabel('Steps as text').fill('- warmup 15m Z2\n3x 10m 95-105% 5m Z1\n- cooldown 10m Z1');
        await dialog.getByRole('button', { name: 'Delete Repeat 2' }).waitFor();
      })),
      ...(await checkForm(page, 'AI coach composer', '/ai-coach', '.coach-composer')),
    ];
    assert.deepEqual(problems, []);
    await page.close();
  });
});
