// The /races page: a new account sees "Not enough data yet" with what would help; "Add a race" is a plain form post
// (a common distance or a custom one, a past date refused on its field); with bests the card says the range in
// words and links each best to its activity.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { analyticsWorld } from '../../testing/analytics';
import { runOn, today } from '../analytics/analytics.testing';

const post = (h: Harness, cookie: string, fields: Record<string, string>) =>
  h.call('/races', {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the Races page', () => {
  it('adds a race by form, refuses a past date on its field, and says what would help a new account', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const empty = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(empty).toContain('No races planned');
    expect(empty).toContain('<label for="race-name"');

    const past = await post(h, me.cookie, { intent: 'create', name: 'Old 10K', distance: '10000', raceDate: addDays(today(), -2) });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('The race date is in the past');

    const custom = await post(h, me.cookie, {
      intent: 'create',
      name: 'Hill 12K',
      distance: 'custom',
      customKm: '12',
      raceDate: addDays(today(), 30),
    });
    expect(custom.status).toBe(200);
    const html = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(html).toContain('Hill 12K · 12 km');
    expect(html).toContain('Not enough data yet.');
    expect(html).not.toMatch(/Not enough data yet\.\s*(<[^>]+>\s*)*not enough data yet/i);
    expect(html).toContain('Race or run hard over 5 km or more');
  });

  it('shows the range in words and each best linked to its activity', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const { id } = await w.activities.ingest(
      me.user.id,
      runOn(12, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
    );
    await h.json('/api/v1/races', {
      method: 'POST',
      body: { name: 'Club 10K', distanceM: 10000, raceDate: addDays(today(), 40) },
      cookie: me.cookie,
    });
    const html = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(html).toMatch(/\d+:\d\d – \d+:\d\d, most likely \d+:\d\d/);
    expect(html).toContain(`href="/activities/${id}"`);
    expect(html).toContain('Why the range is this wide');
    // The core's reasons, said as sentences: one best gives no exponent of the athlete's own.
    expect(html).toContain('One recent best: no own exponent');
  });

  it('opens a race on its own page, and another athlete gets 404 there', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const { body: race } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Lake Half', distanceM: 21098, raceDate: addDays(today(), 10) },
      cookie: me.cookie,
    });
    const list = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(list).toContain(`href="/races/${race.id}"`);
    const page = await h.call(`/races/${race.id}`, { cookie: me.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1');
    expect(html).toContain('Lake Half');
    expect(html).toContain('in 10 days');
    expect(html).toMatch(/<nav class="page-tabs" aria-label="Race">[\s\S]*aria-current="page"/);
    expect(html).toContain('Not enough data yet.');
    expect((await h.call(`/races/${race.id}`, { cookie: other.cookie })).status).toBe(404);
  });
});
