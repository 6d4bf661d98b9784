// The plan wizard as the training specs fill it: a 10k in ten weeks from today, Mon/Wed/Fri/Sun, 5 h a week.
import type { Page } from 'playwright-core';

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
