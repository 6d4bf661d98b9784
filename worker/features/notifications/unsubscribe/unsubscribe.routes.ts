import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { errorResponses, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, publicAccess } from '../../../http/access';
import { AppError, ErrorCode } from '../../../lib/errors';
import { FreeText } from '../../../lib/text.schema';
import { UNSUBSCRIBE_PAGE } from '../email/email-links';
import { CATEGORIES } from '../notification-types';

// RFC 8058 one-click unsubscribe. Mail providers POST here from their servers (or a webmail page from
// another origin) without cookies; the signed token in the address is the only authority, and all it can
// do is turn its own categories' email off. The Origin check exempts this path (security.middleware.ts).

const TokenQuery = z.object({
  t: FreeText({ min: 1, max: 200, trim: false }).openapi({
    param: { name: 't', in: 'query' },
    description: 'The signed token from the email’s List-Unsubscribe header',
  }),
});

export const UnsubscribeResponse = z
  .object({
    categories: z.array(z.enum(CATEGORIES)).openapi({ description: 'The categories the link is about' }),
    changed: z.array(z.enum(CATEGORIES)).openapi({ description: 'Those this request turned off (empty when already off)' }),
  })
  .openapi('UnsubscribeResult');

/** The one-click body is `List-Unsubscribe=One-Click` (form or multipart); our own page may send none or JSON. */
async function checkOneClickBody(c: Context<AppEnv>) {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return;
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError(ErrorCode.BAD_REQUEST, 'The form body could not be read.');
  }
  const value = form['List-Unsubscribe'];
  if (value !== undefined && value !== 'One-Click') {
    throw new AppError(ErrorCode.VALIDATION, 'List-Unsubscribe must be One-Click.', {
      fields: [{ path: 'List-Unsubscribe', message: 'Must be One-Click' }],
    });
  }
}

export const unsubscribeRoutes = createRouter()
  .openapi(
    createRoute({
      access: publicAccess('the signed token in the address'),
      risk: highRisk('unsubscribe from email'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags: ['Notifications'],
      summary: 'One-click unsubscribe (RFC 8058): the email’s categories off for the link’s account; no session',
      description:
        'Body: `List-Unsubscribe=One-Click` as application/x-www-form-urlencoded or multipart/form-data, or empty. ' +
        'In-app notifications and other categories are untouched; a replay answers 200 and changes nothing.',
      request: { query: TokenQuery },
      responses: { 200: json(UnsubscribeResponse, 'Unsubscribed'), 400: errorResponses[400], 404: errorResponses[404] },
    }),
    async (c) => {
      await checkOneClickBody(c);
      return c.json(await c.var.services.unsubscribe.unsubscribe(c.req.valid('query').t, 'one_click'), 200);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the signed token in the address'),
      risk: highRisk('unsubscribe from email'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags: ['Notifications'],
      summary: 'Opening the one-click address in a browser shows the unsubscribe page (a GET never changes anything)',
      request: { query: TokenQuery },
      responses: { 303: { description: 'To the unsubscribe page' }, 400: errorResponses[400] },
    }),
    (c) => c.redirect(`${UNSUBSCRIBE_PAGE}?t=${encodeURIComponent(c.req.valid('query').t)}`, 303),
  );
