// A linked coach and the athlete's training plan: the coach sees it on the client page (and a Retry
// when it fails to load), the athlete allows edits with the "May edit my plan" switch in Settings →
// Coaches, the coach skips a workout from its menu, and the athlete's history names the coach.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  APP_URL,
  SCREENSHOTS,
  capture,
  createInvite,
  giveOrgTeam,
  launchBrowser,
  setRole,
  createAccount,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The plan section alone at 360 and 1280 px (full-page shots of the client page are too tall to read it). */
async function shootSection(page: Page, el: Locator, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await el.screenshot({ path: join(SCREENSHOTS, `${name}-section-${width}.png`) });
  }
}

describe('a linked client’s plan', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('coach sees the plan, athlete allows edits, coach skips a workout, athlete sees who did', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('planned');
    await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Pia Planned' }, await createInvite());
    const made = await athlete.request.post(`${APP_URL}/api/v1/plans`, {
      headers: { origin: APP_URL },
      data: {
        goal: { kind: 'run_half', eventDate: day(70), eventName: 'Harbour Half' },
        startDate: day(0),
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 6,
      },
    });
    assert.equal(made.status(), 201, await made.text());
    const plan = await made.json();

    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('plancoach');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cora Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Harbour Coaching', timeZone: 'UTC' })).status(), 201);
    await giveOrgTeam(coachEmail);
    const client = await (await post('/clients', { name: 'Pia Client', email: athleteEmail })).json();

    // Before the link: the plan section says where the plan will come from.
    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    const section = coach.locator('#plan');
    await section.getByText('Once this client shares their training with you, their plan shows here.').waitFor();

    const asked = await (await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).json();
    const accepted = await athlete.request.post(`${APP_URL}/api/v1/me/coach-links/${asked.link.id}/accept`, {
      headers: { origin: APP_URL },
    });
    assert.equal(accepted.status(), 200);

    // Loading fails once: Retry, then the plan, view-only until the athlete allows edits.
    let failing = true;
    await coach.route('**/api/v1/coach/clients/*/plan', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.', requestId: 'e2e' },
            }),
          })
        : route.continue(),
    );
    await coach.reload();
    await section.getByRole('button', { name: 'Retry' }).waitFor();
    await coach.locator('#training').getByText('Shared by Pia Planned').waitFor();
    await section.scrollIntoViewIfNeeded();
    await capture(coach, 'coach-client-plan-error');
    failing = false;
    await section.getByRole('button', { name: 'Retry' }).click();
    await section.getByText('Harbour Half').waitFor();
    await coach.unroute('**/api/v1/coach/clients/*/plan');
    await section.getByText('Pia Planned can allow you to change their plan in their Cadence settings.').waitFor();
    await section.getByRole('heading', { name: 'This week' }).waitFor();
    await section.getByRole('heading', { name: 'Next week' }).waitFor();
    assert.equal(await section.locator('summary').count(), 0);
    await capture(coach, 'coach-client-plan-view-only');
    await shootSection(coach, section, 'coach-client-plan-view-only');

    // The athlete allows edits in Settings → Coaches.
    await athlete.goto(`${APP_URL}/settings#coaches`);
    const coaches = athlete.locator('#coaches');
    const toggle = coaches.getByRole('switch', { name: 'May edit my plan' });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await capture(athlete, 'settings-coaches-plan-edit-off');
    await toggle.click();
    await coaches.getByText('They may now change your plan.', { exact: false }).waitFor();
    await coaches.locator('[role="switch"][aria-checked="true"]').waitFor({ timeout: 30_000 });
    await capture(athlete, 'settings-coaches-plan-edit-on');

    // The coach skips the first workout from its menu.
    await coach.reload();
    const first = section.locator('.client-plan-day').first();
    const title = (await first.locator('.client-plan-title').textContent()) ?? '';
    await first.locator('summary').click();
    await first.getByRole('button', { name: 'Skip' }).waitFor();
    await capture(coach, 'coach-client-plan-menu');
    await shootSection(coach, section, 'coach-client-plan-menu');
    await first.getByRole('button', { name: 'Skip' }).click();
    await section.getByText(`Skipped ${title}.`).waitFor();
    await section.locator('.client-plan-day').first().getByText('Skipped', { exact: true }).waitFor();
    await capture(coach, 'coach-client-plan-edited');
    await shootSection(coach, section, 'coach-client-plan-edited');

    // The athlete's history names the coach.
    const history = await (await athlete.request.get(`${APP_URL}/api/v1/plans/${plan.id}/changes`)).json();
    assert.deepEqual(
      history.changes.map((c: { action: string; source: string; actor: { name: string; role: string } }) => [
        c.action,
        c.source,
        c.actor.name,
        c.actor.role,
      ]),
      [['skip', 'coach', 'Cora Coach', 'coach']],
    );

    // Withdrawn: the menus go.
    await athlete.reload();
    await coaches.getByRole('switch', { name: 'May edit my plan' }).click();
    await coaches.getByText('They can no longer change your plan; they still see it.').waitFor();
    await coach.reload();
    await section.getByText('Pia Planned can allow you to change their plan in their Cadence settings.').waitFor();
    assert.equal(await section.locator('summary').count(), 0);
  });
});
