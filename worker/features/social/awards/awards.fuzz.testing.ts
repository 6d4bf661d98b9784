// The API fuzz test's targets for achievements and boards (worker/http/api-fuzz.test.ts collects every feature's):
// a fresh athlete per operation — their own achievements page, and a review of one of their own activities.
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import type { TargetSpec } from '../../../http/api-fuzz-kit.testing';

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
};
