// One rule for the ± of a critical-power fit (issue 55): the /analysis models card and the thresholds page claim
// a margin of error only when the fit's efforts come from two sessions at least, on a brand-new athlete.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { powerRide } from '../power-ride.testing';
import type { ModelsResponse } from './curves.schema';

/** 3 min at `hard`, 5 min at 0.79 × it, 20 min at 0.69 × it, on easy spinning: a ladder of maximal-ish efforts. */
const hardRide = (day: string, hard: number, externalId: string) =>
  powerRide(
    day,
    3600,
    (s) => (s < 600 ? 150 : s < 780 ? hard : s < 1080 ? 150 : s < 1560 ? hard * 0.79 : s < 1860 ? 150 : s < 3060 ? hard * 0.69 : 150),
    { externalId },
  );

describe('the models card and the thresholds page: no ± from one session', () => {
  it('one hard ride: CP and W′ without a margin on both pages; a second session brings the ± back to both', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const day = addDays(mondayOf(todayIn('UTC', new Date())), -40);
    await w.activities.ingest(me.user.id, hardRide(day, 420, 'one'));
    await w.trainingLoad.settle(me.user.id);

    const models = await h.json<Body<typeof ModelsResponse>>('/api/v1/analytics/models?sport=ride', { cookie: me.cookie });
    expect(models.status).toBe(200);
    expect(models.body.fit).not.toBeNull();
    expect(models.body.fit).toMatchObject({ criticalSE: null, reserveSE: null });
    const page = async (path: string) => (await (await h.call(path, { cookie: me.cookie })).text()).replace(/<!-- -->/g, '');
    const card = (html: string) => html.slice(html.indexOf('id="model"'), html.indexOf('</section>', html.indexOf('id="model"')));
    const analysis = await page('/analysis?kind=power&sport=ride');
    expect(card(analysis)).toContain('one session: no margin of error');
    expect(card(analysis)).not.toContain('±');
    expect(await page('/settings/training')).toContain('one session: no margin of error');

    // A week on, 3 minutes harder than before: two sessions' efforts, and both pages give the fit its margin.
    await w.activities.ingest(
      me.user.id,
      powerRide(addDays(day, 7), 1800, (s) => (s >= 600 && s < 780 ? 450 : 150), { externalId: 'two' }),
    );
    await w.trainingLoad.settle(me.user.id);
    const two = await h.json<Body<typeof ModelsResponse>>('/api/v1/analytics/models?sport=ride', { cookie: me.cookie });
    expect(two.body.fit?.criticalSE).toEqual(expect.any(Number));
    expect(card(await page('/analysis?kind=power&sport=ride'))).toMatch(/\d+ W<\/strong> ± [\d.]+ W/);
    expect(await page('/settings/training')).toMatch(/CP from \d+ best efforts of 2–20 min \(2 rides\)[^<]*±\d+ W/);
  });
});
