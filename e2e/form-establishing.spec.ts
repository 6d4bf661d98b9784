// Home's form card for a new athlete whose history is a few recent weeks (issue 37): it says fitness is
// being established and for how long, never "Overreaching", at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInvite, horizontalOverflow, screenshot, signUp, uniqueEmail } from './fixtures.ts';
import { browserWithHistoryToday, connectStravaAndImport } from './strava-steps.ts';

describe('form card while fitness is being established', () => {
  // A short history ending today: a few weeks, far from the 56 days the rule needs.
  const browser = browserWithHistoryToday(15);

  it('says "Fitness is being established — N more days" instead of a form label', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const email = uniqueEmail('establishing');
    await signUp(page, { email, password: 'a long e2e passphrase', displayName: 'Ezra Early' }, await createInvite());
    await connectStravaAndImport(page);

    const card = page.locator('#form');
    await card.getByText(/Fitness is being established — \d+ more days?/).waitFor();
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(text, /Overreaching|Productive|Fresh|Neutral/);
    assert.match(text, /not banded while fitness is being established|Needs 7 days of history/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-establishing-1280');

    await page.setViewportSize({ width: 360, height: 800 });
    await card.scrollIntoViewIfNeeded();
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `home overflows at 360 px: ${scrollWidth} > ${clientWidth}`);
    await screenshot(page, 'form-establishing-360');
    await page.close();
  });
});
