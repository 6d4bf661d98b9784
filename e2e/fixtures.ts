// Shared helpers for the browser specs. Each spec creates the data it needs (its own invite and
// user) in the throwaway stack that scripts/e2e.ts starts; nothing depends on demo seed data.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import pg from 'pg';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const APP_URL = required('APP_URL');
const DATABASE_URL = required('DATABASE_URL');
export const SANDBOX_URL = required('SANDBOX_URL');
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:e2e\``);
  return value;
}

/**
 * Content-Security-Policy violations seen by any page of any browser this spec file launched. Our CSP
 * is the app's, so a violation is a bug (an inline style the browser dropped, a blocked script): the
 * test during which it happened fails, and any seen outside a test fail the file when its browser closes.
 */
const cspViolations: string[] = [];
const CSP_MARK = '[csp-violation]';

function takeCspViolations(): Error | undefined {
  if (!cspViolations.length) return undefined;
  const seen = [...new Set(cspViolations.splice(0))];
  return new Error(`Content-Security-Policy violations (fix the page, never the policy):\n  ${seen.join('\n  ')}`);
}

afterEach(() => {
  const error = takeCspViolations();
  if (error) throw error;
});

/** Records the context's CSP violations: the DOM event (with the page's address) and Chromium's console line. */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript((mark: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `${mark} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`.trim(),
      );
    });
  }, CSP_MARK);
  const watchPage = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      // Chromium's own line also covers pages without JavaScript, where the init script cannot run.
      if (text.startsWith(CSP_MARK)) cspViolations.push(text.slice(CSP_MARK.length + 1));
      else if (/Content Security Policy/i.test(text)) cspViolations.push(`${page.url()}: ${text}`);
    });
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  // Every context (browser.newPage makes one too) is watched; closing the browser reports what is left.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    const error = takeCspViolations();
    if (error) throw error;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const uniqueEmail = (tag = 'e2e') => `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

/** Sets profile fields straight in the database (for specs about something else than the profile form). */
export async function setProfile(email: string, fields: { birthDate: string; sex: 'female' | 'male' }): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('update users set birth_date = $2, sex = $3 where lower(email) = lower($1)', [email, fields.birthDate, fields.sex]);
  } finally {
    await client.end();
  }
}

/** Gives the account a role (as an operator would), straight in the database. */
export async function setRole(email: string, role: 'athlete' | 'coach' | 'admin' | 'owner'): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('update users set role = $2, auth_version = auth_version + 1 where lower(email) = lower($1)', [email, role]);
  } finally {
    await client.end();
  }
}

/** Puts the owner's coaching business on Team for a year (an operator's comp), straight in the database. */
export async function giveOrgTeam(ownerEmail: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `insert into membership_grants (org_id, kind, tier, ends_at, reason)
       select m.org_id, 'comp', 'team', now() + interval '365 days', 'e2e'
         from org_members m join users u on u.id = m.user_id
        where lower(u.email) = lower($1) and m.role = 'owner'`,
      [ownerEmail],
    );
    if (rowCount !== 1) throw new Error(`giveOrgTeam: ${ownerEmail} owns no organisation`);
  } finally {
    await client.end();
  }
}

/** Gives the athlete Pro for a month (an operator's comp), straight in the database. */
export async function giveAthletePro(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'pro', now() + interval '30 days', 'e2e' from users where lower(email) = lower($1)`,
      [email],
    );
    if (rowCount !== 1) throw new Error(`giveAthletePro: no user ${email}`);
  } finally {
    await client.end();
  }
}

/** Cancels the athlete's active plan straight in the database (as if they had cancelled it). */
export async function cancelActivePlan(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(
      `update plans set status = 'cancelled' where status = 'active' and user_id = (select id from users where lower(email) = lower($1))`,
      [email],
    );
  } finally {
    await client.end();
  }
}

/**
 * Brings the account's scheduled emails (a digest waiting for its send time) due now, instead of waiting for
 * the clock; answers how many it moved. The due sweep still has to find and send them.
 */
export async function emailsDueNow(email: string): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `update notification_deliveries set due_at = now()
        where status = 'scheduled' and user_id = (select id from users where lower(email) = lower($1))`,
      [email],
    );
    return rowCount ?? 0;
  } finally {
    await client.end();
  }
}

export async function createInvite(): Promise<string> {
  const code = `E2E-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('insert into invites (code, max_uses, note) values ($1, 1, $2)', [code, 'e2e']);
  } finally {
    await client.end();
  }
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

/** Reloads (as the athlete would) until `done` holds; the page's own state is what is waited for. */
export async function reloadUntil(page: Page, done: () => Promise<boolean>, what: string, tries = 120): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await page.waitForTimeout(1000);
    await page.reload();
  }
  throw new Error(`still waiting for ${what}`);
}

/** Widths of the page and the viewport: equal when nothing overflows sideways. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
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

/**
 * The lowest text contrast inside the elements `selector` matches, as the eye gets it: each text's colour
 * and its nearest background, both faded by every ancestor's opacity over the page's background.
 */
export function lowestTextContrast(page: Page, selector: string): Promise<{ ratio: number; text: string } | null> {
  return page.evaluate((sel) => {
    // [r, g, b, alpha]: "rgb(…)" has no alpha (1), "transparent" is rgba(0, 0, 0, 0).
    const rgba = (c: string): number[] => {
      const v = (c.match(/[\d.]+/g) ?? []).map(Number);
      return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1];
    };
    const over = (top: number[], a: number, under: number[]) => top.slice(0, 3).map((v, i) => v * a + under[i]! * (1 - a));
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const page = rgba(getComputedStyle(document.body).backgroundColor);
    let worst: { ratio: number; text: string } | null = null;
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim() || !el.checkVisibility()) continue;
        let opacity = 1;
        let bg: number[] | null = null;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const s = getComputedStyle(e);
          opacity *= Number(s.opacity);
          const b = rgba(s.backgroundColor);
          if (!bg && b[3]! > 0) bg = over(b, b[3]!, page);
        }
        const fg = rgba(getComputedStyle(el).color);
        const base = bg ?? page;
        const seenFg = over(over(fg, fg[3]!, base), opacity, page);
        const seenBg = over(base, opacity, page);
        const [hi, lo] = [lum(seenFg), lum(seenBg)].sort((a, b) => b - a);
        const ratio = (hi! + 0.05) / (lo! + 0.05);
        if (!worst || ratio < worst.ratio) worst = { ratio: Math.round(ratio * 100) / 100, text: n.textContent.trim() };
      }
    }
    return worst;
  }, selector);
}
