// Shared helpers for the browser specs. Each spec creates the data it needs (its own invite and
// user) in the throwaway stack that scripts/e2e.ts starts; nothing depends on demo seed data.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import pg from 'pg';
import type { Page } from 'playwright-core';

export const APP_URL = required('APP_URL');
const DATABASE_URL = required('DATABASE_URL');
export const SANDBOX_URL = required('SANDBOX_URL');
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:e2e\``);
  return value;
}

/** Runs `run` on a client of the e2e stack's database, closed afterwards. */
export async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export { launchBrowser } from './csp-guard.ts';
export { lowestTextContrast } from './contrast.ts';

export const uniqueEmail = (tag = 'e2e') => `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

/** Sets profile fields straight in the database (for specs about something else than the profile form). */
export async function setProfile(email: string, fields: { birthDate: string; sex: 'female' | 'male' }): Promise<void> {
  return withDatabase(async (client) => {
    await client.query('update users set birth_date = $2, sex = $3 where lower(email) = lower($1)', [email, fields.birthDate, fields.sex]);
  });
}

/** Gives the account a role (as an operator would), straight in the database. */
export async function setRole(email: string, role: 'athlete' | 'coach' | 'admin' | 'owner'): Promise<void> {
  return withDatabase(async (client) => {
    await client.query('update users set role = $2, auth_version = auth_version + 1 where lower(email) = lower($1)', [email, role]);
  });
}

/** Puts the owner's coaching business on Team for a year (an operator's comp), straight in the database. */
export async function giveOrgTeam(ownerEmail: string): Promise<void> {
  return withDatabase(async (client) => {
    const { rowCount } = await client.query(
      `insert into membership_grants (org_id, kind, tier, ends_at, reason)
       select m.org_id, 'comp', 'team', now() + interval '365 days', 'e2e'
         from org_members m join users u on u.id = m.user_id
        where lower(u.email) = lower($1) and m.role = 'owner'`,
      [ownerEmail],
    );
    if (rowCount !== 1) throw new Error(`giveOrgTeam: ${ownerEmail} owns no organisation`);
  });
}

/** Gives the athlete Pro for a month (an operator's comp), straight in the database. */
export async function giveAthletePro(email: string): Promise<void> {
  return withDatabase(async (client) => {
    const { rowCount } = await client.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'pro', now() + interval '30 days', 'e2e' from users where lower(email) = lower($1)`,
      [email],
    );
    if (rowCount !== 1) throw new Error(`giveAthletePro: no user ${email}`);
  });
}

/** Cancels the athlete's active plan straight in the database (as if they had cancelled it). */
export async function cancelActivePlan(email: string): Promise<void> {
  return withDatabase(async (client) => {
    await client.query(
      `update plans set status = 'cancelled' where status = 'active' and user_id = (select id from users where lower(email) = lower($1))`,
      [email],
    );
  });
}

/**
 * Brings the account's scheduled emails (a digest waiting for its send time) due now, instead of waiting for
 * the clock; answers how many it moved. The due sweep still has to find and send them.
 */
export async function emailsDueNow(email: string): Promise<number> {
  return withDatabase(async (client) => {
    const { rowCount } = await client.query(
      `update notification_deliveries set due_at = now()
        where status = 'scheduled' and user_id = (select id from users where lower(email) = lower($1))`,
      [email],
    );
    return rowCount ?? 0;
  });
}

