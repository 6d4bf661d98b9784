// "Why this trend?" and the wellness sharing switch as a browser without JavaScript uses them: the weight chart and
// its link on /wellness, the Why page for that window (too little recorded, said plainly), a refused range as the
// page's message; on Settings, the athlete's "Share my wellness" switch is a plain form post the coach sees at once.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import * as repo from '../wellness.repo';

const today = () => todayIn('UTC', new Date());

async function world(h: Harness) {
  const a = await h.signup({ displayName: 'Pia Pages' });
  const post = (path: string, values: Record<string, string>) =>
    h.call(path, {
      method: 'POST',
      body: new URLSearchParams(values).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const page = async (path: string) => (await h.call(path, { cookie: a.cookie })).text();
  return { ...a, post, page };
}

describe('why this trend, without JavaScript', () => {
  it('the weight chart links to the Why page for its 13 weeks, which says what it can', async () => {
    const h = Harness.init();
    const a = await world(h);
    expect(await a.page('/wellness')).toContain('No weight recorded in these 13 weeks.');
    for (const [d, kg] of [
      [-20, 71.2],
      [-3, 70.4],
    ] as const)
      await repo.putDay(
        h.db,
        a.user.id,
        addDays(today(), d),
        'checkin',
        [{ field: 'weightKg', value: kg, textValue: null }],
        [],
        new Date(),
      );
    const wellness = await a.page('/wellness');
    expect(wellness).toContain('Weight from 71.2 kg');
    const href = `/wellness/why?chart=weight&amp;from=${addDays(today(), -90)}&amp;to=${today()}`;
    expect(wellness).toContain(href);

    const why = await a.page(href.replaceAll('&amp;', '&'));
    expect(why).toContain('Why this trend?');
    expect(why).toContain('Too little recorded to compare');
    expect(why).toContain('No finding links an input to this chart yet');
    expect(why).toContain('Back to Wellness');

    const refused = await a.page(`/wellness/why?chart=fitness&from=${today()}&to=${addDays(today(), -5)}`);
    expect(refused).toContain('That window cannot be compared.');
    expect(refused).toContain('from must be on or before to');
  });

  it('Home’s fitness chart carries the link for its days once it has some; nothing to chart, no link', async () => {
    const h = Harness.init();
    const a = await world(h);
    expect(await a.page('/home')).not.toContain('/wellness/why?chart=fitness');
    expect(await a.page('/analysis/trends')).not.toContain('/wellness/why?chart=efficiency');
    const day = addDays(today(), -10);
    await analyticsWorld(h.db).activities.ingest(
      a.user.id,
      buildActivity({ source: 'fit_upload', startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC' }),
    );
    const home = await a.page('/home');
    expect(home).toMatch(/href="\/wellness\/why\?chart=fitness&amp;from=\d{4}-\d{2}-\d{2}&amp;to=\d{4}-\d{2}-\d{2}"/);
  });
});

describe('the efficiency chart’s link', () => {
  it('asks about the chart’s months, at most a year of them when the chart shows 24', async () => {
    const h = Harness.init();
    const a = await world(h);
    const set = await h.json('/api/v1/analytics/thresholds', {
      body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' },
      cookie: a.cookie,
    });
    expect(set.status).toBe(200);
    for (const d of [3, 5, 8]) {
      const day = addDays(today(), -d);
      await analyticsWorld(h.db).activities.ingest(
        a.user.id,
        buildActivity({
          source: 'fit_upload',
          sport: 'run',
          startTime: new Date(`${day}T07:00:00Z`),
          localStartDate: day,
          timezone: 'UTC',
          movingTimeS: 2700,
          elapsedTimeS: 2750,
          distanceM: 7000,
          avgHr: 135,
        }),
      );
    }
    const month = today().slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const firstOf = (back: number) => new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
    expect(await a.page('/analysis/trends')).toContain(`/wellness/why?chart=efficiency&amp;from=${firstOf(11)}&amp;to=${end}`);
    expect(await a.page('/analysis/trends?months=24')).toContain(
      `/wellness/why?chart=efficiency&amp;from=${addDays(end, -365)}&amp;to=${end}`,
    );
    // Followed, the page answers for that window (clamped to today), never a refusal.
    const why = await a.page(`/wellness/why?chart=efficiency&from=${addDays(end, -365)}&to=${end}`);
    expect(why).toContain('Back to Trends');
    expect(why).not.toContain('That window cannot be compared.');
  });
});

describe('sharing wellness from Settings, without JavaScript', () => {
  it('the switch is a form: on, the coach sees the days; off, the coach is told it is not shared', async () => {
    const h = Harness.init();
    const a = await world(h);
    await repo.putDay(
      h.db,
      a.user.id,
      addDays(today(), -1),
      'checkin',
      [{ field: 'sleepS', value: 27_000, textValue: null }],
      [],
      new Date(),
    );
    const org = await coachOrg(h, { name: 'Pages Coaching' });
    const client = await org.addClient('Pia Client');
    await org.linkAthlete(client.id, a);
    const settings = await a.page('/settings');
    expect(settings).toContain('Share my wellness (sleep, HRV, resting HR, check-ins, weight) with Pages Coaching');
    const linkId = /name="linkId" value="([0-9a-f-]{36})"/.exec(settings)![1]!;
    expect(settings).toMatch(
      /name="verb" value="share-wellness"[^>]*aria-checked="false"|aria-checked="false"[^>]*name="verb" value="share-wellness"/,
    );

    const on = await a.post('/settings', { intent: 'coach-link', linkId, verb: 'share-wellness' });
    expect(on.status).toBe(200);
    expect(await on.text()).toContain('They now see your wellness');
    const shared = await org.api<{ shared: boolean; days: { day: string }[] }>(`/clients/${client.id}/wellness`);
    expect(shared.body).toMatchObject({ shared: true, days: [{ day: addDays(today(), -1) }] });

    const off = await a.post('/settings', { intent: 'coach-link', linkId, verb: 'stop-wellness' });
    expect(await off.text()).toContain('They no longer see your wellness');
    expect((await org.api<{ shared: boolean }>(`/clients/${client.id}/wellness`)).body.shared).toBe(false);
  });
});
