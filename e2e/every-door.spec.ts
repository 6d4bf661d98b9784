// Every door an athlete's data comes in by, in the order a new athlete meets them (issue 31): Strava's API
// (shown to the athlete only, kept from their coach and the AI coach), Garmin Connect (its history asked for on
// connect, then a new session arriving by notification with no upload, which the AI coach answers about with a
// receipt), and the athlete's own Strava archive, which upgrades the Strava copies in place (same activities,
// same URLs) so their coach sees them. Its own users; what runs in the background is waited for through the API,
// then shown on the page.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  launchBrowser,
  SANDBOX_URL,
  setRole,
  createAccount,
  uniqueEmail,
  waitForApi,
  waitForDoor,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The new session: longer than any run in the Garmin user's last two weeks (checked when the user is picked). */
const NEW_RUN = { name: 'Harbour long run', distance: 40_000, movingTime: 4 * 3600 };

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `sandbox ${path}: ${res.status}`);
  return (await res.json()) as T;
}

type Span = { start: number; end: number };
const overlaps = (a: Span, b: Span, pad = HOUR) => a.start < b.end + pad && b.start < a.end + pad;

/**
 * A Strava athlete and a Garmin user whose sessions never overlap in time: the sandbox's Garmin user N records
 * Strava athlete N's sessions, and this spec is about each door on its own, not duplicate linking (its own specs).
 * Histories are generated from the number, so the check reads the sandboxes' truth, not a clock.
 */
async function pickAccounts(newRun: Span): Promise<{ strava: number; garmin: number }> {
  for (let i = 0; i < 30; i++) {
    const strava = 300_000 + Math.floor(Math.random() * 600_000);
    const garmin = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const s = await control<{ activities: { start_date: string; elapsed_time: number }[] }>(`strava/_control/athletes/${strava}`);
    const g = await control<{
      activities: { startTimeInSeconds: number; durationInSeconds: number; sport: string; distanceInMeters: number }[];
    }>(`garmin/_control/users/${garmin}`);
    const stravaSpans = s.activities.map((a) => ({
      start: Date.parse(a.start_date),
      end: Date.parse(a.start_date) + a.elapsed_time * 1000,
    }));
    const recent = g.activities.filter((a) => a.startTimeInSeconds * 1000 > Date.now() - 31 * DAY);
    const recentSpans = recent.map((a) => ({
      start: a.startTimeInSeconds * 1000,
      end: (a.startTimeInSeconds + a.durationInSeconds) * 1000,
    }));
    const garminSpans = [...recentSpans, newRun];
    const longestRecentRun = Math.max(
      0,
      ...recent.filter((a) => a.sport === 'Run' && a.startTimeInSeconds * 1000 > Date.now() - 15 * DAY).map((a) => a.distanceInMeters),
    );
    // Nor does the new session overlap one of the user's own (a late-evening session, yesterday).
    const apart = !stravaSpans.some((x) => garminSpans.some((y) => overlaps(x, y))) && !recentSpans.some((y) => overlaps(y, newRun));
    if (recent.length > 0 && longestRecentRun < NEW_RUN.distance && apart) return { strava, garmin };
  }
  throw new Error('no Strava athlete and Garmin user without overlapping sessions in 30 tries');
}

/** The athlete's activity list: id, name and source line of each row. */
/** Every row of the athlete's activity list, page after page (Garmin's 30 days can pass a page of 50). */
async function activityRows(page: Page): Promise<{ id: string; name: string; source: string }[]> {
  const rows: { id: string; name: string; source: string }[] = [];
  for (let href: string | null = '/activities'; href; ) {
    await page.goto(`${APP_URL}${href}`);
    rows.push(
      ...(await page.locator('table.activity-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          id: (tr.querySelector('a.activity-link')?.getAttribute('href') ?? '').replace('/activities/', ''),
          name: tr.querySelector('a.activity-link')?.textContent?.trim() ?? '',
          source: tr.querySelector('.activity-source')?.textContent?.trim() ?? '',
        })),
      )),
    );
    const next = page.locator('a[rel="next"]');
    href = (await next.count()) > 0 ? await next.first().getAttribute('href') : null;
  }
  return rows;
}

