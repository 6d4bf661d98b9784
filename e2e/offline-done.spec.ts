// "Mark done" without signal (ADR 080), with the real service worker: this week's plan reloaded offline, a workout
// marked done with a note there ("Saved on this device — will sync"), synced once the signal is back (the time it
// took printed, not asserted: a timed test fails on a loaded machine), "Done" after a reload; a change queued
// offline and the page closed is replayed when the app opens again online; a workout skipped meanwhile is
// shown as not synced, never dropped silently; and a week never kept says it needs a connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APP_URL, createInvite, interactive, launchBrowser, screenshot, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

interface Workout {
  id: string;
  title: string;
  sport: string;
  status: string;
  doneAt: string | null;
  doneNote: string | null;
}

// The worker's install precaches the whole app (~1.8 MB): on a loaded machine that alone can take half a minute.
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 90_000 });
}

/** The app's own queue of offline changes is empty: everything sent and forgotten, nothing left for the next page. */
async function queueEmpty(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('cadence-offline');
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          const answer = (empty: boolean) => {
            db.close();
            resolve(empty);
          };
          if (!db.objectStoreNames.contains('changes')) return answer(true);
          const count = db.transaction('changes').objectStore('changes').count();
          count.onsuccess = () => answer(count.result === 0);
          count.onerror = () => answer(false);
        };
      }),
    null,
    { timeout: 30_000, polling: 100 },
  );
}

async function cached(page: Page, path: string): Promise<void> {
  await page.waitForFunction(async (p) => Boolean(await (await caches.open('cadence-pages')).match(p)), path, {
    timeout: 30_000,
    polling: 100,
  });
}

