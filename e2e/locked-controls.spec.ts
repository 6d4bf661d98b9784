// Free and Pro in Training, and the 360 px layouts (ADR 035): a Free athlete's workout drawer lists Pro's
// controls locked with what each does and the upgrade link, "+ Add" discloses the same in place, and
// nothing closes or bounces to a banner; at 360 px the year heatmap opens on today, the personal bests show
// pace and date without a sideways scroll, and a coach reaches Clients through the folded menu.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  garminExportZip,
  horizontalOverflow,
  interactive,
  launchBrowser,
  setProfile,
  setRole,
  createAccount,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
// Accounts are in UTC (the default), so "today" is the UTC date.
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

/** A plan through the API, as the page's own scripts call it (same origin, the session cookie). */
async function makePlan(page: Page): Promise<void> {
  const status = await page.evaluate(async (eventDate) => {
    const res = await fetch('/api/v1/plans', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        goal: { kind: 'run_10k', eventName: 'Locked 10K', eventDate },
        availableDays: [1, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
        includeStrength: false,
      }),
    });
    return res.status;
  }, plusDays(70));
  assert.equal(status, 201);
}

/** Whether the element's box lies inside the other's (in the viewport's coordinates). */
async function inside(page: Page, inner: string, outer: string): Promise<boolean> {
  return page.evaluate(
    ([i, o]) => {
      const a = document.querySelector(i!)?.getBoundingClientRect();
      const b = document.querySelector(o!)?.getBoundingClientRect();
      return !!a && !!b && a.width > 0 && a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
    },
    [inner, outer],
  );
}

