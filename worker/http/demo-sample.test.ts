import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { copyFileHistory, type Query } from '../../scripts/lib/demo-sample-copy';
import { createActivitiesService } from '../features/activities';
import { buildActivity } from '../testing/factories/activity';
import { Harness } from '../testing/harness';
import { insertAthlete } from '../testing/analytics';

// The dev seed's sample athlete for the demo account: the same statements the seed runs, on the test pool.
describe('demo sample history', () => {
  it('copies file activities and their streams once, never Strava data', async () => {
    const h = Harness.init();
    const source = await insertAthlete(h.db);
    const sample = await insertAthlete(h.db);
    const activities = createActivitiesService({ db: h.db });
    const streams = { t: [0, 1, 2], hr: [120, 121, 122] };
    await activities.ingest(source.id, buildActivity({ source: 'fit_upload', streams, startTime: new Date('2026-01-05T07:00:00Z') }));
    await activities.ingest(source.id, buildActivity({ source: 'gpx_upload', startTime: new Date('2026-01-07T07:00:00Z') }));
    await activities.ingest(source.id, buildActivity({ source: 'strava', startTime: new Date('2026-02-07T07:00:00Z') }));
    const query: Query = (text, params) => (h.db as unknown as { $client: { query: Query } }).$client.query(text, params);

    expect(await copyFileHistory(query, source.id, sample.id)).toBe(2);
    const rows = await h.db.execute(sql`
      SELECT a.source, a.name, a.distance_m, s.streams IS NOT NULL AS has_streams
        FROM activities a LEFT JOIN activity_streams s ON s.activity_id = a.id
       WHERE a.user_id = ${sample.id} ORDER BY a.start_time`);
    expect(rows.rows.map((r) => [r.source, r.has_streams])).toEqual([
      ['fit_upload', true],
      ['gpx_upload', false],
    ]);
    expect(await copyFileHistory(query, source.id, sample.id)).toBe('already');
  });
});
