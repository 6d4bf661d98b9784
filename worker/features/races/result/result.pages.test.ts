// The Result tab: before the race it says when it opens; after, a plain form post marks the run (no script needed),
// then the splits table, the halves, the fuel and the error show; /races lists the past race and the next card says
// how the last prediction at that distance went. Another athlete gets 404.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { runOn, today } from '../../analytics/analytics.testing';
import { pastRace, raceRun, storePrediction } from './result.testing';

const form = (h: Harness, url: string, cookie: string, fields: Record<string, string>) =>
  h.call(url, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the Result tab', () => {
  it('opens on race day, marks the run by form, then shows splits, pacing, fuel and the error', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(me.user.id, runOn(40, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }));

    const { body: soon } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Spring 10K', distanceM: 10000, raceDate: addDays(today(), 30) },
      cookie: me.cookie,
    });
    const upcoming = await (await h.call(`/races/${soon.id}/result`, { cookie: me.cookie })).text();
    expect(upcoming).toContain('The result opens on race day');
    expect(upcoming).toContain(`href="/races/${soon.id}/result"`);

    const race = await pastRace(h.db, me.user.id, 4, 10000, 'Harbour 10K');
    const { id: runId } = await w.activities.ingest(me.user.id, raceRun(race.date, Array(10).fill(306), undefined, 'Harbour race'));
    await storePrediction(h.db, me.user.id, race.id, new Date(`${addDays(race.date, -2)}T12:00:00Z`), { low: 2880, mid: 3000, high: 3120 });
    const url = `/races/${race.id}/result`;
    const before = await (await h.call(url, { cookie: me.cookie })).text();
    expect(before).toContain('Which activity was the race?');
    expect(before).toContain(`value="${runId}"`);
    expect(before).toContain('<label for="result-carbs"');
    expect((await h.call(url, { cookie: other.cookie })).status).toBe(404);

    const bad = await form(h, url, me.cookie, { intent: 'mark', activityId: runId, carbsG: 'lots' });
    expect(bad.status).toBe(400);
    const ok = await form(h, url, me.cookie, { intent: 'mark', activityId: runId, carbsG: '40', fluidL: '0,5' });
    expect(ok.status).toBe(200);
    const html = await (await h.call(url, { cookie: me.cookie })).text();
    expect(html).toContain('Splits: planned against run');
    expect(html).toContain('<th scope="col">Km</th>');
    expect(html).toMatch(/Went out \d+\.\d % (faster|slower) than planned/);
    expect(html).toContain('No heart rate was recorded');
    expect(html).toContain('Carbohydrate: 40 g in all, 47 g per hour of your finish.');
    expect(html).toContain('predicted 50:00 (48:00–52:00), ran 51:00 (+2.0 %), inside the range');

    const list = await (await h.call('/races', { cookie: me.cookie })).text();
    expect(list).toContain('Past races');
    expect(list).toContain('Finished in 51:00');
    expect(list).toContain('Last time at 10 km: predicted 50:00 (48:00–52:00), ran 51:00 (+2.0 %), inside the range.');

    expect((await form(h, url, me.cookie, { intent: 'unmark' })).status).toBe(200);
    expect(await (await h.call(url, { cookie: me.cookie })).text()).toContain('Mark your result');
  });
});
