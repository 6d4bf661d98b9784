// Steps of the coach-authoring story (issue 38), kept apart so a longer spec can continue it: a coach with a
// Team org and a client who shares their training (with a plan and "may edit"), a workout built in the
// org library from the text form, and that workout dragged onto a day of the client's calendar.
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, giveOrgTeam, setRole, createAccount, signUp, uniqueEmail } from './fixtures.ts';

export const PASSWORD = 'a long e2e passphrase';
/** "3 × 10 min threshold" as a coach writes it: a warm-up, three 10-minute reps at threshold with 3 minutes easy, a cool-down. */
export const THRESHOLD = { title: '3 × 10 min threshold', text: '- warmup 10m Z1\n3x 10m 95-105% 3m Z1\n- cooldown 10m Z1' };

const ymd = (d: Date) => d.toISOString().slice(0, 10);
export const dayFromToday = (offset: number) => ymd(new Date(Date.now() + offset * 86_400_000));
export const addDays = (day: string, n: number) => ymd(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
/** Next week's Thursday (UTC, the spec's time zone): inside the plan, never today or the past. */
export function nextThursday(): string {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7) + 7));
  return ymd(new Date(monday.getTime() + 3 * 86_400_000));
}

export interface CoachedClient {
  athlete: Page;
  athleteEmail: string;
  coach: Page;
  coachEmail: string;
  clientId: string;
  planId: string;
}

/** An athlete with a 10-week plan from today, a coach (Team) whose client they are, the link accepted and "may edit" given. */
export async function coachedClient(browser: Browser, width: number, tag = 'lib'): Promise<CoachedClient> {
  const viewport = { width, height: 900 };
  const athlete = await browser.newPage({ viewport });
  const athleteEmail = uniqueEmail(`${tag}-athlete`);
  await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Ada Athlete' }, await createInvite());
  const made = await athlete.request.post(`${APP_URL}/api/v1/plans`, {
    headers: { origin: APP_URL },
    data: {
      goal: { kind: 'run_10k', eventDate: dayFromToday(70), eventName: 'Library 10K' },
      startDate: dayFromToday(0),
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
    },
  });
  assert.equal(made.status(), 201, await made.text());
  const planId = ((await made.json()) as { id: string }).id;

  const coach = await browser.newPage({ viewport });
  const coachEmail = uniqueEmail(`${tag}-coach`);
  await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cleo Coach' }, await createInvite());
  await setRole(coachEmail, 'coach');
  const post = (path: string, data: unknown) =>
    coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
  assert.equal((await post('/org', { name: 'Tempo Coaching', timeZone: 'UTC' })).status(), 201);
  await giveOrgTeam(coachEmail);
  const client = (await (await post('/clients', { name: 'Ada Client', email: athleteEmail })).json()) as { id: string };
  const asked = (await (await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).json()) as { link: { id: string } };
  const me = (path: string, method: 'POST' | 'PUT') =>
    athlete.request.fetch(`${APP_URL}/api/v1/me/coach-links/${asked.link.id}/${path}`, { method, headers: { origin: APP_URL } });
  assert.equal((await me('accept', 'POST')).status(), 200);
  assert.equal((await me('plan-edit', 'PUT')).status(), 200);
  return { athlete, athleteEmail, coach, coachEmail, clientId: client.id, planId };
}

