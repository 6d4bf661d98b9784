import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { addDays, mondayOf, todayIn } from '../../../lib/dates';

// The /analysis/trends page (loader and server render): the choices read from the address, the empty
// states, and a week's row linking to the activities behind it.
describe('/analysis/trends', () => {
  it('renders empty weeks and months as such, then a counted week with its link; a basis fixes its sport', async () => {
    const h = Harness.init();
    const me = await h.signup();
    expect((await h.call('/analysis/trends')).status).toBe(302);

    const empty = await h.call('/analysis/trends', { cookie: me.cookie });
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('Time in zone per week');
    expect(emptyHtml).toContain('No activities in these weeks');
    expect(emptyHtml).toContain('No easy runs with heart rate in these months');
    expect(emptyHtml).toContain('id="model-history"');

    const w = analyticsWorld(h.db);
    const lthr = await h.json('/api/v1/analytics/thresholds', {
      method: 'POST',
      cookie: me.cookie,
      body: { kind: 'lthr', value: 170, effectiveFrom: '2020-01-01' },
    });
    expect(lthr.status).toBeLessThan(300);
    const day = addDays(mondayOf(todayIn('UTC', new Date())), -7);
    const t = Array.from({ length: 1800 }, (_, i) => i);
    await w.activities.ingest(
      me.user.id,
      buildActivity({
        startTime: new Date(`${day}T07:00:00Z`),
        localStartDate: day,
        movingTimeS: 1800,
        distanceM: 5400,
        avgHr: 150,
        detailComplete: true,
        streams: { t, hr: t.map(() => 150), speedCms: t.map(() => 300) },
      }),
    );
    const full = await (await h.call('/analysis/trends?weeks=26', { cookie: me.cookie })).text();
    expect(full).toContain(`/activities?from=${day}&amp;to=${addDays(day, 6)}`);
    expect(full).toContain('LTHR 170 bpm (yours, from');
    expect(full).toContain('The last 26 weeks');

    // Power zones are rides' only: the sport choice is fixed (and hidden), unknown weeks fall back to 12.
    const power = await (await h.call('/analysis/trends?basis=power&sport=run&weeks=7', { cookie: me.cookie })).text();
    expect(power).toContain('The last 12 weeks');
    expect(power).not.toContain('aria-label="Sports counted"');
    expect(power).toMatch(/href="[^"]*basis=power[^"]*" aria-current="true"|aria-current="true"[^>]*href="[^"]*basis=power/);
  });
});
