// The API fuzz test's targets for posts (worker/http/api-fuzz.test.ts collects every feature's): the world's
// athlete writes free entries (their activity may already be shared), comments on them, and deletes its own.
import { eq } from 'drizzle-orm';
import { activities } from '../../../db/schema';
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';

const ENTRY = { title: 'Fuzz: easy run', text: 'Felt fine', sport: 'run', durationS: 1800, distanceM: 5000, rpe: 3, date: '2026-11-20' };

const post = async (k: Kit) => (await k.ok<{ id: string }>('/api/v1/social/posts', { body: ENTRY, cookie: k.w.athlete.cookie })).id;
const withPost = async (k: Kit) => ({ params: { id: await post(k) } });

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/social/activities/{activityId}/composer': {
    make: async (k) => {
      const [a] = await k.h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, k.w.athlete.id)).limit(1);
      return { params: { activityId: a!.id } };
    },
  },
  'POST /api/v1/social/posts': { make: async () => ({ body: ENTRY }) },
  // The first page: a cursor is only ever one the feed gave.
  'GET /api/v1/social/feed': { make: async () => ({ query: {} }) },
  'GET /api/v1/social/posts/{id}': { make: withPost },
  'PATCH /api/v1/social/posts/{id}': {
    make: async (k) => ({ ...(await withPost(k)), body: { title: 'Fuzz: edited', visibility: 'followers' } }),
  },
  'DELETE /api/v1/social/posts/{id}': { consumes: true, make: withPost },
  'GET /api/v1/social/posts/{id}/kudos': { make: withPost },
  'PUT /api/v1/social/posts/{id}/kudos': { make: withPost },
  'DELETE /api/v1/social/posts/{id}/kudos': { make: withPost },
  'GET /api/v1/social/posts/{id}/comments': { make: withPost },
  'POST /api/v1/social/posts/{id}/comments': { make: async (k) => ({ ...(await withPost(k)), body: { body: 'Fuzz: nice one' } }) },
  'DELETE /api/v1/social/comments/{id}': {
    consumes: true,
    make: async (k) => {
      const id = await post(k);
      const c = await k.ok<{ id: string }>(`/api/v1/social/posts/${id}/comments`, { body: { body: 'Fuzz' }, cookie: k.w.athlete.cookie });
      return { params: { id: c.id } };
    },
  },
};