/** Builds a workout in the org library from the text form, in a folder; returns when the library lists it. */
export async function buildLibraryWorkout(
  coach: Page,
  w: { title: string; text: string; folder?: string; type?: string },
  shot?: { name: string; widths: number[] },
) {
  await coach.goto(`${APP_URL}/coach/library`);
  const card = coach.locator('#library-workouts');
  // The type is chosen at once, as a quick coach would, before the catalog answers and redraws the list: the
  // choice must survive that.
  const catalog = coach.waitForResponse((r) => r.url().includes('/workout-types'));
  await card.getByRole('button', { name: 'New workout' }).click();
  const editor = card.locator('.library-editor');
  await editor.getByLabel('Type').selectOption(w.type ?? 'threshold');
  await catalog;
  await editor.locator('select[name="type"] option[value="race_pace"]').waitFor({ state: 'attached' });
  await editor.getByLabel('Title').fill(w.title);
  if (w.folder) await editor.getByLabel('Folder').fill(w.folder);
  await editor.getByLabel('Steps as text').fill(w.text);
  // Parsed as typed: the list shows the repeat before it is saved.
  await editor.getByRole('button', { name: 'Delete Repeat 2' }).waitFor();
  assert.equal(await editor.getByLabel('Type').inputValue(), w.type ?? 'threshold', 'the type chosen is kept');
  if (shot) await capture(coach, shot.name, shot.widths);
  await editor.getByRole('button', { name: 'Save to library' }).click();
  await card.getByText(`Saved ${w.title} to the library.`).waitFor();
  await card.locator('.library-item', { hasText: w.title }).waitFor();
}

/**
 * The mouse's own drag (Chromium's HTML5 drag and drop): source and target both in view on a tall window for
 * the drag alone, and a few small moves first so the drag starts before it travels.
 */
async function drag(page: Page, source: Locator, target: Locator) {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: 2000 });
  await source.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
  await page.setViewportSize(viewport);
}

const planSection = async (coach: Page, clientId: string) => {
  if (!coach.url().endsWith(`/coach/clients/${clientId}`)) await coach.goto(`${APP_URL}/coach/clients/${clientId}`);
  return coach.locator('#plan');
};

/** Drags the library workout onto a day of the client's calendar (the weeks shown must hold that day). */
export async function dragOntoDay(coach: Page, clientId: string, title: string, date: string) {
  const section = await planSection(coach, clientId);
  const day = section.locator(`.client-week-day[data-date="${date}"]`);
  await drag(coach, section.locator('.client-library-chip', { hasText: title }), day);
  await section.getByText(`${title} added on`).waitFor();
  await day.locator('.client-plan-day', { hasText: title }).waitFor();
}

/** Drags a workout of the client's plan from its day to another. */
export async function moveByDrag(coach: Page, clientId: string, title: string, from: string, to: string) {
  const section = await planSection(coach, clientId);
  const target = section.locator(`.client-week-day[data-date="${to}"]`);
  await drag(coach, section.locator(`.client-week-day[data-date="${from}"] .client-plan-day`, { hasText: title }), target);
  await section.getByText(`Moved ${title} to`).waitFor();
  await target.locator('.client-plan-day', { hasText: title }).waitFor();
}

/** Opens a planned workout's Edit from its menu: the dialog with the athlete's form, its steps as text. */
export async function openEdit(coach: Page, clientId: string, title: string, date: string) {
  const section = await planSection(coach, clientId);
  const row = section.locator(`.client-week-day[data-date="${date}"] .client-plan-day`, { hasText: title });
  await row.locator('summary').click();
  await row.getByRole('button', { name: 'Edit' }).click();
  const dialog = coach.getByRole('dialog');
  await dialog.getByLabel('Steps as text').waitFor();
  return dialog;
}

/** A template of one week from library workouts by weekday (0 = Monday), built on /coach/library. */
export async function buildTemplate(coach: Page, name: string, days: { weekday: number; title: string }[]) {
  await coach.goto(`${APP_URL}/coach/library`);
  const card = coach.locator('#library-templates');
  await card.getByRole('button', { name: 'New template' }).click();
  await card.getByLabel('Name').fill(name);
  for (const d of days) {
    const select = card.getByRole('combobox', { name: `Week 1 ${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d.weekday]}` });
    await select.selectOption({ label: d.title });
  }
  await card.getByRole('button', { name: 'Save template' }).click();
  await card.getByText(`Saved the template ${name}.`).waitFor();
  return card.locator('.library-template', { hasText: name });
}
