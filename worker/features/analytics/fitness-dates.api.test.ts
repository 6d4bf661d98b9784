// The fitness series' last day: an activity the athlete's device already dated tomorrow counts now, on its date.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';
import { addDays } from '../../lib/dates';
import type { FitnessResponse } from './analytics.schema';
import { athleteWithRuns, runOn, today } from './analytics.testing';

type Fitness = Body<typeof FitnessResponse>;

describe('fitness on the device’s dates', () => {
  it('counts a run the device already dated tomorrow (an athlete east of their account zone) on its own date, now', async () => {
    const h = Harness.init();
    const tomorrow = addDays(today(), 1);
    const me = await athleteWithRuns(h, [
      runOn(3, { movingTimeS: 3600, avgHr: 150 }),
      buildActivity({ startTime: new Date(Date.now() - 3_600_000), localStartDate: tomorrow, movingTimeS: 1800, avgHr: 160 }),
    ]);
    const { body } = await h.json<Fitness>('/api/v1/analytics/fitness?days=7', { cookie: me.cookie });
    expect(body.today).toBe(tomorrow);
    expect(body.days.at(-1)).toMatchObject({ date: tomorrow, activities: [{ activityId: me.ids[1] }] });
    expect(body.days.at(-1)!.load).toBeGreaterThan(0);
    expect(body.current!.ctl).toBe(body.days.at(-1)!.ctl);
  });
});
