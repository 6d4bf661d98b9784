// The mobile pass (issue 41): every page an athlete reaches, at 360, 390 and 768 px, for an athlete with a full
// season (a plan, Strava history, three weeks of check-ins, a conversation, a shared run, a friend and the week's
// board: social-steps.ts); the brand-new athlete's pass (empty states) is mobile-pass-new.spec.ts, run beside this
// one. The list is derived from web/app/routes: a new athlete route fails here until it is in the pass or excluded
// with a reason. What each page is held to, and the steps: mobile-pass-steps.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_URL } from './fixtures.ts';
import { athleteRouteFiles, EXCLUDED, PASS, pass, rolesInside, seedFullAthlete } from './mobile-pass-steps.ts';
import { browserForSpec } from './strava-steps.ts';

describe('the mobile pass over every athlete page', () => {
  const browser = browserForSpec();

  it('covers every signed-in athlete route, or says why not', () => {
    const files = athleteRouteFiles();
    const missing = files.filter((f) => !(f in PASS) && !(f in EXCLUDED));
    assert.deepEqual(missing, [], 'athlete routes neither in the mobile pass nor excluded with a reason');
    const stale = [...Object.keys(PASS), ...Object.keys(EXCLUDED)].filter((f) => !files.includes(f));
    assert.deepEqual(stale, [], 'entries for route files that no longer exist');
  });

  it('a seeded athlete (plan, activities, check-ins, a conversation): full pages at 360, 390 and 768 px', async () => {
    const { page, seeded } = await seedFullAthlete(browser());
    const problems = await pass(page, 'full', seeded);
    assert.deepEqual(problems, []);

    // Reflowed on a phone, a figures table is still a table to a screen reader: rows, row names, cells, and the
    // hidden column headers that name each cell.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${APP_URL}/home`);
    await page.locator('details:has([aria-label="Weekly totals"]) > summary').click();
    const roles = await rolesInside(page, 'Weekly totals');
    assert.equal(roles.filter((r) => r === 'table').length, 1, roles.join(' '));
    for (const role of ['columnheader', 'rowheader', 'cell']) assert.ok(roles.includes(role), `no ${role} in ${roles.join(' ')}`);
    await page.close();
  });
});
