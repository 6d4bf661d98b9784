import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_URL, createInvite, horizontalOverflow, screenshot, setProfile, createAccount, uniqueEmail } from './fixtures.ts';
import { browserForSpec, connectStravaAndImport } from './strava-steps.ts';

const PASSWORD = 'a long e2e passphrase';

describe('training dashboard in the browser', () => {
  // Five months of history ending today, so every card (and the 8-week insights) has data.
  const browser = browserForSpec();

  it('thresholds → Strava history → every chart renders; the PMC hover lists a day’s activities; receipts lead to the activity', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const email = uniqueEmail('dash');
    await createAccount(page, { email, password: PASSWORD, displayName: 'Dana Dashboard' }, await createInvite());
    await setProfile(email, { birthDate: '1981-07-09', sex: 'female' });

    // A max HR from far back, so heart-rate loads and easy-run efficiency have a reference from the first activity.
    await page.goto(`${APP_URL}/settings/training`);
    await page.selectOption('select[name="kind"]', 'max_hr');
    await page.fill('input[name="value"]', '186');
    await page.fill('input[name="effectiveFrom"]', '2020-01-01');
    await page.getByRole('button', { name: 'Save value' }).click();
    await page.getByText('186 bpm').first().waitFor();

    await connectStravaAndImport(page, 110);

    // Every chart has drawn (client-rendered) and the server-drawn calendar has its year of days.
    for (const id of ['fitness', 'volume', 'efficiency'])
      await page.locator(`#${id} .recharts-surface`).first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator('#sports svg.split-bar').count()) >= 1);
    assert.ok((await page.locator('#calendar svg rect').count()) >= 300);
    assert.ok((await page.locator('#bests tbody tr').count()) >= 5);
    assert.match((await page.locator('#form').innerText()).replace(/\s+/g, ' '), /FITNESS \(CTL\) \d/i);
    assert.ok((await page.locator('#bests').innerText()).includes('%'), 'age grades are shown');
    await screenshot(page, 'dashboard-1280');

    // Hover along the PMC until a day with activities shows them in the tooltip.
    const chart = page.locator('#fitness .recharts-surface').first();
    // The mouse only reaches what is on screen (Home's Today card now sits above the chart).
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    assert.ok(box);
    let listed = '';
    for (let x = box.x + box.width - 12; x > box.x + 40 && !listed; x -= 9) {
      await page.mouse.move(x, box.y + box.height / 2);
      const item = page.locator('.chart-tooltip-list li').first();
      if (await item.isVisible()) listed = await item.innerText();
    }
    assert.match(listed, /load \d+/, 'the tooltip lists an activity with its load');
    await screenshot(page, 'dashboard-pmc-hover-1280');

    // An insight's receipts expand and link to the activity page.
    const insight = page.locator('#insights .insight:has(details.receipts)').first();
    await insight.locator('details.receipts summary').first().click();
    const receipt = insight.locator('.receipt-list a').first();
    await receipt.waitFor();
    const name = (await receipt.innerText()).trim();
    await screenshot(page, 'dashboard-insight-receipts-1280');
    await Promise.all([page.waitForURL(/\/activities\/[0-9a-f-]{36}$/), receipt.click()]);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: name.slice(0, 20) })
      .waitFor();
    await page.getByText('Training load').first().waitFor();
    await screenshot(page, 'activity-1280');

    await page.goto(`${APP_URL}/home`);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('#fitness .recharts-surface').first().waitFor();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `dashboard overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'dashboard-360');
    assert.deepEqual(
      errors.filter((e) => /Content Security Policy|Refused/.test(e)),
      [],
    );
    await page.close();
  });
});
