import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { holds, requirePermission } from '../../http/guards';
import { errorResponses, IdParam, json } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { withPermission } from '../../http/access';
import { AthleteDetail, AthleteSearch, SearchQuery } from './support.schema';

// Athlete support: reads only, gated by users.read; personal data needs users.pii as well.
const tags = ['Admin: support'];
const security = [{ session: [] }];
const errors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

async function reader(c: Context<AppEnv>) {
  const permissionsOf = c.var.services.auth.permissionsOf;
  const viewer = await requirePermission(c.var.auth, permissionsOf, 'users.read');
  return { pii: await holds(viewer, permissionsOf, 'users.pii') };
}

export const supportRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('users.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/users',
      tags,
      security,
      summary: 'Search accounts by email, name or id (users.read; emails and names masked without users.pii)',
      request: { query: SearchQuery },
      responses: { 200: json(AthleteSearch, 'Accounts, newest first'), ...errors },
    }),
    async (c) => {
      const viewing = await reader(c);
      return c.json(await c.var.services.support.search(c.req.valid('query'), viewing), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('users.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/users/{id}',
      tags,
      security,
      summary: 'One athlete’s whole state for support: profile, access, membership, integrations, ingestion, imports, … (users.read)',
      request: { params: IdParam },
      responses: { 200: json(AthleteDetail, 'The athlete'), ...errors },
    }),
    async (c) => {
      const viewing = await reader(c);
      return c.json(await c.var.services.support.detail(c.req.valid('param').id, viewing), 200);
    },
  );
