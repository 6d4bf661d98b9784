// The activities list in Chromium at 1280 and 360 px (ADR 064): several files uploaded at once with one
// progress view (done, duplicate, failed with the reason), then search, a filter, a sort, a column chosen
// (kept after a reload), and a bulk sport change undone from the toast.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, screenshot, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const corpus = (name: string) => fileURLToPath(new URL(`../worker/features/ingest/files/corpus/real/${name}`, import.meta.url));
const FILES = ['activity-small-fenix2-run.fit', 'run.gpx', 'cerknicko-jezero.gpx', 'korita-zbevnica.gpx'].map(corpus);

/** A file that claims to be FIT and is not: it must fail with a reason, never stall. */
function brokenFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cadence-e2e-')), 'broken.fit');
  writeFileSync(path, 'this is not a FIT file at all, just words');
  return path;
}

const finished = (page: Page, n: number) =>
  page.waitForFunction(
    (count) =>
      document.querySelectorAll('.upload-file:is([data-status=done],[data-status=duplicate],[data-status=failed])').length >= count,
    n,
    { timeout: 90_000 },
  );

const statusOf = (page: Page, name: string) =>
  page
    .locator('.upload-file', { has: page.locator('.upload-name', { hasText: name }) })
    .last()
    .getAttribute('data-status');

const rowNames = (page: Page) => page.locator('.activity-table tbody .activity-link').allTextContents();

describe('activities list in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 360]) {
    it(`uploads several files with one progress view, searches, filters, sorts, chooses columns and undoes a bulk change (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await createAccount(page, { email: uniqueEmail(`list-${width}`), password: PASSWORD, displayName: 'Lia List' }, await createInvite());
      await page.goto(`${APP_URL}/activities`);
      await page.getByRole('heading', { name: 'No activities yet' }).waitFor();

      // Five files at once: four activities and one that is not.
      await page.setInputFiles('.multi-upload input[type="file"]', [...FILES, brokenFile()]);
      await page.getByRole('list', { name: 'Upload progress' }).waitFor();
      await finished(page, 5);
      for (const f of FILES) assert.equal(await statusOf(page, f.split('/').pop()!), 'done', f);
      assert.equal(await statusOf(page, 'broken.fit'), 'failed');
      assert.match((await page.locator('.upload-failed .upload-detail').first().textContent()) ?? '', /\S/);
      // The same file again is a duplicate, said as such.
      await page.setInputFiles('.multi-upload input[type="file"]', [FILES[1]!]);
      await finished(page, 6);
      assert.equal(await statusOf(page, 'run.gpx'), 'duplicate');
      await page.locator('.activity-table tbody tr').nth(3).waitFor();
      // Some files hold several activities (a GPX with several tracks): at least one row per file.
      assert.ok((await page.locator('.activity-table tbody tr').count()) >= 4);
      await screenshot(page, `activities-list-upload-${width}`);

      // Sort by distance, longest first, then shortest first.
      await page.getByRole('link', { name: 'Distance', exact: true }).click();
      // The header says the order once the sorted rows are shown.
      await page.locator('th[aria-sort="descending"]', { hasText: 'Distance' }).waitFor();
      const km = async () =>
        (await page.locator('.activity-table tbody tr td.num:nth-child(4)').allTextContents()).map((t) => Number.parseFloat(t));
      const desc = await km();
      assert.deepEqual(
        desc,
        [...desc].sort((a, b) => b - a),
      );
      await page.getByRole('link', { name: /^Distance/ }).click();
      await page.locator('th[aria-sort="ascending"]', { hasText: 'Distance' }).waitFor();
      const asc = await km();
      assert.deepEqual(
        asc,
        [...asc].sort((a, b) => a - b),
      );

      // Search by a word some names have and others do not.
      await page.goto(`${APP_URL}/activities`);
      const names = await rowNames(page);
      const has = (w: string) => names.filter((n) => n.toLowerCase().includes(w.toLowerCase())).length;
      const word = names.flatMap((n) => n.split(/[\s\-_]+/)).find((w) => w.length >= 3 && has(w) < names.length) ?? names[0]!;
      await page.locator('input[name="q"]').fill(word);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForFunction(
        ({ w, n }) => {
          const shown = [...document.querySelectorAll('.activity-table tbody .activity-link')].map((a) => a.textContent ?? '');
          return shown.length === n && shown.every((t) => t.toLowerCase().includes(w.toLowerCase()));
        },
        { w: word, n: has(word) },
      );

      // Filter by sport: runs only.
      await page.goto(`${APP_URL}/activities`);
      const sportOf = () => page.locator('.activity-table tbody .name-cell .badge:first-of-type').allTextContents();
      const runs = (await sportOf()).filter((b) => b === 'Run').length;
      assert.ok(runs > 0);
      await page.locator('select[name="sport"]').selectOption('run');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/sport=run/);
      await page.waitForFunction((n) => {
        const b = [...document.querySelectorAll('.activity-table tbody .name-cell .badge:first-of-type')].map((x) => x.textContent);
        return b.length === n && b.every((x) => x === 'Run');
      }, runs);

      // Choose a column; it stays after a reload.
      await page.goto(`${APP_URL}/activities`);
      await page.locator('.column-picker summary').click();
      await page.getByRole('checkbox', { name: 'Elevation' }).check();
      await page.getByRole('columnheader', { name: /Elevation/ }).waitFor();
      await page.reload();
      await page.getByRole('columnheader', { name: /Elevation/ }).waitFor();

      // Select three with a shift-click, change their sport, then undo from the toast.
      const boxes = page.locator('.activity-table tbody input[type="checkbox"]');
      await boxes.nth(0).click();
      await boxes.nth(2).click({ modifiers: ['Shift'] });
      await page.getByText('3 selected').waitFor();
      const sportsBefore = await page.locator('.activity-table tbody .name-cell .badge').allTextContents();
      await page.locator('#bulk-sport').selectOption('swim');
      await page.getByRole('button', { name: 'Change sport' }).click();
      await page.getByText('Sport changed on 3 activities.').waitFor();
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.activity-table tbody .name-cell .badge')].filter((b) => b.textContent === 'Swim').length === 3,
      );
      await screenshot(page, `activities-list-bulk-${width}`);
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByText('Undone: everything is as it was.').waitFor();
      await page.waitForFunction(
        () => ![...document.querySelectorAll('.activity-table tbody .name-cell .badge')].some((b) => b.textContent === 'Swim'),
      );
      assert.deepEqual(await page.locator('.activity-table tbody .name-cell .badge').allTextContents(), sportsBefore);

      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      assert.ok(scrollWidth <= clientWidth, `activities list overflows at ${width} px: ${scrollWidth} > ${clientWidth}`);
      // Nor does the table scroll sideways inside its card: at 360 px each activity stacks, name above its date,
      // the chosen columns as label and value.
      const wrap = await page.locator('.activity-table-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(wrap.scroll <= wrap.client, `the table scrolls sideways at ${width} px: ${wrap.scroll} > ${wrap.client}`);
      if (width === 360) {
        const first = page.locator('.activity-table tbody tr').first();
        const name = (await first.locator('.name-cell').boundingBox())!;
        const date = (await first.locator('.date-cell').boundingBox())!;
        assert.ok(date.y >= name.y + name.height - 1, 'the date sits under the name');
        const label = await first
          .locator('td.num')
          .first()
          .evaluate((td) => getComputedStyle(td, '::before').content);
        assert.match(label, /Distance/);
      }
      await screenshot(page, `activities-list-${width}`);
      await context.close();
    });
  }
});
