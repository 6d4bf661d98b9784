// The mobile pass (issue 41) for a brand-new athlete: every athlete page's empty state at 360, 390 and 768 px. The
// seeded athlete's pass and the route coverage are mobile-pass.spec.ts; the steps, mobile-pass-steps.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInvite, signUp, uniqueEmail } from './fixtures.ts';
import { PASSWORD, pass } from './mobile-pass-steps.ts';
import { browserForSpec } from './strava-steps.ts';

describe('the mobile pass over every athlete page, brand-new', () => {
  const browser = browserForSpec();

  it('a brand-new athlete: empty states at 360, 390 and 768 px', async () => {
    const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
    await signUp(page, { email: uniqueEmail('mobilenew'), password: PASSWORD, displayName: 'Nia New' }, await createInvite());
    const problems = await pass(page, 'new', null);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
