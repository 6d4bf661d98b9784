// The API fuzz test's targets for OAuth (worker/http/api-fuzz.test.ts collects every feature's): a client's
// registration, a code exchanged with its PKCE verifier, and a connected assistant for each Disconnect. The
// protocol's endpoints answer errors in RFC 6749's shape, which the fuzz holds them to (`OAUTH_ERROR_PATHS`).
import { giveTier } from '../../testing/scenarios';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';
import { allowedCode, CALLBACK } from './oauth.testing';

async function connected(k: Kit) {
  const p = await k.person();
  await giveTier(k.h, p.id, 'pro');
  return { p, ...(await allowedCode(p.cookie)) };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /oauth/register': {
    make: async () => ({
      cookie: null,
      body: { client_name: 'Fuzz assistant', redirect_uris: ['https://fuzz.example/callback'], token_endpoint_auth_method: 'none' },
    }),
  },
  'POST /oauth/token': {
    consumes: true,
    make: async (k) => {
      const { clientId, code, verifier } = await connected(k);
      const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: clientId, code_verifier: verifier };
      return {
        cookie: null,
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    },
  },
  'DELETE /api/v1/me/assistants/{grantId}': {
    consumes: true,
    make: async (k) => {
      const { p } = await connected(k);
      const listed = await k.ok<{ assistants: { id: string }[] }>('/api/v1/me/assistants', { cookie: p.cookie });
      return { cookie: p.cookie, params: { grantId: listed.assistants[0]!.id } };
    },
  },
};