describe('mark a workout done offline', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let planId = '';

  /** The plan's workouts of the next two weeks, as the server holds them (the API's request context is never offline). */
  const serverWorkouts = async (): Promise<Workout[]> => {
    const res = await context.request.get(`${APP_URL}/api/v1/plans/${planId}/calendar?from=${today}&to=${plusDays(13)}`);
    assert.equal(res.status(), 200, await res.text());
    return ((await res.json()) as { workouts: Workout[] }).workouts;
  };
  const serverWorkout = async (id: string) => (await serverWorkouts()).find((w) => w.id === id)!;

  /** Polls the server until the workout is done; the milliseconds it took from `since`. */
  async function syncedWithin(id: string, since: number, timeout = 60_000): Promise<number> {
    for (;;) {
      if ((await serverWorkout(id)).doneAt) return Date.now() - since;
      if (Date.now() - since > timeout) throw new Error(`workout ${id} not synced after ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Opens the drawer of a planned (pending) workout on the page, not one of `except`; its id from the drawer's form. */
  async function openPending(p: Page, except: string[], all: Workout[]): Promise<{ id: string; title: string }> {
    const open = new Map(all.filter((w) => w.status === 'pending' && w.sport !== 'rest').map((w) => [w.id, w.title]));
    const id = await openCard(p, 'pending', (x) => open.has(x) && !except.includes(x));
    return { id, title: open.get(id)! };
  }

  /** Clicks the cards of a status in turn until the drawer opened is one `wanted` accepts; leaves it open. */
  async function openCard(p: Page, status: string, wanted: (id: string) => boolean): Promise<string> {
    const cards = p.locator(`.plan-workout.plan-workout-${status}`);
    const dialog = p.locator('dialog.plan-drawer');
    // The drawer is the page's script: a click before it has taken over opens nothing.
    await interactive(p);
    for (let i = 0; i < (await cards.count()); i++) {
      await cards.nth(i).click();
      await dialog.waitFor();
      const id =
        (await dialog
          .locator('input[name="workoutId"]')
          .first()
          .getAttribute('value', { timeout: 2_000 })
          .catch(() => null)) ?? '';
      if (wanted(id)) return id;
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    throw new Error(`no ${status} workout on the page to open`);
  }

  async function markDone(p: Page, note: string): Promise<void> {
    const dialog = p.locator('dialog.plan-drawer');
    await dialog.locator('textarea[name="note"]').fill(note);
    await dialog.locator('select[name="rpe"]').selectOption('6');
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await dialog.locator('.mark-done-queued').getByText('Saved on this device — will sync').waitFor({ timeout: 5_000 });
  }

  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
    page = await context.newPage();
    await createAccount(page, { email: uniqueEmail('offline'), password: PASSWORD, displayName: 'Tess Train' }, await createInvite());
    const made = await page.request.post(`${APP_URL}/api/v1/plans`, {
      headers: { origin: APP_URL },
      data: {
        goal: { kind: 'run_10k', eventDate: plusDays(60), eventName: 'Train 10K' },
        startDate: today,
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
      },
    });
    assert.equal(made.status(), 201, await made.text());
    planId = ((await made.json()) as { id: string }).id;
  });
  after(async () => {
    await browser?.close();
  });

  const marked: string[] = [];

  it('marks a workout done on the train and finds it synced once the signal comes back', async () => {
    await page.goto(`${APP_URL}/training`);
    await controlled(page);
    await cached(page, '/training');
    // A navigation under the worker's control keeps the page as a navigation asks for it (as pwa.spec.ts does).
    await page.reload();
    await page.locator('.plan-workout').first().waitFor();
    const all = await serverWorkouts();
    await context.setOffline(true);
    let id = '';
    try {
      await page.reload({ waitUntil: 'commit' });
      await page
        .locator('.pwa-offline')
        .getByText(/Offline — as of/)
        .waitFor({ timeout: 10_000 });
      const w = await openPending(page, marked, all);
      id = w.id;
      marked.push(id);
      await markDone(page, 'Done on the 7:42, legs fine');
      await page.locator('.pwa-queued').getByText(`“${w.title}” done`).waitFor();
      await screenshot(page, 'offline-done-queued-390');
      assert.equal((await serverWorkout(id)).doneAt, null, 'nothing reached the server while offline');
    } finally {
      await context.setOffline(false);
    }
    const online = Date.now();
    const took = await syncedWithin(id, online);
    console.log(`offline "done" synced ${took} ms after going back online`);
    assert.equal((await serverWorkout(id)).doneNote, 'Done on the 7:42, legs fine');
    await page.locator('.pwa-queued').waitFor({ state: 'detached', timeout: 10_000 });

    // Read again from the server: the card says it is done, and its drawer who said so and the note.
    await page.reload();
    await openCard(page, 'completed', (x) => x === id);
    const dialog = page.locator('dialog.plan-drawer');
    await dialog.getByText('Done by you').waitFor();
    await dialog.getByText('Done on the 7:42, legs fine', { exact: false }).waitFor();
    assert.equal(await dialog.locator('.badge').first().textContent(), 'Done');
  });

  it('replays a change queued offline when the app is opened again online', async () => {
    // Next week: all seven of its days are in the plan whatever today is (on a Saturday this week holds two, one of
    // them marked by the test above).
    await page.goto(`${APP_URL}/training?view=week&date=${plusDays(7)}`);
    await controlled(page);
    const all = await serverWorkouts();
    await context.setOffline(true);
    let id = '';
    try {
      const w = await openPending(page, marked, all);
      id = w.id;
      marked.push(id);
      await markDone(page, 'No watch, strength circuit');
      assert.equal((await serverWorkout(id)).doneAt, null, 'nothing reached the server while offline');
      // The app closed before the signal comes back: only the next start-up can send the change.
      await page.goto('about:blank');
      await page.close();
      assert.equal(context.pages().length, 0);
    } finally {
      await context.setOffline(false);
    }
    const opened = Date.now();
    page = await context.newPage();
    await page.goto(`${APP_URL}/home`);
    const took = await syncedWithin(id, opened);
    console.log(`queued "done" replayed at start-up ${took} ms after opening the app`);
    assert.equal((await serverWorkout(id)).doneNote, 'No watch, strength circuit');
    // The server has it before the page has heard back and forgotten it: leaving now would replay it on the next
    // page (the same key, answered again), whose read-back then met the next test's lost signal (ADR 094).
    await queueEmpty(page);
  });

  it('shows a change the server refused (the workout skipped meanwhile) instead of losing it', async () => {
    await page.goto(`${APP_URL}/training?view=week&date=${plusDays(7)}`);
    await controlled(page);
    const all = await serverWorkouts();
    await context.setOffline(true);
    let w = { id: '', title: '' };
    try {
      w = await openPending(page, marked, all);
      marked.push(w.id);
      await markDone(page, 'Too late');
      // The drawer is modal: closed, so the banner's Dismiss can be reached.
      await page.locator('dialog.plan-drawer').getByRole('button', { name: 'Close' }).click();
      // Meanwhile, on another device: the workout is removed from the plan (a soft skip).
      const removed = await context.request.delete(`${APP_URL}/api/v1/plans/${planId}/workouts/${w.id}`, { headers: { origin: APP_URL } });
      assert.equal(removed.status(), 200, await removed.text());
    } finally {
      await context.setOffline(false);
    }
    const conflict = page.locator('.pwa-conflict');
    await conflict.getByText(`“${w.title}” done`).waitFor({ timeout: 10_000 });
    assert.match((await conflict.textContent()) ?? '', /Not synced:.*restore it before marking it done/);
    await conflict.getByRole('button', { name: 'Dismiss' }).click();
    await conflict.waitFor({ state: 'detached' });
    assert.equal((await serverWorkout(w.id)).doneAt, null);
  });

  it('says a week the device never kept needs a connection, not that the server failed', async () => {
    await page.goto(`${APP_URL}/training?view=week&date=${plusDays(7)}`);
    await controlled(page);
    await interactive(page);
    await context.setOffline(true);
    try {
      await page.getByRole('link', { name: 'Next week' }).click();
      await page.getByRole('heading', { name: "You're offline" }).waitFor();
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /500|on our side/);
    } finally {
      await context.setOffline(false);
    }
  });
});