describe('locked controls and 360 px layouts', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('Free: the drawer and "+ Add" show Pro’s controls locked, with their line and the upgrade link; nothing bounces', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('locked');
    await signUp(page, { email, password: PASSWORD, displayName: 'Lou Locked' }, await createInvite());
    await makePlan(page);
    // Next week: wholly inside the plan, with sessions and free days.
    await page.goto(`${APP_URL}/training?view=week&date=${plusDays(7)}`);
    const cards = page.locator('.plan-workout:not(.plan-workout-skipped)');
    await cards.first().waitFor();

    // "+ Add" on a free day is locked: it discloses what adding does and where it is, in place.
    const add = page.locator('.plan-day .locked-button[data-locked="add"]').first();
    assert.match((await add.getAttribute('aria-label')) ?? '', /^Add a workout on .+ \(part of Pro\)$/);
    assert.equal(await add.getAttribute('aria-expanded'), 'false');
    await add.click();
    assert.equal(await add.getAttribute('aria-expanded'), 'true');
    const note = page.locator(`[id="${await add.getAttribute('aria-controls')}"]`);
    await note.getByText('is part of Pro: put a workout of your own on a free day.').waitFor();
    assert.equal(await note.getByRole('link', { name: 'Upgrade to Pro' }).getAttribute('href'), '/pricing#plan-pro');
    await capture(page, 'locked-add', [1280]);
    await page.keyboard.press('Escape');
    await note.waitFor({ state: 'hidden' });
    assert.equal(await add.getAttribute('aria-expanded'), 'false');

    // The drawer: skip is offered; edit, move, swap and re-link are listed locked, each with its line.
    await cards.first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Why this workout').waitFor();
    assert.equal(await drawer.getByRole('button', { name: 'Skip' }).count(), 1);
    for (const name of ['Edit', 'Move', 'Swap days', 'Not this activity', 'Link']) {
      assert.equal(await drawer.getByRole('button', { name, exact: true }).count(), 0, `${name} is not offered`);
    }
    const locked = drawer.locator('.locked-controls');
    await locked.getByRole('heading', { name: 'Part of Pro' }).waitFor();
    const items = await locked
      .locator('.locked-item')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-locked'), e.querySelector('.locked-line')?.textContent?.trim()]));
    assert.deepEqual(
      items.map(([control]) => control),
      ['edit', 'move', 'swap', 'relink'],
    );
    for (const [control, line] of items) assert.ok((line ?? '').length > 10, `${control} says what it does`);
    const upgrade = locked.getByRole('link', { name: 'Upgrade to Pro' });
    assert.equal(await upgrade.getAttribute('href'), '/pricing#plan-pro');
    await capture(page, 'locked-drawer');
    // Nothing bounced: the drawer is still open and no upgrade banner appeared on the page behind it.
    assert.equal(await drawer.isVisible(), true);
    assert.equal(await page.locator('.plan-upgrade').count(), 0);

    // The upgrade link leads to the pricing page at Pro.
    await Promise.all([page.waitForURL(`${APP_URL}/pricing#plan-pro`), upgrade.click()]);
    await page.close();
  });

  it('360 px: the heatmap opens on today and the personal bests show pace and date without a sideways scroll', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('narrow');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Nia Narrow' }, await createInvite());
    await setProfile(email, { birthDate: '1984-03-02', sex: 'female' });
    // Three 5 km runs this week (a summary-only export: whole-activity bests).
    const starts = [1, 3, 5].map((d) => Date.parse(`${plusDays(-d)}T06:30:00Z`));
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles(
      'input[type="file"]',
      garminExportZip(starts, { distance: 500_000, duration: 1_560_000, movingDuration: 1_550_000 }),
    );
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`${APP_URL}/home`);
    await page.locator('#calendar .hm-today').waitFor();
    // The fitness chart draws on the first load (until then its box says it is drawing, never an empty panel).
    await page.locator('#fitness .chart-box svg.recharts-surface').waitFor();
    // Opened on today: once the page's scripts run, its square is inside the visible part of the scroller (scrolled
    // there late in the year; early in the year the first weeks already show it, so no scroll is needed).
    await interactive(page);
    assert.ok(await inside(page, '#calendar .hm-today', '#calendar .heatmap-scroll'), "today's square is in view");

    const bests = page.locator('#bests');
    await bests.scrollIntoViewIfNeeded();
    assert.equal(await bests.locator('.best-table').first().isVisible(), false, 'the wide table gives way to cards');
    const five = bests.locator('.best-card', { hasText: '5 km' }).first();
    // Each best's figures: its time (a link), then pace, date and age grade, one element each.
    const [pace, date, grade] = await five.locator('.best-line').first().locator('dd > span').allTextContents();
    assert.match(pace ?? '', /^\d:\d\d\s\/km$/, 'pace');
    assert.match(date ?? '', /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, 'date');
    assert.match(grade ?? '', /% age grade$/, 'age grade');
    assert.equal(await five.locator('.best-line dt').nth(1).textContent(), 'Last 12 months', 'the 12-month best');
    assert.ok(await inside(page, '#bests .best-card', '#bests'), 'the card fits the screen');
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.equal(scrollWidth, clientWidth);
    await capture(page, 'narrow-home', [360]);

    // Home's rows sit on the page's grid at both widths (they once took the coach dashboard's row padding and
    // columns), and a form value such as "−45.4" stays on one line.
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const layout = await page.evaluate(() => {
        const grid = document.querySelector('.dashboard')!.getBoundingClientRect();
        const cards = [...document.querySelectorAll('.dashboard-row-form > *')].map((c) => c.getBoundingClientRect());
        const values = [...document.querySelectorAll('#form .stat-value')].map((v) => ({
          text: v.textContent,
          lines: Math.round(v.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(v).lineHeight)),
          spills: v.scrollWidth > v.clientWidth,
        }));
        return { gridLeft: grid.left, gridRight: grid.right, cards, values };
      });
      assert.equal(Math.round(layout.cards[0]!.left), Math.round(layout.gridLeft), `${width} px: the form card starts on the grid`);
      assert.equal(Math.round(layout.cards.at(-1)!.right), Math.round(layout.gridRight), `${width} px: the chart card ends on the grid`);
      assert.ok(layout.values.length === 3, 'fitness, fatigue and form');
      for (const v of layout.values) assert.ok(v.lines === 1 && !v.spills, `${width} px: "${v.text}" on one line`);
    }
    await capture(page, 'narrow-home-wide', [1280]);
    await page.close();
  });

  it('360 px: a coach opens the folded menu (Escape closes it), goes to Coach and reaches Clients', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('menu');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Mo Menu' }, await createInvite());
    await setRole(email, 'coach');
    await page.goto(`${APP_URL}/coach`);
    await page.fill('#field-name', 'Narrow Coaching');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`${APP_URL}/settings`);
    const menu = page.getByRole('button', { name: 'Menu' });
    const main = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await main.isVisible(), false, 'the tabs are folded away');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await main.getByRole('link', { name: 'Coach', exact: true }).waitFor();
    // Focus moved into the list; Escape folds it and gives focus back to the button.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label')), 'Main');
    await capture(page, 'narrow-coach-menu', [360]);
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Menu');

    await menu.click();
    await Promise.all([page.waitForURL(`${APP_URL}/coach`), main.getByRole('link', { name: 'Coach', exact: true }).click()]);
    // A new page folds the menu again (once the navigation has rendered: wait for that state).
    await page.locator('button[aria-expanded="false"]', { hasText: 'Menu' }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    const console_ = page.getByRole('navigation', { name: 'Coaching console' });
    const clients = console_.getByRole('link', { name: 'Clients' });
    assert.ok(await inside(page, '.coach-nav-list a[href="/coach/clients"]', '.coach-nav-list'), 'Clients is whole');
    const cut = await page.evaluate(() => {
      const l = document.querySelector('.coach-nav-list');
      return !l || l.scrollWidth > l.clientWidth;
    });
    assert.equal(cut, false, 'no tab hides sideways');
    await capture(page, 'narrow-coach-nav', [360]);
    await clients.click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.close();
  });
});
