// The API fuzz test's targets for social people (worker/http/api-fuzz.test.ts collects every feature's): each
// act on another person gets fresh people of its own, so the hourly follow allowance and earlier probes'
// follows, blocks and mutes never decide a baseline.
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';

const S = '/api/v1/social';

/** A new caller and a new person they act on. */
async function pair(k: Kit) {
  const [me, other] = await Promise.all([k.person(), k.person()]);
  return { me, other, act: (path: string, cookie: string, method = 'POST') => k.ok(`${S}${path}`, { method, cookie }) };
}

const onOther = (setup?: (p: Awaited<ReturnType<typeof pair>>) => Promise<unknown>, consumes = false): TargetSpec => ({
  consumes,
  make: async (k) => {
    const p = await pair(k);
    await setup?.(p);
    return { cookie: p.me.cookie, params: { userId: p.other.id } };
  },
});

export const fuzzTargets: Record<string, TargetSpec> = {
  'PUT /api/v1/social/settings': { make: async (k) => ({ cookie: (await k.person()).cookie, body: { endCutM: 400, inDirectory: false } }) },
  'POST /api/v1/social/zones': {
    make: async (k) => ({ cookie: (await k.person()).cookie, body: { label: 'Home', lat: 52.5, lon: 13.4, radiusM: 400 } }),
  },
  'DELETE /api/v1/social/zones/{id}': {
    consumes: true,
    make: async (k) => {
      const me = await k.person();
      const z = await k.ok<{ id: string }>(`${S}/zones`, {
        cookie: me.cookie,
        body: { label: 'Home', lat: 52.5, lon: 13.4, radiusM: 400 },
      });
      return { cookie: me.cookie, params: { id: z.id } };
    },
  },
  'POST /api/v1/social/follows/{userId}': onOther(),
  'DELETE /api/v1/social/follows/{userId}': onOther((p) => p.act(`/follows/${p.other.id}`, p.me.cookie), true),
  // The other person asked to follow me.
  'POST /api/v1/social/follows/requests/{userId}/accept': onOther((p) => p.act(`/follows/${p.me.id}`, p.other.cookie), true),
  'POST /api/v1/social/follows/requests/{userId}/decline': onOther((p) => p.act(`/follows/${p.me.id}`, p.other.cookie), true),
  // The other person follows me (asked, and I accepted: a new profile is private).
  'DELETE /api/v1/social/followers/{userId}': onOther(async (p) => {
    await p.act(`/follows/${p.me.id}`, p.other.cookie);
    await p.act(`/follows/requests/${p.other.id}/accept`, p.me.cookie);
  }, true),
  'POST /api/v1/social/blocks/{userId}': onOther(),
  'DELETE /api/v1/social/blocks/{userId}': onOther((p) => p.act(`/blocks/${p.other.id}`, p.me.cookie), true),
  'POST /api/v1/social/mutes/{userId}': onOther(),
  'DELETE /api/v1/social/mutes/{userId}': onOther((p) => p.act(`/mutes/${p.other.id}`, p.me.cookie), true),
  'GET /api/v1/social/people': { make: async () => ({ query: { q: 'Fuzz', limit: '10' } }) },
  'GET /api/v1/social/people/{userId}': onOther(),
  'GET /api/v1/social/public/people/{userId}': {
    make: async (k) => {
      const owner = await k.person();
      await k.ok(`${S}/settings`, { method: 'PUT', cookie: owner.cookie, body: { publicPage: true } });
      return { cookie: null, params: { userId: owner.id } };
    },
  },
};
