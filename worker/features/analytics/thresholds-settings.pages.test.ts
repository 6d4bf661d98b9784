// Settings → Training with estimates (ADR 065): each estimate with its date, what it rests on and a link to its
// ride, the earlier ones, and the model history card; rendered by the real page.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { analyticsWorld } from '../../testing/analytics';
import { powerRide } from './power-ride.testing';
import { easyLongRun, speedRun } from './run-speed.testing';
import { formatDay } from '../../lib/format';
import type { Body } from '../../testing/bodies';
import type { ThresholdsResponse } from './thresholds.schema';
import type { ModelHistoryResponse } from './curves/curves.schema';

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
    // The hard ride's three separate efforts (3, 8 and 20 min), not every ladder point between them (issue 55);
    // one session still gives no margin of error.
    expect(html).toContain(`CP from 3 best efforts of 2–20 min (1 ride) in the 90 days before ${after}, one session: no margin of error`);
    expect(html).toContain(`href="/activities/${hard.id}"`);
    // The first estimate, from the steady ride alone, is listed among the earlier ones.
    expect(html).toMatch(/earlier estimates?/);
    expect(html).toContain(`95 % of best 20-min power (180 W) in the 365 days before ${addDays(mondayOf(addDays(day, -30)), 7)}`);
    expect(html).toContain(`href="/activities/${steady.id}"`);
    expect(html).toContain('id="model-history"');
    expect(html).toContain('No runs with pace yet');
    expect(html).toMatch(
      /FTP estimate \d+ W from \d{1,2} \w+ \d{4}: CP \d+ W, W′ [\d.]+ kJ, from one session’s best efforts of 2–20 min before/,
    );
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

  it('one easy long run: no CS claim, and the caption says the threshold in effect, never a future Monday (issue 55)', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const today = todayIn('UTC', new Date());
    const monday = mondayOf(today);
    const next = addDays(monday, 7);
    // Last week's easy long run (5:45 /km over rolling ground), then a faster 40 minutes today: the Monday after
    // today rests on today's run, the Mondays up to today on the long run only (any weekday: today ≥ this Monday).
    await w.activities.ingest(me.user.id, easyLongRun(addDays(monday, -5), 'easy'));
    await w.activities.ingest(me.user.id, speedRun(today, 330, 2400, 'fast'));
    await w.trainingLoad.settle(me.user.id);

    const history = await h.json<Body<typeof ModelHistoryResponse>>('/api/v1/analytics/models/history?sport=run', { cookie: me.cookie });
    expect(history.body.today).toBe(today);
    // The long run's bests barely fall from 2 to 20 min: not maximal, so no model and no margin.
    expect(history.body.points.every((p) => p.critical === null && p.criticalSE === null)).toBe(true);
    const rows = (await h.json<Body<typeof ThresholdsResponse>>('/api/v1/analytics/thresholds', { cookie: me.cookie })).body.thresholds;
    const current = rows
      .filter((t) => t.kind === 'threshold_pace' && t.source === 'estimated' && t.effectiveFrom <= today)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]!;
    // The next Monday's row (today's run) is stored but not in effect yet.
    expect(rows.some((t) => t.kind === 'threshold_pace' && t.effectiveFrom === next && t.display !== current.display)).toBe(true);

    const html = (await (await h.call('/settings/training', { cookie: me.cookie })).text()).replace(/<!-- -->/g, '');
    expect(html).not.toMatch(/CS [^<]*±|±[^<]*%/);
    // Headline and caption: one value, one date; the future Monday is nowhere on the page.
    expect(html).toContain(`Estimated</span> from ${formatDay(current.effectiveFrom)}`);
    expect(html).toContain(
      `Threshold pace ${current.display.replace(' ', '\u00a0')} from ${formatDay(current.effectiveFrom)} (best 30 min)`,
    );
    expect(html).not.toContain(formatDay(next));
  });
});
