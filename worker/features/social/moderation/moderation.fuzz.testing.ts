// The API fuzz test's targets for social moderation (worker/http/api-fuzz.test.ts collects every feature's): each
// operation on people of its own, so a reporter's hourly limit or an appeal used up never touches another probe.
import { socialProfiles } from '../../../db/schema';
import { type Kit, type TargetSpec, REASON } from '../../../http/api-fuzz-kit.testing';
import { postBy } from './moderation.testing';

/** A person with a public profile and a public post. */
async function author(k: Kit) {
  const p = await k.person();
  await k.h.db.insert(socialProfiles).values({ userId: p.id, profileVisibility: 'public' });
  return { ...p, postId: await postBy(k.h, p.id) };
}

/** A warning on a new author's post, made by the shared owner: the action an appeal is about. */
async function warned(k: Kit) {
  const a = await author(k);
  const action = await k.ok<{ id: string }>('/api/v1/admin/moderation/actions', {
    cookie: k.w.owner.cookie,
    body: { kind: 'warn', targetKind: 'post', targetId: a.postId, reason: REASON },
  });
  return { ...a, actionId: action.id };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/social/reports': {
    make: async (k) => {
      const [a, reporter] = await Promise.all([author(k), k.person()]);
      return { cookie: reporter.cookie, body: { targetKind: 'post', targetId: a.postId, reason: 'spam', note: 'Fuzz' } };
    },
  },
  'POST /api/v1/social/moderation/actions/{id}/appeal': {
    consumes: true,
    make: async (k) => {
      const w = await warned(k);
      return { cookie: w.cookie, params: { id: w.actionId }, body: { text: 'Fuzz appeal' } };
    },
  },
  'POST /api/v1/admin/moderation/actions': {
    make: async (k) => ({ body: { kind: 'warn', targetKind: 'profile', targetId: (await author(k)).id, reason: REASON } }),
  },
  'POST /api/v1/admin/moderation/appeals/{actionId}/decide': {
    consumes: true,
    make: async (k) => {
      const w = await warned(k);
      await k.ok(`/api/v1/social/moderation/actions/${w.actionId}/appeal`, { cookie: w.cookie, body: { text: 'Fuzz appeal' } });
      return { params: { actionId: w.actionId }, body: { decision: 'upheld', reason: REASON } };
    },
  },
};
