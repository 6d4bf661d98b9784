import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Route } from 'playwright-core';
import { cutShort, easierWeek, proposal, retried, sse } from './ai-coach.mocks.ts';
import {
  APP_URL,
  capture,
  createInvite,
  garminExportZip,
  giveAthletePro,
  launchBrowser,
  logIn,
  createAccount,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const today = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
const stream = (body: string) => ({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body });
/** A promise and the function that resolves it: holds a mocked response until the test has looked. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

describe('AI coach page', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  // The page's side of streaming, with the turn's events served by page.route: pieces arrive, the
  // connection drops and is resumed with Last-Event-ID, a proposal is confirmed, a cut-short answer retried.
  it('streams an answer, reattaches after a drop, shows receipts and a proposal; a cut-short answer keeps its text and retries', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(page, { email: uniqueEmail('aicoach'), password: PASSWORD, displayName: 'Ada Ask' }, await createInvite());
    await page.getByRole('link', { name: 'AI coach' }).click();
    await page.getByRole('heading', { name: 'Ask your coach anything about your training' }).waitFor();
    await page.getByText('Numbers only from your data').waitFor();
    await capture(page, 'ai-coach-empty');
    // The text box's focus shows as a 2 px ring in the primary colour (5.5:1 on white), not a 1 px colour change.
    await page.getByLabel('Ask your coach').focus();
    const ring = await page.locator('.coach-composer').evaluate((el) => ({
      width: getComputedStyle(el).outlineWidth,
      style: getComputedStyle(el).outlineStyle,
      color: getComputedStyle(el).outlineColor,
    }));
    assert.deepEqual(ring, { width: '2px', style: 'solid', color: 'rgb(15, 118, 110)' });
    await page.getByLabel('Ask your coach').blur();

    const first = gate();
    const resume = gate();
    let lastEventId: string | undefined;
    await page.route('**/api/v1/ai-coach/conversations/*/messages', async (route: Route) => {
      assert.equal(route.request().headers().accept, 'text/event-stream');
      await first.wait;
      // The first part only, with CRLF line ends; then the body ends without `done`: a dropped connection.
      await route.fulfill(stream(sse(easierWeek.head, { crlf: true })));
    });
    await page.route('**/api/v1/ai-coach/conversations/*/stream', async (route: Route) => {
      lastEventId = route.request().headers()['last-event-id'];
      await resume.wait;
      await route.fulfill(stream(sse(easierWeek.tail, { from: easierWeek.head.length + 1, trailing: true })));
    });
    await page.route('**/api/v1/ai-coach/proposals/*', (route: Route) => route.fulfill({ json: { proposal: proposal() } }));
    await page.route('**/api/v1/ai-coach/proposals/*/confirm', (route: Route) =>
      route.fulfill({ json: { proposal: proposal('applied') } }),
    );

    await page.getByRole('link', { name: 'Can you make this week a bit easier?' }).click();
    assert.equal(await page.getByLabel('Ask your coach').inputValue(), 'Can you make this week a bit easier?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/ai-coach\/[0-9a-f-]{36}$/);
    await page.getByText('Thinking…').waitFor();
    await capture(page, 'ai-coach-loading');

    first.open();
    await page.getByText('Here is what I would change').waitFor();
    await page.getByText('Reconnecting…').waitFor();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await capture(page, 'ai-coach-streaming');
    resume.open();
    await page.getByText('Based on 3 activities').waitFor();
    assert.equal(lastEventId, String(easierWeek.head.length), 'reattached after the last event seen');
    await page.getByText('6 numbers checked against your data').waitFor();
    // Model text is rendered as text: **bold** becomes <strong>, list lines a list.
    await page.locator('.coach-bubble strong', { hasText: '−24' }).waitFor();
    assert.equal(await page.locator('.coach-bubble > ul > li').count(), 2);
    await page.getByText('Your long run on Sunday stays.').waitFor();

    const card = page.locator('.coach-proposal');
    await card.getByRole('heading', { name: 'Proposed change to your plan' }).waitFor();
    await card.getByText('Track 6 × 800 m').first().waitFor();
    await page.getByText('Based on 3 activities').click();
    assert.match((await page.getByRole('link', { name: /Hill repeats/ }).getAttribute('href')) ?? '', /^\/activities\/[0-9a-f-]{36}$/);
    await capture(page, 'ai-coach-proposal');

    await card.getByRole('button', { name: 'Ask a follow-up' }).click();
    assert.equal(await page.getByLabel('Ask your coach').inputValue(), 'About this proposal: ');
    await page.getByLabel('Ask your coach').fill('');
    await card.getByRole('button', { name: 'Confirm & apply' }).click();
    await card.getByText(/^Applied on/).waitFor();
    await card.getByRole('link', { name: 'See it in your plan' }).waitFor();
    await card.getByRole('button', { name: 'Undo' }).waitFor();
    await capture(page, 'ai-coach-applied');

    // A turn cut short after some text: the text stays, a calm note and Retry; Retry streams the answer.
    await page.unroute('**/api/v1/ai-coach/conversations/*/messages');
    await page.route('**/api/v1/ai-coach/conversations/*/messages', (route: Route) => route.fulfill(stream(sse(cutShort))));
    await page.route('**/api/v1/ai-coach/messages/*/retry', (route: Route) =>
      route.fulfill(stream(sse(retried, { crlf: true, trailing: true }))),
    );
    await page.getByLabel('Ask your coach').fill('What was my longest run this month?');
    await page.getByLabel('Ask your coach').press('Enter');
    await page.getByText('Your coach took too long to finish this answer. What arrived is kept.').waitFor();
    await page.getByText('Your longest run this month was the Long run on 22 Nov').waitFor();
    await capture(page, 'ai-coach-error');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Corrected: a number without a source was removed').waitFor();
    await page.getByText('Based on 1 activity').waitFor();
    assert.equal(await page.locator('.coach-bubble > p', { hasText: '5:35' }).count(), 0, 'the replaced text has no pace');
    await page.close();
  });

  // The whole path against the real coach (turn engine, sandbox model, tools, proposals): an answer with
  // receipts from uploaded activities, "easier" → a proposal → confirm → the plan's history → undo.
  it('asks, gets receipts, confirms a proposal that the plan then shows, and undoes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('aicoachreal');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Rae Real' }, await createInvite());
    await giveAthletePro(email);
    // Activities from a file (Strava's would be kept out of the coach): three recent runs.
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', garminExportZip([1, 2, 3].map((d) => Date.now() - d * 86_400_000)));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await makePlan(page);

    // The page's re-read of the conversation (which swaps the streamed draft for the saved message) is held
    // until the receipts have been opened in the draft: opened then, they stay open after the swap.
    const reread = gate();
    const onConversation = /\/ai-coach\/[0-9a-f-]{36}$/;
    const conversationData = (url: URL) => /^\/ai-coach\/[0-9a-f-]{36}\.data$/.test(url.pathname);
    await page.route(conversationData, async (route: Route) => {
      if (onConversation.test(page.url())) await reread.wait;
      await route.continue();
    });
    await page.goto(`${APP_URL}/ai-coach`);
    await page.getByLabel('Ask your coach').fill('What was my longest run this month?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(onConversation);
    const draftReceipts = page.locator('li.coach-msg-assistant[data-draft] summary', { hasText: /^Based on \d+ activit/ });
    await draftReceipts.waitFor({ timeout: 30_000 });
    await draftReceipts.click();
    reread.open();
    const saved = page.locator('li.coach-msg-assistant:not([data-draft]) details.coach-receipts');
    await saved.waitFor();
    assert.equal(await saved.getAttribute('open'), '', 'the receipts opened in the draft stay open once saved');
    await page.unroute(conversationData);
    await page.getByRole('button', { name: 'Send' }).waitFor();

    await page.getByLabel('Ask your coach').fill('Can you make this week a bit easier?');
    await page.getByLabel('Ask your coach').press('Enter');
    const card = page.locator('.coach-proposal');
    await card.getByRole('heading', { name: 'Proposed change to your plan' }).waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Confirm & apply' }).waitFor();
    await capture(page, 'ai-coach-real-proposal');
    await card.getByRole('button', { name: 'Confirm & apply' }).click();
    await card.getByText(/^Applied on/).waitFor();
    await capture(page, 'ai-coach-real-applied');

    // The plan shows it: its change history lists the AI coach's change.
    await card.getByRole('link', { name: 'See it in your plan' }).click();
    await page.waitForURL(/\/training/);
    const entry = page.locator('#history li', { hasText: 'AI coach' }).first();
    await entry.waitFor();
    assert.ok(!(await entry.textContent())?.includes('undone'));
    await page.goBack();
    await card.getByRole('button', { name: 'Undo' }).click();
    await card.getByText('Undone: your plan is back as it was.').waitFor();
    await page.goto(`${APP_URL}/training`);
    await page.locator('#history li', { hasText: 'AI coach' }).first().getByText('undone').waitFor();
    await page.close();
  });
  // On Free, "easier" is Pro: the answer says so plainly with the upgrade link, and proposes what Free
  // allows (a skip) as a card to confirm. A day's lookup answers from the uploaded runs, dated as the app does.
  it('on Free, an easier workout is offered as a skip with the upgrade link; a day is looked up exactly', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(page, { email: uniqueEmail('aicoachfree'), password: PASSWORD, displayName: 'Fay Free' }, await createInvite());
    const now = new Date();
    const yesterday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 6, 30);
    await page.goto(`${APP_URL}/settings/data`);
    await page.setInputFiles('input[type="file"]', garminExportZip([yesterday]));
    await page.locator('form.upload-form button[type="submit"]').click();
    await page.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });
    await makePlan(page);

    await page.goto(`${APP_URL}/ai-coach`);
    await page.getByLabel('Ask your coach').fill('What did I do yesterday?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/ai-coach\/[0-9a-f-]{36}$/);
    await page
      .locator('.coach-bubble', { hasText: /^Yesterday \(\w{3} \d{1,2} \w{3}\) you did “Export run 1”/ })
      .waitFor({ timeout: 30_000 });
    await page.getByText('Based on 1 activity').waitFor();

    await page.getByLabel('Ask your coach').fill('Can you make my next workout easier?');
    await page.getByLabel('Ask your coach').press('Enter');
    const card = page.locator('.coach-proposal');
    await card.getByRole('heading', { name: 'Proposed change to your plan' }).waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Confirm & apply' }).waitFor();
    await page.getByText(/^Easing “.+ is part of Pro/).waitFor();
    // The upgrade link reads as words; the answer never prints the address itself.
    assert.equal(await page.locator('.coach-bubble').getByRole('link', { name: 'See Pro' }).getAttribute('href'), '/pricing#plan-pro');
    assert.doesNotMatch((await page.locator('.coach-bubble').last().textContent()) ?? '', /\/pricing/);
    await capture(page, 'ai-coach-free-alternative');
    await page.close();
  });

  // Without JavaScript: the question posts, the page comes back with the finished answer; the proposal's
  // Confirm and Undo are forms too.
  it('works without JavaScript: ask, the finished answer, confirm a proposal, undo it', async () => {
    const setup = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('aicoachnojs');
    await signUp(setup, { email, password: PASSWORD, displayName: 'Noa NoScript' }, await createInvite());
    await giveAthletePro(email);
    await makePlan(setup);
    await setup.close();

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await page.goto(`${APP_URL}/ai-coach`);
    await page.getByRole('link', { name: 'Can you make this week a bit easier?', exact: true }).click();
    assert.equal(await page.getByLabel('Ask your coach').inputValue(), 'Can you make this week a bit easier?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/ai-coach\/[0-9a-f-]{36}/);
    const card = page.locator('.coach-proposal');
    await card.getByRole('heading', { name: 'Proposed change to your plan' }).waitFor();
    await capture(page, 'ai-coach-nojs-proposal', [360]);
    await card.getByRole('button', { name: 'Confirm & apply' }).click();
    await card.getByText(/^Applied on/).waitFor();
    await card.getByRole('button', { name: 'Undo' }).click();
    await card.getByText('Undone: your plan is back as it was.').waitFor();
    await context.close();
  });
});

/** The plan wizard: a 10 km run in ten weeks, from today, four days a week (as in plans.spec.ts). */
async function makePlan(page: import('playwright-core').Page) {
  await page.goto(`${APP_URL}/training/new`);
  await page.selectOption('#field-goalKind', 'run_10k');
  await page.fill('#field-eventName', 'Autumn 10k');
  await page.fill('#field-eventDate', plusDays(70));
  await page.fill('#field-startDate', today);
  for (const day of ['0', '1', '2', '3', '4', '5', '6'])
    await page.locator(`input[name="days"][value="${day}"]`).setChecked(Number(day) % 2 === 0);
  await page.fill('#field-hoursPerWeek', '5');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('Your plan, previewed').waitFor();
  await Promise.all([page.waitForURL(/\/training\?created=1/), page.getByRole('button', { name: 'Create plan' }).click()]);
}
