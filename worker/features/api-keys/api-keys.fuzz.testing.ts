// The API fuzz test's targets for API keys (worker/http/api-fuzz.test.ts collects every feature's): a Pro athlete
// of their own for personal keys, a Team org's owner for team keys, and a key made for each revoke alone.
import { giveTeam, giveTier } from '../../testing/scenarios';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';

const PERSONAL = { name: 'Fuzz dashboard', scopes: ['analytics:read', 'activities:read'], expiresInDays: 30 };
const TEAM = { name: 'Fuzz team tool', scopes: ['coach:read'] };

async function proAthlete(k: Kit) {
  const p = await k.person();
  await giveTier(k.h, p.id, 'pro');
  return p;
}

async function teamOwner(k: Kit) {
  const owner = await k.person('coach');
  const org = await k.ok<{ id: string }>('/api/v1/coach/org', {
    cookie: owner.cookie,
    body: { name: 'Fuzz Keys', timeZone: 'Europe/Berlin' },
  });
  await giveTeam(k.h, org.id, owner.id);
  return owner;
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/me/api-keys': { make: async (k) => ({ cookie: (await proAthlete(k)).cookie }) },
  'POST /api/v1/me/api-keys': { make: async (k) => ({ cookie: (await proAthlete(k)).cookie, body: PERSONAL }) },
  'DELETE /api/v1/me/api-keys/{keyId}': {
    consumes: true,
    make: async (k) => {
      const p = await proAthlete(k);
      const made = await k.ok<{ key: { id: string } }>('/api/v1/me/api-keys', { cookie: p.cookie, body: PERSONAL });
      return { cookie: p.cookie, params: { keyId: made.key.id } };
    },
  },
  'GET /api/v1/coach/api-keys': { make: async (k) => ({ cookie: (await teamOwner(k)).cookie }) },
  'POST /api/v1/coach/api-keys': { make: async (k) => ({ cookie: (await teamOwner(k)).cookie, body: TEAM }) },
  'DELETE /api/v1/coach/api-keys/{keyId}': {
    consumes: true,
    make: async (k) => {
      const owner = await teamOwner(k);
      const made = await k.ok<{ key: { id: string } }>('/api/v1/coach/api-keys', { cookie: owner.cookie, body: TEAM });
      return { cookie: owner.cookie, params: { keyId: made.key.id } };
    },
  },
};
