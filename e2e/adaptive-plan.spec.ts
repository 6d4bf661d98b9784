// Plans that adapt (issue 58), as a new athlete with a half-marathon plan lives it, at 1280 and at 360 px: they note
// an illness on /training/changes, Home proposes its change with the reason and the sessions it drops, they confirm,
// the calendar shows those sessions skipped, they undo from Home and the calendar is as it was. Then a coached
// athlete's change waits for the coach, who approves it with one step left out from the client page. The rules are
// the unit suite's; here the forms, the redirects and the pages agree end to end.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  APP_URL,
  SCREENSHOTS,
  capture,
  createAccount,
  createInvite,
  giveAthletePro,
  giveOrgTeam,
  horizontalOverflow,
  launchBrowser,
  setRole,
  TAKE_SCREENSHOTS,
  uniqueEmail,
} from './fixtures.ts';
import { auditPage } from './mobile-audit.ts';

const PASSWORD = 'a long e2e passphrase';
/** The date `n` days from the runner's today (the browser's and the account's zone: the e2e stack's). */
const plusDays = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString('sv-SE');

type Change = { id: string; status: string; trigger: { kind: string }; changes: { step: { kind: string; workoutId?: string } }[] };

async function athleteWithPlan(page: Page, name: string): Promise<{ email: string; planId: string }> {
  const email = uniqueEmail('adapt');
  await createAccount(page, { email, password: PASSWORD, displayName: name }, await createInvite());
  await giveAthletePro(email);
  const made = await page.request.post(`${APP_URL}/api/v1/plans`, {
    headers: { origin: APP_URL },
    data: {
      goal: { kind: 'run_half', eventDate: plusDays(70), eventName: 'Harbour Half' },
      startDate: plusDays(0),
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 6,
    },
  });
  assert.equal(made.status(), 201, await made.text());
  return { email, planId: ((await made.json()) as { id: string }).id };
}

const changes = async (page: Page, planId: string) =>
  ((await (await page.request.get(`${APP_URL}/api/v1/plans/${planId}/adaptations`)).json()) as { items: Change[] }).items;

/** Nothing scrolls sideways; at a phone's width the mobile pass's audit too (44-px targets, readable type). */
async function noSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= clientWidth, `${what} scrolls sideways: ${scrollWidth} > ${clientWidth}`);
  if ((page.viewportSize()?.width ?? 1280) < 960) assert.deepEqual(await auditPage(page), [], what);
}

/** The skipped state of each workout on the week's calendar that holds `date`. */
async function skippedOnCalendar(page: Page, date: string, ids: string[], skipped: boolean) {
  await page.goto(`${APP_URL}/training?view=week&date=${date}`);
  for (const id of ids) {
    const card = page.locator(`[data-workout-id="${id}"]`).first();
    await card.waitFor();
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel as string)?.classList.contains('plan-workout-skipped') === want,
      [`[data-workout-id="${id}"]`, skipped] as const,
    );
  }
}

