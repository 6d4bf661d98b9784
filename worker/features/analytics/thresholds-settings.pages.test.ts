// Settings → Training with estimates (ADR 065): each estimate with its date, what it rests on and a link to its
// ride, the earlier ones, and the model history card; rendered by the real page.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { analyticsWorld } from '../../testing/analytics';
import { powerRide } from './power-ride.testing';

describe('Settings → Training', () => {
  it('shows each estimate with its date, what it rests on and its ride, and how the estimates moved', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const day = addDays(mondayOf(todayIn('UTC', new Date())), -40);
    const steady = await w.activities.ingest(
      me.user.id,
      powerRide(addDays(day, -30), 2400, () => 180),
    );
    const hard = await w.activities.ingest(
      me.user.id,
      powerRide(day, 3600, (s) =>
        s < 600 ? 150 : s < 780 ? 420 : s < 1080 ? 150 : s < 1560 ? 330 : s < 1860 ? 150 : s < 3060 ? 290 : 150,
      ),
    );
    await w.trainingLoad.settle(me.user.id);
    const res = await h.call('/settings/training', { cookie: me.cookie });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, '');
    const after = addDays(mondayOf(day), 7);
    expect(html).toMatch(new RegExp(`CP from 17 best efforts of 2–20 min \\(1 ride\\) in the 90 days before ${after}, ±\\d+ W`));
    expect(html).toContain(`href="/activities/${hard.id}"`);
    // The first estimate, from the steady ride alone, is listed among the earlier ones.
    expect(html).toMatch(/earlier estimates?/);
    expect(html).toContain(`95 % of best 20-min power (180 W) in the 365 days before ${addDays(mondayOf(addDays(day, -30)), 7)}`);
    expect(html).toContain(`href="/activities/${steady.id}"`);
    expect(html).toContain('id="model-history"');
    expect(html).toContain('No runs with pace yet');
    expect(html).toMatch(/FTP estimate \d+ W: CP \d+ ± \d+ W, W′ [\d.]+ kJ, from 17 best efforts of 2–20 min from the efforts before/);
  });

  it('says when a year without efforts let the last estimate lapse (a ride from years ago, ADR 065 "A horizon")', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(
      me.user.id,
      powerRide('2019-02-17', 2400, () => 200),
    );
    await w.trainingLoad.settle(me.user.id);
    const res = await h.call('/settings/training', { cookie: me.cookie });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, '');
    // Its window is the 365 days before each Monday: 17 Feb 2020 still holds the ride of 17 Feb 2019, 24 Feb does not.
    expect(html).not.toContain('Estimated</span> from 18 Feb 2019');
    expect(html).toContain('The last estimate, 190 W from 18 Feb 2019, lapsed on 24 Feb 2020');
    expect(html).toMatch(
      /No rides with power in the year before \d{1,2} \w+ \d{4}: the last FTP estimate, 190 W from 18 Feb 2019, lapsed on 24 Feb 2020; none is in effect\./,
    );
  });
});
