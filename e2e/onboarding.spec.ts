import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('onboarding: the questions while the history imports, and "Rebuild plan?"', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('sign up → four short steps (one error fixed on the way) → Home; the answers are saved; history arriving asks before rebuilding', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${APP_URL}/signup?invite=${encodeURIComponent(await createInvite())}`);
    await page.fill('input[name="displayName"]', 'Olga Onboard');
    await page.fill('input[name="email"]', uniqueEmail('onboard'));
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${APP_URL}/onboarding`), page.click('form button[type="submit"]')]);
    await page.getByText('Step 1 of 4').waitFor();
    await capture(page, 'onboarding-goal');

    await page.getByLabel('What are you training for?').selectOption('run_half');
    await page.getByLabel('Event name').fill('Harbour Half');
    await page.getByLabel('Event date').fill(isoDay(Date.now() + 100 * DAY));
    await Promise.all([page.waitForURL(/step=availability/), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.getByText('Step 2 of 4').waitFor();
    for (const day of ['Tuesday', 'Thursday', 'Saturday', 'Sunday']) await page.getByLabel(day).check();
    await page.getByLabel('Day for your long session').selectOption('6');
    await page.getByLabel('Hours a week you can give').fill('5');
    await capture(page, 'onboarding-availability');
    await Promise.all([page.waitForURL(/step=background/), page.getByRole('button', { name: 'Continue' }).click()]);

    // A return date in the future is refused, named at its field; the rest of the step is kept.
    await page.getByLabel('Injuries or niggles we should know about').fill('Tight calf last winter');
    await page.getByLabel('Yes').check();
    await page.getByLabel('When did you start again?').fill(isoDay(Date.now() + 5 * DAY));
    await page.getByLabel('When did you start again?').evaluate((el) => el.removeAttribute('max'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The return date can’t be in the future.').waitFor();
    assert.equal(await page.getByLabel('Injuries or niggles we should know about').inputValue(), 'Tight calf last winter');
    await capture(page, 'onboarding-background-error');
    await page.getByLabel('When did you start again?').fill(isoDay(Date.now() - 21 * DAY));
    await Promise.all([page.waitForURL(/step=baseline/), page.getByRole('button', { name: 'Continue' }).click()]);

    // No history yet: the baseline questions, with the import's card alongside.
    await page.getByText('Step 4 of 4').waitFor();
    await page.getByLabel('Runs a week, lately').fill('3');
    await page.getByLabel('A usual week').fill('20');
    await page.getByLabel('Your longest run lately').fill('70');
    await capture(page, 'onboarding-baseline');
    await Promise.all([page.waitForURL(`${APP_URL}/home`), page.getByRole('button', { name: 'Finish' }).click()]);
    await page.getByRole('heading', { level: 1, name: /Olga Onboard/ }).waitFor();

    const intake = (await (await page.request.get(`${APP_URL}/api/v1/intake`)).json()) as {
      answers: Record<string, unknown>;
      suggestedRequest: Record<string, unknown>;
    };
    assert.deepEqual(intake.answers.goal, { kind: 'run_half', eventName: 'Harbour Half', eventDate: isoDay(Date.now() + 100 * DAY) });
    assert.deepEqual(intake.answers.availableDays, [1, 3, 5, 6]);
    assert.equal(intake.answers.injuries, 'Tight calf last winter');
    assert.equal(intake.answers.returnDate, isoDay(Date.now() - 21 * DAY));
    assert.equal(intake.answers.weeklyDistanceM, 20_000);
    assert.equal(intake.answers.longestRunS, 4200);
    assert.deepEqual(intake.suggestedRequest.availableDays, [1, 3, 5, 6]);

    // Home names the answered goal, and the wizard starts from the answers (issue 37: it showed 10 km, no name, another date).
    await page.getByRole('link', { name: 'Create your Harbour Half plan' }).click();
    await page.waitForURL(`${APP_URL}/training/new`);
    assert.equal(await page.locator('#field-goalKind').inputValue(), 'run_half');
    assert.equal(await page.locator('#field-eventName').inputValue(), 'Harbour Half');
    assert.equal(await page.locator('#field-eventDate').inputValue(), isoDay(Date.now() + 100 * DAY));
    assert.equal(await page.locator('#field-hoursPerWeek').inputValue(), '5');
    assert.equal(await page.locator('#field-longDay').inputValue(), '6');
    for (const [day, on] of [
      ['1', true],
      ['2', false],
      ['3', true],
      ['5', true],
      ['6', true],
    ] as const)
      assert.equal(await page.locator(`input[name="days"][value="${day}"]`).isChecked(), on, `day ${day}`);
    await capture(page, 'wizard-from-answers');
    await page.goto(`${APP_URL}/home`);

    // A plan from the answers says so on Home.
    const made = await page.request.post(`${APP_URL}/api/v1/plans`, {
      data: { ...intake.suggestedRequest, includeStrength: false },
      headers: { origin: APP_URL },
    });
    assert.equal(made.status(), 201);
    const plan = (await made.json()) as { id: string; fitnessSource: string };
    assert.equal(plan.fitnessSource, 'intake');
    await page.reload();
    await page.getByText('Your plan is using your answers').waitFor();
    await capture(page, 'home-using-answers');

    // Four weeks of history arrive: the plan stays as it is, and Home asks.
    await page.goto(`${APP_URL}/settings/data`);
    const starts = Array.from({ length: 14 }, (_, i) => Date.now() - (2 + 2 * i) * DAY);
    await page.setInputFiles('input[type="file"]', garminExportZip(starts));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.goto(`${APP_URL}/home`);
    const prompt = page.locator('#rebuild');
    // The hours now read over the weeks the history covers (close to the answers here); the fitness differs.
    await prompt.getByText(/Your fitness \(CTL\) from your activities is \d+; the plan started from \d+/).waitFor();
    const active = (await (await page.request.get(`${APP_URL}/api/v1/plans/active`)).json()) as { id: string };
    assert.equal(active.id, plan.id);
    await capture(page, 'home-rebuild-prompt');
    await prompt.getByRole('link', { name: 'Rebuild plan' }).click();
    await prompt.getByText(/Your current plan is kept in your history/).waitFor();
    await capture(page, 'home-rebuild-confirm');
    await Promise.all([page.waitForURL(/rebuilt=1/), prompt.getByRole('button', { name: 'Yes, rebuild my plan' }).click()]);
    await page.getByText('Your new plan starts tomorrow').waitFor();
    const rebuilt = (await (await page.request.get(`${APP_URL}/api/v1/plans/active`)).json()) as { id: string; fitnessSource: string };
    assert.notEqual(rebuilt.id, plan.id);
    assert.equal(rebuilt.fitnessSource, 'history');
    await capture(page, 'home-rebuilt');
    await page.close();
  });
});
