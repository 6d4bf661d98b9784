// The triathlon pages: "Add a race" takes a triathlon format; its race page has a "Swim · bike · run" tab (a run's
// has none) showing each leg's target with receipts, the bike's closed form, the brick calibration and transitions,
// or per leg "not enough data yet"; a run's or another athlete's triathlon tab is a 404.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { runOn, today } from '../../analytics/analytics.testing';

const post = (h: Harness, cookie: string, fields: Record<string, string>) =>
  h.call('/races', {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const raceIds = async (h: Harness, cookie: string) =>
  (await h.json<{ races: { id: string; name: string }[] }>('/api/v1/races', { cookie })).body.races;

describe('the triathlon pages', () => {
  it('adds a triathlon by format; its tab says what would help a new account; a run has no tab and a 404 there', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const form = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(form).toContain('value="tri:half"');
    const made = await post(h, me.cookie, { intent: 'create', name: 'Bay 70.3', distance: 'tri:half', raceDate: addDays(today(), 60) });
    expect(made.status).toBe(200);
    const list = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(list).toContain('No prediction for this race.');
    expect(list).toContain('Swim · bike · run tab');
    const [tri] = await raceIds(h, me.cookie);

    const page = await (await h.call(`/races/${tri!.id}`, { cookie: me.cookie })).text();
    expect(page).toContain('Half (70.3) triathlon');
    expect(page).toContain(`href="/races/${tri!.id}/triathlon"`);
    const tab = await h.call(`/races/${tri!.id}/triathlon`, { cookie: me.cookie });
    expect(tab.status).toBe(200);
    const html = await tab.text();
    expect(html).toContain('<h2');
    expect(html).toContain('Not enough data yet');
    expect(html).toContain('Set your FTP in Settings');
    expect(html).toContain('Uncalibrated');
    expect(html).toContain('<label for="tri-bike-hours"');
    expect(html).toMatch(/<th scope="row">T1<\/th>\s*<td class="num">4:00<\/td>/);
    expect((await h.call(`/races/${tri!.id}/triathlon`, { cookie: other.cookie })).status).toBe(404);

    const run = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Town 10K', distanceM: 10_000, raceDate: addDays(today(), 20) },
      cookie: me.cookie,
    });
    expect(await (await h.call(`/races/${run.body.id}`, { cookie: me.cookie })).text()).not.toContain('/triathlon"');
    expect((await h.call(`/races/${run.body.id}/triathlon`, { cookie: me.cookie })).status).toBe(404);
  });

  it('shows the bike’s closed form and long rides, the swim and run with their thresholds’ dates, and the entered bike time', async () => {
    const h = Harness.init();
    const me = await h.signup();
    for (const body of [
      { kind: 'ftp', value: 250, effectiveFrom: '2026-01-05' },
      { kind: 'css', paceSeconds: 95, effectiveFrom: '2026-01-05' },
      { kind: 'threshold_pace', paceSeconds: 255, effectiveFrom: '2026-01-05' },
    ])
      expect((await h.json('/api/v1/analytics/thresholds', { method: 'POST', body, cookie: me.cookie })).status).toBe(200);
    const { body: race } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Lake Olympic', sport: 'triathlon', format: 'olympic', raceDate: addDays(today(), 30) },
      cookie: me.cookie,
    });
    const asked = await (await h.call(`/races/${race.id}/triathlon?bikeHours=1.25&flat=true`, { cookie: me.cookie })).text();
    expect(asked).toContain('The bike time is the one you entered');
    expect(asked).toContain('√(100 ÷ (100 × 1.25)) = 0.894');
    expect(asked).toContain('<strong>1.02</strong>');
    expect(asked).toMatch(/CSS(<!-- -->)?, (<!-- -->)?your value(<!-- -->)? from (<!-- -->)?5 Jan 2026/);

    const w = analyticsWorld(h.db);
    const { id } = await w.activities.ingest(
      me.user.id,
      runOn(9, {
        source: 'fit_upload',
        sport: 'ride',
        sportOriginal: 'Ride',
        name: 'Hilly loop',
        movingTimeS: 8000,
        elapsedTimeS: 8000,
        distanceM: 66_000,
        avgPower: 180,
        normalizedPower: 195,
      }),
    );
    const html = await (await h.call(`/races/${race.id}/triathlon`, { cookie: me.cookie })).text();
    expect(html).toContain('your long rides’ speed carried to this power');
    expect(html).toContain(`href="/activities/${id}"`);
    expect(html).toContain('IF = √(TSS ÷ (100 × h))');
    expect(html).toContain('What if you ride a little harder');
    expect(html).toMatch(/Planned: <strong>\d+:\d\d:\d\d<\/strong>/);
  });
});
