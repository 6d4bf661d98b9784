// The API fuzz test's targets for achievements and boards (worker/http/api-fuzz.test.ts collects every feature's):
// a fresh athlete per operation — their own achievements page, a review of one of their own activities, a race mark
// on one; the console's decision on a fresh open review (the shared owner holds every permission).
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { type Kit, type TargetSpec, REASON } from '../../../http/api-fuzz-kit.testing';

/** A fresh athlete with one activity of their own. */
async function withActivity(k: Kit, source: 'manual' | 'fit_upload' = 'fit_upload') {
  const p = await k.person();
  const { id } = await analyticsWorld(k.h.db).activities.ingest(p.id, buildActivity({ source }));
  return { ...p, activityId: id };
}

/** A fresh athlete's race-marked activity (one of their own, at their cookie). */
async function raced(k: Kit) {
  const p = await withActivity(k);
  await k.ok(`/api/v1/social/activities/${p.activityId}/race`, { method: 'PUT', cookie: p.cookie, body: { place: 2 } });
  return { cookie: p.cookie, params: { activityId: p.activityId } };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  // Oneself: the relation that always allows it (another's would be a 404 by design).
  'GET /api/v1/social/people/{userId}/achievements': {
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { userId: p.id } };
    },
  },
  'POST /api/v1/social/leaderboards/reviews': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const { id } = await analyticsWorld(k.h.db).activities.ingest(p.id, buildActivity({ source: 'manual' }));
      return { cookie: p.cookie, body: { activityId: id, note: 'It was a real run.' } };
    },
  },
  'GET /api/v1/social/activities/{activityId}/race': { make: raced },
  'PUT /api/v1/social/activities/{activityId}/race': {
    make: async (k) => {
      const p = await withActivity(k);
      return { cookie: p.cookie, params: { activityId: p.activityId }, body: { place: 3, fieldSize: 40 } };
    },
  },
  'DELETE /api/v1/social/activities/{activityId}/race': { consumes: true, make: raced },
  'POST /api/v1/admin/moderation/leaderboard-reviews/{id}/decide': {
    consumes: true,
    make: async (k) => {
      const p = await withActivity(k, 'manual');
      const review = await k.ok<{ id: string }>('/api/v1/social/leaderboards/reviews', {
        cookie: p.cookie,
        body: { activityId: p.activityId, note: 'It was a real run.' },
      });
      return { cookie: k.w.owner.cookie, params: { id: review.id }, body: { decision: 'declined', reason: REASON } };
    },
  },
};
