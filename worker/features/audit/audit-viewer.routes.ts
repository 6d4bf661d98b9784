// Operators: the audit log (audit.read) as pages and CSV, and its retention (audit.retention).
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { actorOf, holds, requirePermission } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission } from '../../http/access';
import { csvResponse, toCsv } from '../../lib/csv';
import { AuditFilterQuery, AuditPage, AuditPageQuery, RetentionInput, RetentionResult } from './audit-viewer.schema';
import type { AuditFilter } from './audit-viewer.repo';

const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const tags = ['Admin: audit'];
const security = [{ session: [] }];

/** The viewer (audit.read) and whether they may see actors' names and emails (users.pii). */
async function reader(c: Context<AppEnv>) {
  const permissionsOf = c.var.services.auth.permissionsOf;
  const viewer = await requirePermission(c.var.auth, permissionsOf, 'audit.read');
  return { viewer, pii: await holds(viewer, permissionsOf, 'users.pii') };
}

const filterOf = (q: {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}): AuditFilter => ({
  actorId: q.actorId,
  targetType: q.targetType,
  targetId: q.targetId,
  actionPrefix: q.action,
  from: q.from,
  to: q.to,
});

export const auditViewerRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('audit.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/audit',
      tags,
      security,
      summary: 'Audit entries, newest first, filtered by actor, target, action prefix and time (audit.read)',
      request: { query: AuditPageQuery },
      responses: { 200: json(AuditPage, 'Entries'), ...std },
    }),
    async (c) => {
      const { pii } = await reader(c);
      const q = c.req.valid('query');
      const page = await c.var.services.auditViewer.page(filterOf(q), { before: q.before, limit: q.limit, pii });
      return c.json({ ...page, entries: page.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('audit.read'),
      risk: highRisk('export the audit log'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/audit.csv',
      tags,
      security,
      summary: 'The filtered audit entries as CSV (newest 10,000; audit.read)',
      request: { query: AuditFilterQuery },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...std },
    }),
    async (c) => {
      const { pii } = await reader(c);
      const { header, rows } = await c.var.services.auditViewer.csv(filterOf(c.req.valid('query')), pii);
      return csvResponse(toCsv(header, rows), `cadence-audit-${c.var.services.clock.now().toISOString().slice(0, 10)}.csv`);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('audit.retention'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/audit/retention',
      tags,
      security,
      summary: 'Purge audit rows older than N ≥ 365 days: dry run by default, a real run needs confirm (audit.retention, audited)',
      request: { body: jsonBody(RetentionInput) },
      responses: { 200: json(RetentionResult, 'Run'), ...std },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'audit.retention');
      const r = await c.var.services.auditViewer.retention(actorOf(viewer), c.req.valid('json'));
      return c.json({ ...r, cutoff: r.cutoff.toISOString() }, 200);
    },
  );
