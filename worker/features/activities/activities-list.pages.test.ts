// The activities list page (/activities) as the server renders it: the URL's search, filters and sort
// reach the table, a bad value is dropped rather than an error, the pager pages, and the controls are there.
import { describe, expect, it } from 'vitest';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';

const day = (d: number) => new Date(Date.UTC(2026, 4, d, 7));

async function world() {
  const h = Harness.init();
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  await w.activities.ingest(me.user.id, buildActivity({ name: 'Tempo by the river', startTime: day(1), distanceM: 12_000 }));
  await w.activities.ingest(
    me.user.id,
    buildActivity({ name: 'Gravel loop', sport: 'ride', sportOriginal: 'Ride', startTime: day(2), distanceM: 60_000 }),
  );
  const html = async (qs = '') => {
    const res = await h.call(`/activities${qs}`, { cookie: me.cookie });
    expect(res.status).toBe(200);
    return res.text();
  };
  const order = (page: string, names: string[]) =>
    names.map((n) => page.indexOf(n)).every((i, k, a) => i >= 0 && (k === 0 || i > a[k - 1]!));
  return { h, me, w, html, order };
}

describe('activities list page', () => {
  it('shows the table with sortable columns, search and filters from the URL, and the upload and column controls', async () => {
    const { html, order } = await world();
    const all = await html();
    expect(order(all, ['Gravel loop', 'Tempo by the river'])).toBe(true);
    expect(all).toContain('1–2 of 2');
    expect(all).toContain('aria-label="Select all on this page"');
    expect(all).toContain('aria-sort="descending"');
    expect(all).toContain('>Columns<');
    expect(all).toContain('Upload files');
    expect(all).toContain(`href="/activities?sort=distance&amp;dir=desc"`);

    const searched = await html('?q=river');
    expect(searched).toContain('Tempo by the river');
    expect(searched).not.toContain('Gravel loop');
    expect(searched).toContain('value="river"');
    const rides = await html('?sport=ride');
    expect(rides).toContain('Gravel loop');
    expect(rides).not.toContain('Tempo by the river');
    const shortest = await html('?sort=distance&dir=asc');
    expect(order(shortest, ['Tempo by the river', 'Gravel loop'])).toBe(true);
    expect(shortest).toContain('aria-sort="ascending"');
  });

  it('drops a bad value instead of failing, says when nothing matches, and pages', async () => {
    const { html, me, w } = await world();
    expect(await html('?sort=pace&sport=skiing')).toContain('Gravel loop');
    expect(await html('?q=nothing-like-this')).toContain('No activities match');
    for (let i = 3; i < 55; i++)
      await w.activities.ingest(
        me.user.id,
        buildActivity({ name: `Jog ${i}`, startTime: new Date(Date.UTC(2026, 2, 1, 7) + i * 5 * 3_600_000) }),
      );
    const first = await html();
    expect(first).toContain('1–50 of 54');
    expect(first).toContain('rel="next"');
    const second = await html('?offset=50');
    expect(second).toContain('51–54 of 54');
    expect(second).toContain('rel="prev"');
  });
});
