// /api/v1/races/{id}/card and /card.pdf: the race card as JSON and as a printable PDF. Not `entitled` middleware:
// the answer has three outcomes (Elite the card, Pro a 200 preview, Free 403 naming Elite), so the service decides
// through the entitlement table (featureAccess).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { athleteOf } from '../../analytics';
import { cardPdf } from './card-pdf';
import { CardQuery, RaceCard } from './card.schema';
import { security, std as shared, tags } from '../races.http';

const std = { ...shared, 403: errorResponses[403] };

async function cardOf(c: Context<AppEnv>, id: string, start: string | undefined) {
  const viewer = await requireUser(c.var.auth);
  const card = await c.var.services.raceCards.card(athleteOf(viewer.user), id, { startTime: start ?? null });
  return { viewer, card };
}

export const raceCardRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}/card',
      tags,
      security,
      summary: 'The race card (Elite): splits, fuelling, race morning, taper, race week, contingencies; Pro gets a preview',
      request: { params: IdParam, query: CardQuery },
      responses: { 200: json(RaceCard, 'The card, or a preview (`preview: true`) with the upgrade path'), ...std },
    }),
    async (c) => c.json((await cardOf(c, c.req.valid('param').id, c.req.valid('query').start)).card, 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}/card.pdf',
      tags,
      security,
      summary: 'The race card as a printable PDF (Elite; Pro: the preview)',
      request: { params: IdParam, query: CardQuery },
      responses: {
        200: { description: 'The PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        ...std,
      },
    }),
    async (c) => {
      const { viewer, card } = await cardOf(c, c.req.valid('param').id, c.req.valid('query').start);
      const bytes = cardPdf(card, viewer.user.displayName);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="race-card-${card.header.raceDate}.pdf"`,
        // The phone keeps it through the service worker's own cache ("Keep on this phone"), not the HTTP cache.
        'Cache-Control': 'private, no-store',
      });
    },
  );
