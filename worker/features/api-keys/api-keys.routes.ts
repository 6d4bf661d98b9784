// /api/v1/me/api-keys (an athlete's personal keys, Pro and above) and /api/v1/coach/api-keys (an org owner's team
// keys, Team). Every one is the user's own act: high risk, refused to an impersonation, and `scope: 'none'`, so no key
// ever lists, makes or revokes a key (ADR 105).
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { highRisk, signedIn } from '../../http/access';
import { actorOf, requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { member, orgEntitled, orgOwner } from '../coach-os';
import { entitled } from '../membership';
import type { KeyOwner } from './api-keys.service';
import { ApiKey, ApiKeyList, CreatedApiKey, CreateKeyInput, KeyIdParam } from './api-keys.schema';

const security = [{ session: [] }];
const errors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const ownerOnly = orgOwner('Only the organisation’s owner manages its API keys.');

/** The same three operations for both owners: `who` finds the owner and the actor, `gate` the tier's middleware. */
function keyRoutes(kind: 'personal' | 'team') {
  const access = kind === 'personal' ? signedIn : ownerOnly;
  const gate = kind === 'personal' ? entitled('api_keys') : orgEntitled('team_api_keys');
  const tags = [kind === 'personal' ? 'API keys' : 'Coach: API keys'];
  const noun = kind === 'personal' ? 'your API keys' : 'the organisation’s API keys';
  const who = async (c: Context<AppEnv>): Promise<{ owner: KeyOwner; actor: ReturnType<typeof actorOf> }> => {
    const viewer = await requireUser(c.var.auth);
    if (kind === 'personal') return { owner: { kind: 'user', userId: viewer.user.id }, actor: actorOf(viewer) };
    return { owner: { kind: 'org', orgId: (await member(c)).org.id }, actor: actorOf(viewer) };
  };
  const base = { access, dataUse: 'none', scope: 'none', tags, security } as const;

  return createRouter()
    .openapi(
      createRoute({
        ...base,
        risk: highRisk('see API keys'),
        method: 'get',
        path: '/',
        summary: `List ${noun}`,
        description: 'Names, prefixes, scopes, last use and expiry; never a secret. Revoked keys stay listed with when.',
        responses: { 200: json(ApiKeyList, 'The keys, newest first'), ...errors },
      }),
      async (c) => {
        const { owner, actor } = await who(c);
        return c.json({ keys: await c.var.services.apiKeys.list(actor, owner) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...base,
        risk: highRisk('create an API key'),
        method: 'post',
        path: '/',
        middleware: [gate] as const,
        summary: `Create one of ${noun}`,
        description:
          'The answer carries the secret once; Cadence stores only its SHA-256. Rotation: create a new key, then revoke the old.',
        request: { body: jsonBody(CreateKeyInput) },
        responses: { 201: json(CreatedApiKey, 'The key and its secret, shown once'), ...errors, 409: errorResponses[409] },
      }),
      async (c) => {
        const { owner, actor } = await who(c);
        const created = await c.var.services.apiKeys.create(actor, owner, c.req.valid('json'));
        c.header('Cache-Control', 'no-store');
        return c.json(created, 201);
      },
    )
    .openapi(
      createRoute({
        ...base,
        risk: highRisk('revoke an API key'),
        method: 'delete',
        path: '/{keyId}',
        summary: `Revoke one of ${noun}`,
        description: 'At once: the next request with it answers 401.',
        request: { params: KeyIdParam },
        responses: { 200: json(ApiKey, 'The revoked key'), ...errors, 404: errorResponses[404] },
      }),
      async (c) => {
        const { owner, actor } = await who(c);
        return c.json(await c.var.services.apiKeys.revoke(actor, owner, c.req.valid('param').keyId), 200);
      },
    );
}

export const personalKeyRoutes = keyRoutes('personal');
export const teamKeyRoutes = keyRoutes('team');
