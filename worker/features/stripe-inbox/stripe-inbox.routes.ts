import { z } from '@hono/zod-openapi';
import { errorResponses, json } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { publicAccess } from '../../http/access';
import { FreeText } from '../../lib/text.schema';

/** POST /webhooks/stripe: the platform's one Stripe endpoint. Verified on the raw body, stored once, queued, 200. */
export const stripeWebhookRoutes = createRouter().openapi(
  createRoute({
    access: publicAccess('Stripe’s signature on the raw body'),
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'post',
    path: '/',
    tags: ['Webhooks'],
    summary: 'A Stripe event, signed (Stripe-Signature): stored once per event id and handled from the webhooks queue',
    request: { headers: z.object({ 'stripe-signature': FreeText({ max: 2000, trim: false }).optional() }) },
    responses: { 200: json(z.object({ received: z.literal(true), duplicate: z.boolean() }), 'Acknowledged'), 400: errorResponses[400] },
  }),
  async (c) => {
    // The raw text, untouched: the signature covers the exact bytes Stripe sent.
    const raw = await c.req.text();
    const r = await c.var.services.stripeEvents.receive(raw, c.req.header('stripe-signature'));
    return c.json({ received: true as const, duplicate: r.duplicate }, 200);
  },
);
