// The /heatmap page: a new athlete sees "Not enough data yet"; with routes, the filter (sport and months, the
// presets resolved to months), the count it takes, that it is private, and the per-sport table without the map.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/clock';
import { Harness } from '../../../testing/harness';
import { createTrackSync } from '../tracks/track-sync';
import { createHeatmap } from './heatmap.service';
import { bumpVersion, storeHistory } from './heatmap.testing';

describe('the Heatmap page', () => {
  it('says there is not enough data yet, then shows the filter, the counts and that it is private', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const empty = await (await h.call('/heatmap', { cookie: me.cookie })).text();
    expect(empty).toContain('Not enough data yet');
    expect(empty).toContain('Private: only you can see it');

    await storeHistory(h.db, me.user.id, {
      count: 5,
      years: 1,
      end: new Date(),
      home: { lat: 51.5, lon: -0.12 },
      seed: 5,
      sports: ['run'],
    });
    const heatmap = createHeatmap({ db: h.db, clock: systemClock });
    const sync = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [heatmap.listener] });
    await sync.syncAthlete(me.user.id, await bumpVersion(h.db, me.user.id));

    const html = await (await h.call('/heatmap', { cookie: me.cookie })).text();
    expect(html).not.toContain('Not enough data yet');
    expect(html).toContain('<label for="field-sport"');
    expect(html).toContain('<label for="field-range"');
    expect(html).toContain('5 activities, all time');
    expect(html).toContain('<th scope="row">Run</th>');
    expect(html).toContain('The heatmap draws with JavaScript and WebGL');
    expect(html).toContain('Routes from GPX file.');
    const year = await (await h.call('/heatmap?range=custom&from=2001-01&to=2001-12', { cookie: me.cookie })).text();
    expect(year).toContain('No routes in this selection.');
    expect((await h.call('/heatmap')).status).toBe(302);
  });
});
