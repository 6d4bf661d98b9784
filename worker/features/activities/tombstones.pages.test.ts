// Settings → Data's "Deleted activities" card as the server renders it (ADR 068): the providers' ids the athlete's
// deletes keep out, how often each was sent again, and "Bring back", which lets the next delivery store it; the
// import lines' count is the API's (tombstones.api.test). Nothing of the card without tombstones.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityTombstones } from '../../db/schema';
import { Harness } from '../../testing/harness';

const form = (values: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(values).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('the deleted activities card', () => {
  it('lists what is kept out, brings one back, and says nothing when there is nothing', async () => {
    const h = Harness.init();
    const me = await h.signup();
    // React's text-joining comments out, so the card reads as the athlete sees it.
    const page = async () => (await (await h.call('/settings/data', { cookie: me.cookie })).text()).replaceAll('<!-- -->', '');
    expect(await page()).not.toContain('id="deleted-activities"');

    await h.db.insert(activityTombstones).values([
      { userId: me.user.id, source: 'strava', externalId: '9001', skippedCount: 2, lastSkippedAt: new Date() },
      { userId: me.user.id, source: 'garmin_api', externalId: 'g-77' },
    ]);
    const html = await page();
    expect(html).toContain('id="deleted-activities"');
    expect(html).toContain('Strava</strong> activity 9001');
    expect(html).toContain('sent again 2 times, not re-imported');
    expect(html).toContain('Garmin Connect</strong> activity g-77');

    const back = await h.call('/settings/data', {
      ...form({ intent: 'bring-back', source: 'strava', externalId: '9001' }),
      cookie: me.cookie,
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/settings/data#deleted-activities');
    const left = await h.db.select().from(activityTombstones).where(eq(activityTombstones.userId, me.user.id));
    expect(left.map((t) => t.externalId)).toEqual(['g-77']);

    // Gone already, or never there: the card says so, nothing changes.
    const again = await h.call('/settings/data', {
      ...form({ intent: 'bring-back', source: 'strava', externalId: '9001' }),
      cookie: me.cookie,
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Deleted activity not found');
  });
});
