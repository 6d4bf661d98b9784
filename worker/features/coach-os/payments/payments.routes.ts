import { z } from '@hono/zod-openapi';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { guardRoute, highRisk } from '../../../http/access';
import { AppError, ErrorCode } from '../../../lib/errors';
import { IdParam } from '../coach-os.schema';
import { CheckoutLink, CheckoutLinkInput, CreateMoneyEventInput, MoneyEvent, MoneyIdParam, Pnl, PnlQuery } from './payments.schema';
import { csvResponse } from '../../../lib/csv';
import { pnlCsv } from './pnl-csv';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';

const tags = ['Coach money'];
const security = coachSecurity;
const std = coachErrors;

/** Mounted at /api/v1/coach beside the coach routes. */
export const paymentRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: highRisk('create a payment link'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/clients/{id}/checkout-links',
      tags,
      security,
      summary: 'A Stripe Checkout link for the client to buy a package type (the package is added when Stripe confirms payment)',
      request: { params: IdParam, body: jsonBody(CheckoutLinkInput) },
      responses: { 201: json(CheckoutLink, 'Created'), 409: errorResponses[409], 503: { description: 'Stripe unavailable' }, ...std },
    }),
    async (c) =>
      c.json(
        await c.var.services.payments.createCheckoutLink(await member(c), c.req.valid('param').id, c.req.valid('json').packageTypeId),
        201,
      ),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/clients/{id}/payments',
      tags,
      security,
      summary: 'A client’s payments and refunds, newest first',
      request: { params: IdParam },
      responses: { 200: json(z.object({ payments: z.array(MoneyEvent) }), 'Payments'), ...std },
    }),
    async (c) => c.json({ payments: await c.var.services.payments.clientPayments(await member(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/money-events',
      tags,
      security,
      summary: 'Record cash income or an expense (integer cents)',
      request: { body: jsonBody(CreateMoneyEventInput) },
      responses: { 201: json(MoneyEvent, 'Recorded'), ...std },
    }),
    async (c) => c.json(await c.var.services.payments.addManual(await member(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: highRisk('delete a money entry'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/money-events/{id}',
      tags,
      security,
      summary: 'Delete a manual entry (audited); Stripe money is refunded in Stripe instead (409)',
      request: { params: MoneyIdParam },
      responses: { 200: json(z.object({ deleted: z.literal(true), id: z.uuid() }), 'Deleted'), 409: errorResponses[409], ...std },
    }),
    async (c) => c.json(await c.var.services.payments.deleteManual(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/pnl',
      tags,
      security,
      summary: 'Profit and loss of an org-local month, in one currency',
      request: { query: PnlQuery },
      responses: { 200: json(Pnl, 'P&L'), ...std },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await c.var.services.payments.pnl(await member(c), q.month, q.currency), 200);
    },
  )
  .get('/pnl.csv', guardRoute(orgMember, highRisk('export the P&L'), 'none', 'none'), async (c) => {
    const q = PnlQuery.safeParse({ month: c.req.query('month'), currency: c.req.query('currency') });
    if (!q.success) {
      const fields = q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError(ErrorCode.VALIDATION, `${fields[0]?.path}: ${fields[0]?.message}`, { fields });
    }
    const p = await c.var.services.payments.pnl(await member(c), q.data.month, q.data.currency);
    return csvResponse(pnlCsv(p), `cadence-pnl-${p.month}-${p.currency}.csv`);
  });
