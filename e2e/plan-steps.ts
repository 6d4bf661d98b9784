// The training specs' shared steps: the plan wizard as they fill it (a 10k in ten weeks from today, Mon/Wed/Fri/Sun,
// 5 h a week), and waiting for a change's toast with the page's diary at hand.
import assert from 'node:assert/strict';
import type { Locator, Page, Request, Response } from 'playwright-core';
import { interactive } from './fixtures.ts';

const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Next week on the calendar: the plan's days there are all in it whatever today is. This week holds only the days
 * left, so on a Sunday its one day has a workout and no free day to add to or move onto.
 */
export const NEXT_WEEK = `/training?view=week&date=${plusDays(7)}`;

/** On /training/new: fills the wizard for `eventName` and asks for the preview, waiting for it. */
export async function fillPlanWizard(page: Page, eventName: string, beforePreview?: () => Promise<void>): Promise<void> {
  await page.selectOption('#field-goalKind', 'run_10k');
  await page.fill('#field-eventName', eventName);
  await page.fill('#field-eventDate', plusDays(70));
  await page.fill('#field-startDate', today);
  for (const day of [0, 1, 2, 3, 4, 5, 6]) await page.locator(`input[name="days"][value="${day}"]`).setChecked(day % 2 === 0);
  await page.fill('#field-hoursPerWeek', '5');
  await beforePreview?.();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('Your plan, previewed').waitFor();
}

/**
 * Opens a workout's drawer from its card, once the page's scripts have taken over (a click before opens nothing),
 * and waits for what the drawer reads on opening (the step check, the conversation) to be in: a section arriving
 * between a click's press and release moves the button from under it.
 */
export async function openDrawer(page: Page, card: Locator): Promise<Locator> {
  await interactive(page);
  await card.click();
  const drawer = page.getByRole('dialog');
  await drawer.waitFor();
  await drawer.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  return drawer;
}

/** The plan page's toast: what a change did (with Undo), or why it was refused. */
export const toast = (page: Page) => page.locator('.plan-toast');

// What each page saw that a missing toast would be explained by: its script errors, the changes it sent and the API's refusals.
const diaries = new WeakMap<Page, string[]>();
export function watched(page: Page): Page {
  const seen: string[] = [];
  diaries.set(page, seen);
  const note = (line: string) => {
    seen.push(line);
    if (seen.length > 20) seen.shift();
  };
  // Every change the page sends is noted, answered or not; of the reads only the refused ones.
  const api = (r: Request) => r.url().includes('/api/');
  page.on('request', (r: Request) => {
    if (api(r) && r.method() !== 'GET') note(`${r.method()} ${new URL(r.url()).pathname} sent`);
  });
  page.on('response', (r: Response) => {
    if (api(r.request()) && (r.status() >= 300 || r.request().method() !== 'GET'))
      note(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
  page.on('requestfailed', (r: Request) => note(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  return page;
}

/** Waits for the toast to say `text`: a refusal shown instead fails at once with its words, no toast with the page's diary. */
export async function toastSays(page: Page, text: string | RegExp): Promise<void> {
  const refused = page.locator('.plan-toast-error');
  try {
    await Promise.race([
      toast(page).getByText(text).waitFor(),
      refused.waitFor().then(async () => assert.fail(`the change was refused: ${await refused.innerText()}`)),
    ]);
  } catch (err) {
    const seen = diaries.get(page)?.join('; ') || 'nothing';
    throw new Error(`no toast saying ${String(text)} on ${page.url()}; the page saw: ${seen}`, { cause: err });
  }
}

/**
 * Opens the plan header's menu and waits until it is open. A notice above it (the undo toast's answer, an edit's
 * warnings) can come or go as the click lands and move the summary away from it: the menu's own state says whether
 * the click took, and it is clicked again (three times at most) until it has.
 */
export async function openPlanMenu(page: Page) {
  const menu = page.locator('details.plan-menu');
  for (let i = 0; i < 3 && !(await menu.evaluate((d: HTMLDetailsElement) => d.open)); i++) {
    await menu.locator('summary').click();
    await page
      .waitForFunction(() => document.querySelector('details.plan-menu')?.hasAttribute('open') ?? false, undefined, { timeout: 5_000 })
      .catch(() => {});
  }
  await menu.locator('.plan-menu-body').waitFor();
}
