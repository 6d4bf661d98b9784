import { createRoute, createRouter } from '../../../http/router';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { LedgerResultSchema, ReleaseSessionInput, UseSessionInput } from './ledger.schema';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

/** Mounted at /api/v1/coach: a client's sessions used and given back by hand. */
export const ledgerRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/sessions/use',
      tags,
      security,
      summary: 'Use one session (from the package expiring soonest); once per idempotency key',
      request: { params: IdParam, body: jsonBody(UseSessionInput) },
      responses: { 200: json(LedgerResultSchema, 'Used (or already used for this key)'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(await c.var.services.ledger.useSession(await member(c), c.req.valid('param').id, c.req.valid('json').idempotencyKey), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/sessions/release',
      tags,
      security,
      summary: 'Give back a used session (undo); at most once per use',
      request: { params: IdParam, body: jsonBody(ReleaseSessionInput) },
      responses: { 200: json(LedgerResultSchema, 'Released (or already released)'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(await c.var.services.ledger.releaseSession(await member(c), c.req.valid('param').id, c.req.valid('json').ledgerId), 200),
  );