export async function createInvite(): Promise<string> {
  const code = `E2E-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  await withDatabase(async (client) => {
    await client.query('insert into invites (code, max_uses, note) values ($1, 1, $2)', [code, 'e2e']);
  });
  return code;
}

/** The newest email to `to` in the sandbox outbox, waiting for it to arrive. */
export async function waitForEmail(to: string, timeoutMs = 10_000): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${SANDBOX_URL}/email/outbox.json?to=${encodeURIComponent(to)}`);
    const { messages } = (await res.json()) as { messages: { subject: string; text: string }[] };
    if (messages[0]) return messages[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to} within ${timeoutMs} ms`);
}

/**
 * A new account for a spec about something else: the same two form posts the sign-up page and onboarding's "Skip the
 * questions — go to Home" make (their actions, session cookie and redirects, into the page's context), without drawing
 * either page or Home in chromium. The page is left where it was; the spec opens what it is about. The time zone is
 * the browser's, as the form preselects it. Specs about signing up (auth, onboarding) use signUp.
 */
export async function createAccount(
  page: Page,
  user: { email: string; password: string; displayName: string },
  invite: string,
): Promise<void> {
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await postForm(page, '/signup', { ...user, inviteCode: invite, timeZone }, '/onboarding');
  await postForm(page, '/onboarding', { intent: 'finish' }, '/home');
}

/** A form post as the page's own form makes it (same origin), which must redirect to `to`. */
async function postForm(page: Page, path: string, form: Record<string, string>, to: string): Promise<void> {
  const res = await page.request.post(`${APP_URL}${path}`, { form, headers: { origin: APP_URL }, maxRedirects: 0 });
  const location = res.headers().location;
  if (res.status() !== 302 || location !== to) {
    throw new Error(`POST ${path} answered ${res.status()} ${location ?? (await res.text()).slice(0, 300)}, not a redirect to ${to}`);
  }
}

/** Signs up through the pages, as a person does, ending on Home. */
export async function signUp(page: Page, user: { email: string; password: string; displayName: string }, invite: string): Promise<void> {
  await page.goto(`${APP_URL}/signup?invite=${encodeURIComponent(invite)}`);
  await fillSignup(page, user);
}

export async function fillSignup(page: Page, user: { email: string; password: string; displayName: string }): Promise<void> {
  await page.fill('input[name="displayName"]', user.displayName);
  await page.fill('input[name="email"]', user.email);
  await page.fill('input[name="password"]', user.password);
  await Promise.all([page.waitForURL(`${APP_URL}/onboarding`), page.click('form button[type="submit"]')]);
  // A new account is offered the optional questions first; specs about other things skip them in one click.
  await Promise.all([page.waitForURL(`${APP_URL}/home`), page.getByRole('button', { name: 'Skip the questions — go to Home' }).click()]);
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${APP_URL}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(`${APP_URL}/home`), page.click('form button[type="submit"]')]);
}

/**
 * Polls a JSON endpoint of the API as the page's user (its context's cookies) until `ready` holds of the answer,
 * and answers it. Background work (imports, queues, webhooks) is waited for here rather than by reloading the
 * page: an API read is cheap where a reload is a server render and a hydration in chromium. The page is then
 * loaded once and checked as before. The deadline is generous: CI's runner is loaded.
 */
export async function waitForApi<T>(page: Page, path: string, ready: (body: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await page.request.get(`${APP_URL}${path}`);
    const body = res.ok() ? ((await res.json()) as T) : undefined;
    if (body !== undefined && ready(body)) return body;
    if (Date.now() > deadline) {
      const last = body === undefined ? `${res.status()} ${await res.text()}` : JSON.stringify(body);
      throw new Error(`still waiting for ${what} after ${timeoutMs / 1000} s (GET ${path}); it last answered ${last.slice(0, 1000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A live door's card on Data sources, as GET /api/v1/ingestion has it (the page's loader reads the same status). */
export interface DoorCard {
  /** What the door waits for before anything arrived ("Waiting for Garmin": `history`), else null. */
  waiting: 'history' | 'first_sync' | null;
  /** Its import's state ("Up to date": `done`); null while it has none. */
  status: 'queued' | 'running' | 'deferred' | 'paused' | 'done' | 'error' | null;
  /** The card's "Received" count. */
  received: number;
}

type IngestionStatus = {
  doors: { provider: string; connected: boolean; waiting: DoorCard['waiting'] }[];
  states: { source: string; status: NonNullable<DoorCard['status']>; doneCount: number }[];
};

/** Waits until the connected door's card holds what `ready` asks of it; see waitForApi. */
export async function waitForDoor(page: Page, provider: string, ready: (card: DoorCard) => boolean, what: string): Promise<DoorCard> {
  const cardOf = (s: IngestionStatus): DoorCard | null => {
    const door = s.doors.find((d) => d.provider === provider && d.connected);
    if (!door) return null;
    const state = s.states.find((x) => x.source === provider);
    return { waiting: door.waiting, status: state?.status ?? null, received: state?.doneCount ?? 0 };
  };
  const status = await waitForApi<IngestionStatus>(
    page,
    '/api/v1/ingestion',
    (s) => {
      const card = cardOf(s);
      return card !== null && ready(card);
    },
    what,
  );
  return cardOf(status)!;
}

/** "Up to date" with something received: Garmin's backfill on connect has landed. */
export const backfilled = (card: DoorCard) => card.status === 'done' && card.waiting === null && card.received > 0;

/** Widths of the page and the viewport: equal when nothing overflows sideways. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

/**
 * Whether pictures are written: for a person to look at, so on by default and off in CI, where nobody does (a
 * full-page capture was a large share of the suite's browser time: ADR 094). `E2E_SCREENSHOTS=1` forces them.
 */
export const TAKE_SCREENSHOTS = process.env.E2E_SCREENSHOTS ? process.env.E2E_SCREENSHOTS === '1' : process.env.CI !== 'true';

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!TAKE_SCREENSHOTS) return path;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Animations finished first: a running one keeps the capture waiting for a stable frame.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Screenshots the page at 360 and 1280 px (ending at 1280), checking it never scrolls sideways. */
export async function capture(page: Page, name: string, widths = [360, 1280]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    if (scrollWidth > clientWidth) throw new Error(`${name} overflows at ${width} px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, `${name}-${width}`);
  }
}

/**
 * A small Garmin "export your data" zip of 30-minute runs in Garmin's units (ms, cm, (m/s)/10), named
 * "Export run 1…n", one per start time (default: three days in May 2024); `run` overrides each summary's
 * figures (a 5 km run: `{ distance: 500_000 }`).
 */
export function garminExportZip(
  starts: number[] = [0, 1, 2].map((i) => Date.UTC(2024, 4, 10 + i, 6, 30)),
  run: { distance?: number; duration?: number; movingDuration?: number } = {},
): string {
  const summaries = starts.map((start, i) => ({
    activityId: 7_000_000 + i,
    name: `Export run ${i + 1}`,
    activityType: 'running',
    startTimeGmt: start,
    startTimeLocal: start + 3_600_000,
    duration: 1_800_000,
    movingDuration: 1_780_000,
    distance: 600_000,
    avgSpeed: 0.333,
    elevationGain: 4_000,
    avgHr: 148,
    maxHr: 170,
    ...run,
  }));
  const zip = zipSync({
    'DI_CONNECT/DI-Connect-Fitness/e2e_0_summarizedActivities.json': strToU8(JSON.stringify([{ summarizedActivitiesExport: summaries }])),
  });
  const path = join(mkdtempSync(join(tmpdir(), 'cadence-e2e-')), 'garmin-export.zip');
  writeFileSync(path, zip);
  return path;
}

/** Waits until the page's scripts have taken over (root.tsx marks it): for what works only with them. */
export async function interactive(page: Page): Promise<void> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
}