describe('every door, as a new athlete meets them', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('Strava (only theirs) → Garmin live → the AI coach answers from it → the Strava archive upgrades in place for the coach', async () => {
    const newRunStart = Date.now() - 5 * HOUR;
    const accounts = await pickAccounts({ start: newRunStart, end: newRunStart + NEW_RUN.movingTime * 1000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('doors');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Dora Doors' }, await createInvite());

    // 1. Strava, through its consent page, signed in as the sandbox athlete.
    await page.goto(`${APP_URL}/settings/data`);
    await page
      .getByRole('link', { name: /connect with strava/i })
      .first()
      .click();
    await page.getByLabel('Sign in as athlete id').fill(String(accounts.strava));
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/home/);
    await page.getByText('Strava connected.').waitFor();
    await page.getByText(/activities imported/).waitFor({ timeout: 90_000 });
    const fromStrava = await activityRows(page);
    assert.equal(fromStrava.length, 15);
    assert.deepEqual(new Set(fromStrava.map((r) => r.source)), new Set(['Strava']));

    // Its page tells the athlete it is theirs alone.
    await page.goto(`${APP_URL}/activities/${fromStrava[0]!.id}`);
    await page.getByRole('heading', { name: fromStrava[0]!.name }).waitFor();
    await page.getByText('Strava’s terms keep this activity from your coach.', { exact: false }).waitFor();

    // 2. A coach the athlete shares their training with sees none of it.
    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('doorscoach');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cody Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Doors Running', timeZone: 'Europe/Berlin' })).status(), 201);
    const client = (await (await post('/clients', { name: 'Dora Client', email })).json()) as { id: string };
    assert.equal((await post(`/clients/${client.id}/athlete-link`, { email })).status(), 201);
    await page.goto(`${APP_URL}/settings#coaches`);
    await page.locator('#coaches').getByRole('button', { name: 'Share my training' }).click();
    await page.locator('#coaches').getByText('You now share your training with them.').waitFor();
    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    const training = coach.locator('#training');
    await training.getByText('Shared by Dora Doors').waitFor();
    await training.getByText('15 activities from Strava are not shown', { exact: false }).waitFor();
    await training.getByText('Nothing shared yet.').waitFor();
    // Not even by id: the analysis the coach's page would open for one of them is not found.
    const upgraded = fromStrava[1]!;
    const coachStreams = (id: string) => coach.request.get(`${APP_URL}/api/v1/coach/clients/${client.id}/activities/${id}/streams`);
    assert.equal((await coachStreams(upgraded.id)).status(), 404);

    // 3. Garmin Connect. Garmin answers the request for 30 days at once and sends the files later (held here):
    // until they come the card says it is waiting for them, not that the history is here.
    await control(`garmin/_control/users/${accounts.garmin}/backfill-hold`, { hold: true });
    await page.goto(`${APP_URL}/settings/data#garmin`);
    await page.getByRole('link', { name: 'Connect to Garmin Connect' }).click();
    await page.getByLabel('Sign in as user').fill(String(accounts.garmin));
    await page.getByRole('button', { name: 'Agree' }).click();
    await page.waitForURL(/\/settings\/data\?connected=garmin/);
    await waitForDoor(page, 'garmin', (c) => c.waiting === 'history' && c.status !== null, 'Garmin’s answer to the backfill request');
    await page.reload();
    const card = page.locator('#garmin');
    await card.getByText('Waiting for Garmin', { exact: true }).waitFor();
    await card.getByText('Asked Garmin for your last 30 days — waiting for Garmin to send them.', { exact: false }).waitFor();
    assert.equal(await card.getByText('Up to date').count(), 0);
    await capture(page, 'data-sources-garmin-waiting');

    const released = await control<{ held: number }>(`garmin/_control/users/${accounts.garmin}/backfill-hold`, { hold: false });
    assert.ok(released.held > 0, 'Garmin had sessions to send');
    const all = (c: { status: string | null; waiting: string | null; received: number }) =>
      c.status === 'done' && c.waiting === null && c.received === released.held;
    await waitForDoor(page, 'garmin', all, `the backfill’s ${released.held} files`);
    await page.reload();
    await card.getByText('Up to date').waitFor();
    assert.equal(
      await card.locator('dt:text("Received") + dd').innerText(),
      released.held === 1 ? '1 activity' : `${released.held} activities`,
    );
    assert.equal(await card.getByText('Waiting for Garmin', { exact: true }).count(), 0);
    await capture(page, 'data-sources-garmin-received');

    // 4. A session recorded now arrives by Garmin's notification, with no upload, attributed to Garmin.
    await control(`garmin/_control/users/${accounts.garmin}/activities`, {
      sport: 'Run',
      ...NEW_RUN,
      startTime: new Date(newRunStart).toISOString(),
    });
    // The list's first page, as the page lists it (newest first).
    const listed = (l: { activities: { name: string }[] }) => l.activities.some((a) => a.name === NEW_RUN.name);
    await waitForApi(page, '/api/v1/activities', listed, 'the new Garmin session');
    await page.goto(`${APP_URL}/activities`);
    await page.getByText(NEW_RUN.name).first().waitFor();
    const newRun = (await activityRows(page)).find((r) => r.name === NEW_RUN.name)!;
    assert.equal(newRun.source, 'Garmin Forerunner 965');

    // 5. The AI coach answers from it, with a receipt linking to it (Strava's activities are left out of AI).
    await page.goto(`${APP_URL}/ai-coach`);
    await page.getByLabel('Ask your coach').fill('What was my longest run in the last 14 days?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/ai-coach\/[0-9a-f-]{36}$/);
    await page.locator('.coach-bubble', { hasText: NEW_RUN.name }).first().waitFor({ timeout: 60_000 });
    // The receipts open as the athlete would open them. The finished answer replaces the streamed one (a new
    // element, its receipts closed again), so they are opened again while they are found closed.
    await page.getByRole('button', { name: 'Send' }).waitFor();
    const receipts = page.locator('details.coach-receipts', { hasText: 'Based on 1 activity' }).last();
    const receipt = page.getByRole('link', { name: new RegExp(NEW_RUN.name) });
    for (let i = 0; i < 40 && !(await receipt.isVisible()); i++) {
      if (!(await receipts.evaluate((d: HTMLDetailsElement) => d.open))) await receipts.locator('summary').click();
      await page.waitForTimeout(250);
    }
    assert.equal(await receipt.getAttribute('href'), `/activities/${newRun.id}`);
    await capture(page, 'ai-coach-garmin-receipt');

    // 6. The athlete's own Strava archive, uploaded on Data sources: the Strava copies become their files in place.
    const archive = await fetch(`${SANDBOX_URL}/strava/_control/athletes/${accounts.strava}/archive.zip`);
    assert.ok(archive.ok, `archive: ${archive.status}`);
    const zip = join(mkdtempSync(join(tmpdir(), 'cadence-e2e-')), `export_${accounts.strava}.zip`);
    writeFileSync(zip, new Uint8Array(await archive.arrayBuffer()));
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', zip);
    await page.locator('form.upload-form button[type="submit"]').click();
    const imports = page.locator('.import-list');
    // The sandbox's archive leaves the newest session's file out (an archive cut short): a warning, and that Strava
    // copy, which has its recording, is kept rather than replaced by a summary.
    const upgradedLine = imports.getByText('14 Strava copies upgraded to your own files', { exact: false });
    // Received first (a reload before then would cancel the upload), then imported in the background.
    await imports.getByText(basename(zip)).first().waitFor({ timeout: 60_000 });
    const imported = (l: { imports: { filename: string; status: string }[] }) =>
      l.imports.some((i) => i.filename === basename(zip) && i.status === 'done');
    await waitForApi(page, '/api/v1/imports', imported, 'the archive’s import');
    await page.reload();
    await upgradedLine.waitFor();
    await imports.getByText('Imported with warnings', { exact: true }).waitFor();
    await capture(page, 'data-sources-strava-archive-imported');

    const after = await activityRows(page);
    const byId = new Map(after.map((r) => [r.id, r]));
    const newest = fromStrava[0]!;
    for (const r of fromStrava) {
      const now = byId.get(r.id);
      assert.ok(now, `${r.name} (${r.id}) kept its id`);
      assert.equal(now.source, r.id === newest.id ? 'Strava' : 'Strava archive', r.name);
    }
    await page.goto(`${APP_URL}/activities/${upgraded.id}`);
    await page.getByText('This was your Strava copy. Your own file (Strava archive) replaced it', { exact: false }).waitFor();

    // 7. Their coach now sees the upgraded activities (and the Garmin ones); only the one Strava copy stays theirs alone.
    await coach.reload();
    await training.getByText('Shared by Dora Doors').waitFor();
    await training.getByText('1 activity from Strava is not shown', { exact: false }).waitFor();
    assert.ok((await training.locator('.coach-list-title').allInnerTexts()).includes(NEW_RUN.name), 'the coach sees the Garmin session');
    // The same activity, by the same id, is now theirs to open; the kept Strava copy is still not.
    assert.equal((await coachStreams(upgraded.id)).status(), 200);
    assert.equal((await coachStreams(newest.id)).status(), 404);
    await capture(coach, 'coach-client-after-archive');
    await coach.close();
    await page.close();
  });
});
