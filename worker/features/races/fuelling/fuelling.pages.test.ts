// The race page's Fuelling tab: a sweat test posted by plain form shows its rate on the tab and in the plan (with
// the formula), a bad one is refused on its field; without a test the tab says it uses the conservative default;
// gels and aid stations are laid out in a table; another athlete's race is a 404.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { runOn, today } from '../../analytics/analytics.testing';

const post = (h: Harness, path: string, cookie: string, fields: Record<string, string>) =>
  h.call(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the Fuelling tab', () => {
  it('a sweat test by form post → its rate on the tab and in the fluid plan; gels in a table; 404 for another athlete', async () => {
    const h = Harness.init();
    const [me, other] = [await h.signup(), await h.signup()];
    const w = analyticsWorld(h.db);
    for (const r of [
      runOn(20, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
      runOn(50, { name: 'Spring half', distanceM: 21098, movingTimeS: 5880, elapsedTimeS: 5880 }),
    ])
      await w.activities.ingest(me.user.id, r);
    const { body: race } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'City marathon', distanceM: 42195, raceDate: addDays(today(), 50) },
      cookie: me.cookie,
    });
    const path = `/races/${race.id}/fuelling`;

    const before = await (await h.call(path, { cookie: me.cookie })).text();
    expect(before).toContain('Carbohydrate: 90 g per hour');
    expect(before).toContain('No sweat test yet: a conservative default');
    expect(before).toContain('Sweat rate (L/h) = (mass before − mass after + fluid drunk − urine) ÷ hours');
    expect(before).toContain('<label for="sweat-before"');
    expect(before).toMatch(/<th scope="col" class="num">Clock<\/th>/);
    expect(before).toMatch(
      /href="\/races\/[^"]+\/fuelling"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/races\/[^"]+\/fuelling"/,
    );

    const bad = await post(h, path, me.cookie, {
      intent: 'sweat-test',
      date: addDays(today(), -1),
      durationMin: '60',
      massBeforeKg: '70',
      massAfterKg: '72',
      fluidL: '0.5',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/Mass after \(72 kg\) is/);

    const ok = await post(h, path, me.cookie, {
      intent: 'sweat-test',
      date: addDays(today(), -1),
      durationMin: '60',
      massBeforeKg: '70',
      massAfterKg: '69,2',
      fluidL: '0.5',
      urineL: '0.1',
      temperatureC: '',
      note: '',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Sweat test logged: 1.20 L/h.');

    const after = await (await h.call(`${path}?by=gels&carbsPerGel=30`, { cookie: me.cookie })).text();
    expect(after).toContain('Sweat rate 1.20 L/h: the median of your 1 newest test.');
    expect(after).toContain('(70 − 69.2 kg + 0.5 L drunk − 0.1 L urine) ÷ 1.00 h = 1.20 L/h');
    expect(after).toContain('A 30 g gel each time one is due');
    expect(after).toContain('20:00');

    const stations = await (await h.call(`${path}?by=aidStations&aidStationsKm=10,%2020,%2050`, { cookie: me.cookie })).text();
    expect(stations).toContain('is not between the start and the finish');

    const gut = await post(h, path, me.cookie, {
      intent: 'gut',
      date: addDays(today(), -2),
      carbsGPerH: '95',
      durationMin: '120',
      comfort: '4',
    });
    expect(gut.status).toBe(200);
    // React separates the text pieces with empty comments.
    const logged = (await (await h.call(path, { cookie: me.cookie })).text()).replaceAll('<!-- -->', '');
    expect(logged).toContain('95 g/h for 120 min, comfort 4 of 5');

    expect((await h.call(path, { cookie: other.cookie })).status).toBe(404);
  });
});
