// Wellness shared with a coach and "Why this trend?" in Chromium at 1280 and 360 px (issue 40): the athlete's days
// seeded through the API; the coach's Wellness card says the client hasn't shared wellness while they share only
// their training; the athlete turns on "Share my wellness" on Settings and the card shows readiness and their
// days; the athlete opens "Why this trend?" under the weight chart — no sideways scroll of any page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, horizontalOverflow, launchBrowser, screenshot, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

async function noSidewaysScroll(page: Page, what: string, width: number) {
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= clientWidth, `${what} scrolls sideways at ${width}: ${scrollWidth} > ${clientWidth}`);
}

describe('wellness shared with a coach, and why this trend', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 360]) {
    it(`the coach sees wellness only once shared; the athlete asks why their weight moved (${width} px)`, async () => {
      const athleteContext = await browser.newContext({ viewport: { width, height: 900 } });
      const athlete = await athleteContext.newPage();
      const athleteEmail = uniqueEmail(`share-${width}`);
      await createAccount(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Wren Wellness' }, await createInvite());
      // Three weeks of check-ins through the API: sleep, resting HR, and weight on most days.
      for (let i = 20; i >= 1; i--) {
        const res = await athlete.request.put(`${APP_URL}/api/v1/wellness/days/${dayAgo(i)}/check-in`, {
          data: { sleepHours: 6.5 + (i % 4) * 0.5, restingHr: 46 + (i % 5), ...(i % 3 === 0 ? {} : { weight: 71 - i * 0.05 }) },
          headers: { origin: APP_URL },
        });
        assert.equal(res.status(), 200, await res.text());
      }

      const coachContext = await browser.newContext({ viewport: { width, height: 900 } });
      const coach = await coachContext.newPage();
      const coachEmail = uniqueEmail(`sharecoach-${width}`);
      await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cal Coach' }, await createInvite());
      await setRole(coachEmail, 'coach');
      const post = (path: string, data: unknown) =>
        coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
      assert.equal((await post('/org', { name: 'Share Coaching', timeZone: 'Europe/Berlin' })).status(), 201);
      const client = await (await post('/clients', { name: 'Wren Client', email: athleteEmail })).json();
      const asked = await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail });
      assert.equal(asked.status(), 201, await asked.text());
      const link = (await asked.json()).link;
      const accepted = await athlete.request.post(`${APP_URL}/api/v1/me/coach-links/${link.id}/accept`, { headers: { origin: APP_URL } });
      assert.equal(accepted.status(), 200);

      // Training shared, wellness not: the card says so, calmly.
      await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
      const card = coach.locator('#wellness');
      await card.getByText("Wren Wellness hasn't shared wellness with you.").waitFor({ timeout: 20_000 });
      await screenshot(coach, `coach-wellness-not-shared-${width}`);

      // The athlete shares it from Settings.
      await athlete.goto(`${APP_URL}/settings#coaches`);
      const share = athlete.getByRole('switch', { name: /Share my wellness .* with Share Coaching/ });
      assert.equal(await share.getAttribute('aria-checked'), 'false');
      await share.click();
      await athlete.getByText('They now see your wellness').waitFor();
      await athlete.getByRole('switch', { name: /Share my wellness/, checked: true }).waitFor();
      await noSidewaysScroll(athlete, 'Settings', width);
      await screenshot(athlete, `settings-wellness-share-${width}`);

      await coach.reload();
      await card.getByText(/Resting HR: establishing their normal range \(20 of 21 days/).waitFor({ timeout: 20_000 });
      const rows = card.locator('.wellness-table tbody tr');
      // The last 14 days: check-ins on the 13 before today.
      assert.equal(await rows.count(), 13);
      assert.match((await rows.nth(0).textContent()) ?? '', /\d\.\d h.*bpm/);
      await noSidewaysScroll(coach, 'the client page', width);
      await screenshot(coach, `coach-wellness-shared-${width}`);

      // Why this trend? under the weight chart, for its 13 weeks.
      await athlete.goto(`${APP_URL}/wellness`);
      const weight = athlete.locator('#weight');
      await weight.getByRole('img', { name: /^Weight from / }).waitFor();
      await weight.getByRole('link', { name: 'Why this trend?' }).click();
      await athlete.getByRole('heading', { name: 'Why this trend?', level: 1 }).waitFor();
      assert.match(athlete.url(), /\/wellness\/why\?chart=weight&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      await athlete
        .locator('.why-summary')
        .getByText(/inputs compared|Too little recorded/)
        .waitFor();
      await athlete
        .locator('#why-findings')
        .getByText(/No finding links an input to this chart yet/)
        .waitFor();
      await noSidewaysScroll(athlete, 'the Why page', width);
      await screenshot(athlete, `wellness-why-${width}`);
      await athlete.getByRole('link', { name: '‹ Back to Wellness' }).click();
      await athlete.getByRole('heading', { name: 'Wellness', level: 1 }).waitFor();

      await athleteContext.close();
      await coachContext.close();
    });
  }
});