async function shoot(el: Locator, page: Page, name: string) {
  if (!TAKE_SCREENSHOTS) return;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await el.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`) });
  }
}

describe('a plan that adapts', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 360]) {
    it(`notes an illness, confirms its change on Home, sees it on the calendar and undoes it (${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const { planId } = await athleteWithPlan(page, `Ada ${width}`);
      await page.goto(`${APP_URL}/training/changes`);
      await page.getByText('No changes yet').waitFor();
      await noSidewaysScroll(page, '/training/changes (empty)');
      if (width === 1280) await capture(page, 'adapt-changes-empty');

      const from = plusDays(1);
      const health = page.locator('#health');
      await health.getByLabel('From').fill(from);
      await health.getByLabel('To').fill(plusDays(3));
      await health.getByLabel('A short note').fill('Flu');
      await health.getByRole('button', { name: 'Note it' }).click();
      await page.getByText(/Noted\. Your plan proposes/).waitFor();
      const p = (await changes(page, planId)).find((c) => c.trigger.kind === 'health' && c.status === 'proposed');
      assert.ok(p, 'the illness proposed a change');
      const dropped = p.changes.flatMap((c) => (c.step.kind === 'skip' && c.step.workoutId ? [c.step.workoutId] : []));
      assert.ok(dropped.length > 0, 'the change drops the sessions inside the illness');
      await page.locator('#changes .plan-change').first().getByRole('button', { name: 'Confirm' }).waitFor();
      await noSidewaysScroll(page, '/training/changes (full)');
      if (width === 1280) await capture(page, 'adapt-changes-full');

      // Home proposes it with its reason; Confirm applies it and leaves Undo.
      await page.goto(`${APP_URL}/home`);
      const card = page.locator('#plan-changes');
      const item = card.locator('.plan-change').filter({ hasText: 'You noted an illness' }).first();
      await item.waitFor();
      await noSidewaysScroll(page, 'Home with the plan changes card');
      if (width === 1280) {
        await shoot(card, page, 'adapt-home-card');
        await capture(page, 'adapt-home');
      }
      await item.getByRole('button', { name: 'Confirm' }).click();
      await card.getByText('Applied to your plan. You can undo it here.').waitFor();
      await item.getByRole('button', { name: 'Undo' }).waitFor();

      await skippedOnCalendar(page, from, dropped, true);
      if (width === 1280) await capture(page, 'adapt-calendar-confirmed');
      await page.getByRole('link', { name: 'Plan changes' }).first().waitFor();
      await noSidewaysScroll(page, 'the calendar');

      await page.goto(`${APP_URL}/home`);
      await item.getByRole('button', { name: 'Undo' }).click();
      await card.getByText('Undone: your plan is back as it was.').waitFor();
      await skippedOnCalendar(page, from, dropped, false);
      await page.close();
    });
  }

  it('a coached athlete’s change waits for the coach, who approves it with one step left out', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { email: athleteEmail, planId } = await athleteWithPlan(athlete, 'Pia Planned');
    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('adaptcoach');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cora Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Harbour Coaching', timeZone: 'UTC' })).status(), 201);
    await giveOrgTeam(coachEmail);
    const client = await (await post('/clients', { name: 'Pia Client', email: athleteEmail })).json();
    const asked = await (await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).json();
    const me = (path: string, method = 'POST') =>
      athlete.request.fetch(`${APP_URL}/api/v1/me/coach-links/${asked.link.id}${path}`, { method, headers: { origin: APP_URL } });
    assert.equal((await me('/accept')).status(), 200);
    assert.equal((await me('/plan-edit', 'PUT')).status(), 200);

    const noted = await athlete.request.post(`${APP_URL}/api/v1/plans/${planId}/health-notes`, {
      headers: { origin: APP_URL },
      data: { kind: 'illness', from: plusDays(1), to: plusDays(4) },
    });
    assert.equal(noted.status(), 201, await noted.text());
    await athlete.goto(`${APP_URL}/home`);
    await athlete.locator('#plan-changes').getByText('Waiting for your coach').first().waitFor();

    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    const section = coach.locator('#plan-changes');
    const item = section
      .locator('.plan-change')
      .filter({ has: coach.getByRole('button', { name: 'Approve' }) })
      .first();
    await item.waitFor();
    await shoot(section, coach, 'adapt-coach-section');
    await coach.setViewportSize({ width: 1280, height: 900 });
    const steps = item.getByRole('checkbox');
    assert.ok((await steps.count()) > 1, 'the change has more than one step to pick from');
    await steps.last().uncheck();
    await item.getByRole('button', { name: 'Approve' }).click();
    await section.getByText(/Approved with \d+ of its \d+ steps/).waitFor();
    await section.getByText('Recently decided').waitFor();
    const applied = (await changes(athlete, planId)).find((c) => c.status === 'applied');
    assert.ok(applied, 'the coach’s approval applied the change');
    await athlete.close();
    await coach.close();
  });
});
