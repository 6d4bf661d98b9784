// The coach overview as the server renders it (issue 55): a week's training counts the sessions off the plan too,
// so a brand-new athlete who rode two hours beside an untouched plan reads "2 h trained", not "0 min of …".
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { coachOrg, membershipOf } from '../../../testing/scenarios';
import { createPlansService } from '../../plans';
import { planRequest } from '../../plans/control/plans-control.testing';
import { hours } from '../../../../web/app/utils/analytics-format';

describe('the coach overview’s week', () => {
  it('says the time trained, unplanned sessions included, beside the time planned', async () => {
    const h = Harness.init();
    const now = new Date();
    const today = todayIn('UTC', now);
    const athlete = await h.signup({ displayName: 'Una Unplanned' });
    const a = { id: athlete.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
    const w = analyticsWorld(h.db, now);
    const plans = createPlansService({ db: h.db, clock: w.clock, analytics: w.analytics, membership: membershipOf(h) });
    await plans.create(a, { ...planRequest(today), startDate: today });
    // A two-hour ride the running plan never asked for, today.
    await w.activities.ingest(
      a.id,
      buildActivity({
        sport: 'ride',
        sportOriginal: 'Ride',
        source: 'manual',
        name: 'Long ride with friends',
        startTime: new Date(Date.parse(`${today}T00:01:00Z`)),
        localStartDate: today,
        timezone: 'UTC',
        movingTimeS: 7200,
        elapsedTimeS: 7200,
        distanceM: 60_000,
      }),
    );
    const org = await coachOrg(h, { name: 'Overview Coaching' });
    const client = await org.addClient('Una Client');
    await org.linkAthlete(client.id, athlete);

    const api = await org.api<{ athletes: { week: { planned: { durationSec: number }; done: { durationSec: number } } | null }[] }>(
      '/dashboard',
    );
    expect(api.status).toBe(200);
    const week = api.body.athletes[0]!.week!;
    expect(week.planned.durationSec).toBeGreaterThan(0);
    expect(week.done.durationSec).toBe(0);

    const res = await h.call('/coach', { cookie: org.coach.cookie });
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll('<!-- -->', '');
    expect(html).toContain(`2 h trained · ${hours(week.planned.durationSec)} planned`);
    expect(html).not.toContain(`0 min of ${hours(week.planned.durationSec)}`);
  });
});
