// A coach's day starts on the console: signing in (or opening / or /home) lands on the dashboard, where
// the athlete who missed workouts is first; opening them shows their training first. A client who does
// not share gets a calm page that asks nothing of the API it would refuse. At 360 and 1280 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, setRole, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A signed-up account in a context of its own; its API calls carry the session and our Origin. */
async function account(browser: Browser, tag: string, displayName: string) {
  const context = await browser.newContext();
  const email = uniqueEmail(tag);
  const res = await context.request.post(`${APP_URL}/api/v1/auth/register`, {
    headers: { origin: APP_URL },
    data: { email, password: PASSWORD, displayName, inviteCode: await createInvite() },
  });
  assert.equal(res.status(), 201, await res.text());
  const call = async <T>(method: 'get' | 'post' | 'put', path: string, data?: unknown): Promise<T> => {
    const r = await (context.request as APIRequestContext)[method](`${APP_URL}${path}`, { headers: { origin: APP_URL }, data });
    assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { context, email, call };
}

/** Workouts on past days of the athlete's active plan, as a plan that started earlier would have. */
async function pastWorkouts(email: string, daysAgo: number[]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    for (const d of daysAgo)
      await client.query(
        `insert into planned_workouts (plan_id, user_id, date, sport, type, title, duration_sec, phase, week)
         select p.id, p.user_id, $2::date, 'run', 'easy', $3, 2700, 'base', 1
           from plans p join users u on u.id = p.user_id where lower(u.email) = lower($1) and p.status = 'active'`,
        [email, day(-d), `Easy run (${d} days ago)`],
      );
  } finally {
    await client.end();
  }
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${APP_URL}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL(`${APP_URL}/coach`), page.click('form button[type="submit"]')]);
}

describe('the coach’s dashboard', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('lands the coach on it, the athlete who missed workouts first, and opens them training first', async () => {
    const coach = await account(browser, 'dashcoach', 'Dana Coach');
    await setRole(coach.email, 'coach');

    // Signed in with no org yet: the console, which offers to create one (never the athlete's empty Home).
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, coach.email);
    await page
      .getByRole('heading', { name: /organisation|business/i })
      .first()
      .waitFor();
    await coach.call('post', '/api/v1/coach/org', { name: 'Harbour Coaching', timeZone: 'UTC' });
    await page.reload();
    const dashboard = page.locator('#athletes');
    await dashboard.getByText('No athletes share their training with you yet').waitFor();
    await capture(page, 'coach-dashboard-empty');

    // Mia has a plan whose last days she missed; Cal shares but has nothing yet; Pat was never asked.
    const mia = await account(browser, 'dashmia', 'Mia Moss');
    await mia.call('post', '/api/v1/plans', {
      goal: { kind: 'run_half', eventDate: day(70), eventName: 'Harbour Half' },
      startDate: day(0),
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 6,
    });
    await pastWorkouts(mia.email, [2, 3]);
    // Cal has no plan but ran from his watch this week: nothing to flag.
    const cal = await account(browser, 'dashcal', 'Cal Carter');
    const calPage = await cal.context.newPage();
    await calPage.goto(`${APP_URL}/settings/data`);
    await calPage.setInputFiles('input[type="file"]', garminExportZip([1, 2, 4].map((d) => Date.now() - d * 86_400_000)));
    await calPage.locator('form.upload-form button[type="submit"]').click();
    await calPage.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await calPage.close();
    const clients: Record<string, { id: string }> = {};
    for (const [name, email] of [
      ['Cal Carter', cal.email],
      ['Mia Moss', mia.email],
      ['Pat Porter', null],
    ] as const)
      clients[name] = await coach.call<{ id: string }>('post', '/api/v1/coach/clients', { name, ...(email ? { email } : {}) });
    for (const [name, who] of [
      ['Mia Moss', mia],
      ['Cal Carter', cal],
    ] as const) {
      const asked = await coach.call<{ link: { id: string } }>('post', `/api/v1/coach/clients/${clients[name]!.id}/athlete-link`, {
        email: who.email,
      });
      await who.call('post', `/api/v1/me/coach-links/${asked.link.id}/accept`);
    }
    await page.close();

    for (const width of [360, 1280]) {
      const p = await browser.newPage({ viewport: { width, height: 900 } });
      await signIn(p, coach.email);
      const rows = p.locator('#athletes .dash-row');
      await rows.first().getByText('Mia Moss').waitFor();
      assert.match((await rows.first().textContent()) ?? '', /Missed 2 workouts in the last 7 days/);
      // "0 of 4 done" draws an empty bar (a width in an inline style, which the CSP drops, drew it full).
      assert.match((await rows.first().textContent()) ?? '', /0 of \d+ done/);
      const bar = await rows
        .first()
        .locator('.dash-bar')
        .evaluate((el) => ({ track: el.getBoundingClientRect().width, fill: el.querySelector('rect')!.getBoundingClientRect().width }));
      assert.ok(bar.track > 0 && bar.fill === 0, `bar ${JSON.stringify(bar)}`);
      assert.match((await rows.nth(1).textContent()) ?? '', /Cal Carter\s*On track.*(Today|Yesterday|days ago) · Run/);
      await capture(p, 'coach-dashboard', [width]);

      await Promise.all([
        p.waitForURL(`${APP_URL}/coach/clients/${clients['Mia Moss']!.id}`),
        rows.first().getByRole('link', { name: 'Mia Moss' }).click(),
      ]);
      await p.locator('#training').getByText('Shared by Mia Moss').waitFor();
      await p.locator('#plan').getByText('Harbour Half').waitFor();
      // Training and the plan (then the client's power and pace, and wellness when shared or not) come before the
      // profile, packages and the rest of the business.
      const first = await p.evaluate(() => {
        const sections = [...document.querySelectorAll('main section[id]')].map((s) => s.id);
        return sections.slice(0, 5);
      });
      assert.deepEqual(first, ['training', 'plan', 'power-pace', 'wellness', 'profile']);
      await capture(p, 'coach-client-shared', [width]);
      await p.close();
    }

    // A client who does not share: said calmly, and the plan is never asked for (no 404 in the console).
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(p, coach.email);
    const asked: string[] = [];
    const errors: string[] = [];
    p.on('request', (r) => asked.push(new URL(r.url()).pathname));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(`${APP_URL}/coach/clients/${clients['Pat Porter']!.id}`);
    await p.getByText('Has not shared their Cadence training with you yet.').waitFor();
    await p.locator('#training').getByRole('button', { name: 'Ask to share' }).waitFor();
    await p.locator('#plan').getByText('Once this client shares their training with you, their plan shows here.').waitFor();
    await p.locator('#payments').waitFor();
    assert.deepEqual(
      // The API's plan and training reads for this client (the page's own script chunks may be named "plans-…").
      asked.filter((u) => /^\/api\/v1\/coach\/clients\/[^/]+\/(plan|training)/.test(u)),
      [],
    );
    assert.deepEqual(errors, []);
    await capture(p, 'coach-client-not-shared');

    // Opening the site or Home lands on the console too; the navigation's Home is the coach's own.
    await p.goto(`${APP_URL}/`);
    assert.equal(new URL(p.url()).pathname, '/coach');
    await p.goto(`${APP_URL}/home`);
    assert.equal(new URL(p.url()).pathname, '/coach');
    await Promise.all([
      p.waitForURL(`${APP_URL}/home?own=1`),
      p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click(),
    ]);
    await p.getByRole('heading', { name: 'Welcome, Dana Coach' }).waitFor();
    await p.close();
    for (const c of [coach, mia, cal]) await c.context.close();
  });
});
