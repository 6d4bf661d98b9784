// The data policy's mode rides on each request's session lookup (one round trip fewer per signed-in read): a
// switch by the operator must still reach the very next read, and the cached answers must not outlive it.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { athleteWithRuns, runOn } from './analytics.testing';
import type { WeeklyVolumeResponse } from './analytics.schema';

const SWITCH = '/api/v1/admin/ops/data-policy';

describe('a switch of the data policy', () => {
  it('reaches the next signed-in read: strict leaves the Strava API run out of analytics, default brings it back', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [
      runOn(3, { distanceM: 10_000, source: 'fit_upload', externalId: 'file-policy-switch' }),
      runOn(2, { distanceM: 5000, source: 'strava', externalId: 'strava-policy-switch' }),
    ]);
    const operator = await h.userWithRole('admin', ['ops.read', 'system.data_policy']);
    const counted = async () => {
      const res = await h.json<Body<typeof WeeklyVolumeResponse>>('/api/v1/analytics/weekly-volume?weeks=2', { cookie: me.cookie });
      expect(res.status).toBe(200);
      return res.body.weeks.reduce((s, w) => s + w.total.count, 0);
    };
    const switchTo = async (mode: 'strict' | 'default') =>
      expect((await h.json(SWITCH, { method: 'PUT', cookie: operator.cookie, body: { mode } })).status).toBe(200);

    expect(await counted()).toBe(2);
    expect(await counted()).toBe(2); // now from the cache
    await switchTo('strict');
    expect(await counted()).toBe(1);
    await switchTo('default');
    expect(await counted()).toBe(2);
  });
});
