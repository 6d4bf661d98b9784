import { z } from '@hono/zod-openapi';
import { publicAccess } from '../../http/access';
import { createRoute, createRouter } from '../../http/router';
import { json } from '../../http/openapi-shared';

const Health = z.object({ status: z.literal('ok'), time: z.string() }).openapi('Health');

/** Liveness only: no database, so it measures the worker itself (the benchmark's reference). */
export const healthRoutes = createRouter().openapi(
  createRoute({
    access: publicAccess('liveness'),
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'get',
    path: '/health',
    tags: ['Health'],
    summary: 'Liveness',
    responses: { 200: json(Health, 'Alive') },
  }),
  (c) => c.json({ status: 'ok' as const, time: new Date().toISOString() }, 200),
);
