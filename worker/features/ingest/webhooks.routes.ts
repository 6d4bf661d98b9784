import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../http/router';
import { publicAccess } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { AppError, ErrorCode } from '../../lib/errors';
import { FreeText } from '../../lib/text.schema';
import { timingSafeEqual } from '../../lib/crypto';
import { StravaEvent, eventDedupeKey, isForeignSubscription } from './strava/strava.webhook';

const Validation = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': FreeText({ max: 200, trim: false }),
  'hub.challenge': FreeText({ min: 1, max: 200, trim: false }),
});

/** Strava webhooks: the subscription handshake, and events acknowledged at once (work happens on a queue). */
export const stravaWebhookRoutes = createRouter()
  .openapi(
    createRoute({
      access: publicAccess('Strava’s verify token'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags: ['Webhooks'],
      summary: "Strava's subscription validation: echo hub.challenge when the verify token matches",
      request: { query: Validation },
      responses: { 200: json(z.object({ 'hub.challenge': z.string() }), 'Echo'), 400: errorResponses[400], 403: errorResponses[403] },
    }),
    (c) => {
      const q = c.req.valid('query');
      if (!timingSafeEqual(q['hub.verify_token'], c.env.STRAVA_WEBHOOK_VERIFY_TOKEN))
        throw new AppError(ErrorCode.FORBIDDEN, 'Verify token mismatch.');
      return c.json({ 'hub.challenge': q['hub.challenge'] }, 200);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('Strava’s events, acknowledged and checked on the queue'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags: ['Webhooks'],
      summary: 'A Strava event: stored once (duplicates are harmless) and handed to the webhooks queue',
      description:
        'An event for another push subscription than ours (STRAVA_SUBSCRIPTION_ID, when set) is acknowledged with `ignored: true` and neither stored nor queued. While the database is unavailable the event is acknowledged with `held: true` and waits on the queue.',
      request: { body: jsonBody(StravaEvent) },
      responses: {
        200: json(
          z.object({ ok: z.literal(true), duplicate: z.boolean(), ignored: z.boolean().optional(), held: z.literal(true).optional() }),
          'Acknowledged',
        ),
        400: errorResponses[400],
      },
    }),
    async (c) => {
      const event = c.req.valid('json');
      if (isForeignSubscription(event, c.env.STRAVA_SUBSCRIPTION_ID)) {
        // 200, or Strava retries; counted by this line so a misrouted or forged stream shows up in the logs.
        c.var.logger.warn('strava webhook for another subscription ignored', {
          counter: 'strava.webhook.foreign_subscription',
          count: 1,
          subscriptionId: event.subscription_id ?? 'none',
        });
        return c.json({ ok: true as const, duplicate: false, ignored: true }, 200);
      }
      // Held on the queue while the database is away (ADR 090): Strava retries an event only three times.
      const taken = await c.var.services.ingestion.intakeDelivery({
        provider: 'strava',
        dedupeKey: await eventDedupeKey(event),
        payload: event,
      });
      return c.json({ ok: true as const, duplicate: taken.duplicate, ...(taken.held ? { held: true as const } : {}) }, 200);
    },
  );
