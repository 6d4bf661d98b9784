// The activity page as the server renders it with its curve, W′ balance and efficiency cards, and opened at a moment
// (`?at=&for=`, the curves page's links): the window's figures are in the HTML before any script runs.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import { powerRide } from '../power-ride.testing';

const DAY = '2025-06-10';

describe('the activity page’s curve and W′ balance', () => {
  it('shows the curve against the season, W′ balance with its lowest point, EF and decoupling; ?at=&for= opens that window', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    // The climb (5 min at 400 W from 10:00) and, after 20 min easy, two separate efforts of the same ride: 20 min at
    // 320 W and, 10 min later, 3 min at 433 W. One effort alone carries no model; these three do (CP about 298 W),
    // and the climb overdraws it, more than the later two after their recoveries.
    const { id } = await w.activities.ingest(
      me.user.id,
      powerRide(DAY, 4500, (s) => (s >= 600 && s < 900 ? 400 : s >= 2100 && s < 3300 ? 320 : s >= 3900 && s < 4080 ? 433 : 100), {
        name: 'Climb',
      }),
    );
    const page = async (path: string, cookie: string | undefined = me.cookie) => {
      const res = await h.call(path, { cookie });
      return { status: res.status, html: await res.text() };
    };

    const { status, html } = await page(`/activities/${id}`);
    expect(status).toBe(200);
    for (const card of ['charts', 'w-balance', 'curve', 'efficiency']) expect(html, card).toContain(`id="${card}"`);
    expect(html).toMatch(/Lowest (<!-- -->)?−?\d+\.\d kJ \(−?\d+ %\) at 14:59/);
    expect(html).toContain('Skiba 2015 differential form');
    // A first hard ride is its own model: the climb overdraws it, and the page says why rather than blame the rider.
    expect(html).toMatch(/W′(<!-- -->)? went below zero/);
    expect(html).toMatch(/The model rests on this activity(&#x27;|')s efforts alone/);
    expect(html).toContain('Power curve');
    expect(html).toContain('2025 season best');
    // No heart rate on this ride: EF and decoupling say so rather than show nothing.
    expect(html).toContain('Not enough data: no heart rate was recorded.');
    expect(html).toContain('Under 5 % means aerobically steady');
    expect(html).not.toContain('10:00–15:00');

    const opened = await page(`/activities/${id}?at=600&for=300`);
    expect(opened.status).toBe(200);
    expect(opened.html).toMatch(/<h3 id="range-figures-title" class="range-title">10:00–15:00<\/h3>/);
    expect(opened.html).toContain('Zoomed to 10:00–15:00.');
    expect(opened.html).toMatch(/5:00(<!-- -->)? elapsed/);
    // A moment past the end or not a number opens the whole activity, never an error.
    for (const q of ['at=abc', 'at=-5', 'at=60&for=0']) {
      const r = await page(`/activities/${id}?${q}`);
      expect(r.status, q).toBe(200);
      expect(r.html, q).toContain('Whole activity');
    }

    // Without streams: no curve or W′ card.
    const manual = await w.activities.ingest(
      me.user.id,
      buildActivity({ sport: 'ride', startTime: new Date(`${DAY}T12:00:00Z`), localStartDate: DAY, streams: null }),
    );
    const bare = await page(`/activities/${manual.id}`);
    expect(bare.status).toBe(200);
    expect(bare.html).not.toContain('id="curve"');
    expect(bare.html).not.toContain('id="w-balance"');

    const other = await h.signup();
    expect((await page(`/activities/${id}?at=600&for=300`, other.cookie)).status).toBe(404);
  });
});
