// The API fuzz test's targets for the activities list's bulk edits and the tombstones' "bring back" (worker/http/api-fuzz.test.ts collects every
// feature's): a fresh activity of a fresh athlete per operation, so its valid request succeeds on its own.
import { activityTombstones } from '../../db/schema';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';

async function withActivity(k: Kit) {
  const p = await k.person();
  const { id } = await analyticsWorld(k.h.db).activities.ingest(p.id, buildActivity({ source: 'fit_upload' }));
  return { p, id };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/activities/tombstones/bring-back': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const externalId = String(Date.now());
      await k.h.db.insert(activityTombstones).values({ userId: p.id, source: 'strava', externalId });
      return { cookie: p.cookie, body: { source: 'strava', externalId } };
    },
  },
  'POST /api/v1/activities/bulk': {
    make: async (k) => {
      const { p, id } = await withActivity(k);
      return { cookie: p.cookie, body: { ids: [id], change: { kind: 'addTags', tags: ['fuzz'] } } };
    },
  },
  'POST /api/v1/activities/bulk/{editId}/undo': {
    consumes: true,
    make: async (k) => {
      const { p, id } = await withActivity(k);
      const edit = await k.ok<{ editId: string }>('/api/v1/activities/bulk', {
        cookie: p.cookie,
        body: { ids: [id], change: { kind: 'hide' } },
      });
      return { cookie: p.cookie, params: { editId: edit.editId } };
    },
  },
};
