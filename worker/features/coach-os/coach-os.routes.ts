import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../http/router';
import { withRole } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { actorOf, requireRole } from '../../http/guards';
import {
  AddClientPackageInput,
  Client,
  ClientPackage,
  ClientPackages,
  CreateClientInput,
  CreateOrgInput,
  CreatePackageTypeInput,
  IdParam,
  Org,
  PackageType,
  UpdateClientInput,
  UpdateOrgInput,
} from './coach-os.schema';
import { presentClient, presentGivenPackage, presentOrg, presentPackageType } from './coach-os.present';
import { coachErrors, coachSecurity, member, orgMember, orgOwner } from './coach-os.http';

const tags = ['Coach'];
const security = coachSecurity;
const std = coachErrors;

/** Mounted at /api/v1/coach: the org, its clients, package types and clients' packages. */
export const coachRoutes = createRouter()
  .openapi(
    createRoute({
      access: withRole(['coach', 'owner']),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/org',
      tags,
      security,
      summary: 'Create your coaching organisation (you become its owner)',
      request: { body: jsonBody(CreateOrgInput) },
      responses: { 201: json(Org, 'Created'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const viewer = await requireRole(c.var.auth, 'coach', 'owner');
      const m = await c.var.services.coach.createOrg(actorOf(viewer), c.req.valid('json'));
      return c.json(presentOrg(m), 201);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/org',
      tags,
      security,
      summary: 'Your organisation and its settings',
      responses: { 200: json(Org, 'Org'), ...std },
    }),
    async (c) => c.json(presentOrg(await member(c)), 200),
  )
  .openapi(
    createRoute({
      access: orgOwner('Only the organisation’s owner can change its settings.'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'patch',
      path: '/org',
      tags,
      security,
      summary: 'Change the org’s name, time zone, quiet hours or reminder times (owner)',
      description:
        'Only the fields sent change. An empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”, after the owner check.',
      request: { body: jsonBody(UpdateOrgInput) },
      responses: { 200: json(Org, 'Updated'), ...std },
    }),
    async (c) => c.json(presentOrg(await c.var.services.coach.updateOrg(await member(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/clients',
      tags,
      security,
      summary: 'Your org’s clients',
      responses: { 200: json(z.object({ clients: z.array(Client) }), 'Clients'), ...std },
    }),
    async (c) => c.json({ clients: (await c.var.services.coach.listClients(await member(c))).map(presentClient) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients',
      tags,
      security,
      summary: 'Add a client',
      request: { body: jsonBody(CreateClientInput) },
      responses: { 201: json(Client, 'Created'), 409: errorResponses[409], ...std },
    }),
    async (c) => c.json(presentClient(await c.var.services.coach.createClient(await member(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}',
      tags,
      security,
      summary: 'One client',
      request: { params: IdParam },
      responses: { 200: json(Client, 'Client'), ...std },
    }),
    async (c) => c.json(presentClient(await c.var.services.coach.getClient(await member(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'patch',
      path: '/clients/{id}',
      tags,
      security,
      summary: 'Update a client',
      description:
        'Only the fields sent change. Another org’s (or an unknown) client id is 404 whatever the body; then an empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”. A phone number another client has is 409.',
      request: { params: IdParam, body: jsonBody(UpdateClientInput) },
      responses: { 200: json(Client, 'Updated'), 409: errorResponses[409], ...std },
    }),
    async (c) =>
      c.json(presentClient(await c.var.services.coach.updateClient(await member(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/package-types',
      tags,
      security,
      summary: 'Package types your org sells',
      responses: { 200: json(z.object({ packageTypes: z.array(PackageType) }), 'Types'), ...std },
    }),
    async (c) => c.json({ packageTypes: (await c.var.services.coach.listPackageTypes(await member(c))).map(presentPackageType) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/package-types',
      tags,
      security,
      summary: 'Define a package type (e.g. 10 × 60 min)',
      request: { body: jsonBody(CreatePackageTypeInput) },
      responses: { 201: json(PackageType, 'Created'), ...std },
    }),
    async (c) => c.json(presentPackageType(await c.var.services.coach.createPackageType(await member(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/packages',
      tags,
      security,
      summary: 'A client’s packages and session ledger',
      request: { params: IdParam },
      responses: { 200: json(ClientPackages, 'Packages'), ...std },
    }),
    async (c) => c.json(await c.var.services.coach.packagesOf(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/packages',
      tags,
      security,
      summary: 'Give a client a package (paid outside Stripe)',
      request: { params: IdParam, body: jsonBody(AddClientPackageInput) },
      responses: {
        201: json(
          ClientPackage.pick({ id: true, name: true, sessionsTotal: true, sessionsRemaining: true, purchasedOn: true, expiresOn: true }),
          'Added',
        ),
        ...std,
      },
    }),
    async (c) => {
      const p = await c.var.services.coach.addClientPackage(await member(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentGivenPackage(p), 201);
    },
  );
