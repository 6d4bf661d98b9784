import { z } from '@hono/zod-openapi';

const count = z.number().int();
const counts = <K extends string>(...keys: K[]) => z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
const tiers = counts('pro', 'elite', 'team');

export const MetricsQuery = z.object({
  period: z.enum(['week', 'month']).default('week').openapi({ description: 'Series granularity: the last 12 UTC weeks or months' }),
});

export const PlatformMetrics = z
  .object({
    asOf: z.string(),
    activeDefinition: z.string(),
    users: counts('total', 'new7', 'new30', 'active7', 'active30', 'athletes', 'coaches', 'operators', 'demo'),
    sources: counts('connections', 'imports', 'imports30', 'importsFailed30'),
    coaching: counts('orgs', 'clients', 'linkedClients', 'smsSent30'),
    billing: z.object({
      asOf: z.string(),
      subscribers: tiers,
      trialing: tiers,
      mrrCents: count,
      currency: z.literal('usd'),
      trials: z.object({ startedThisMonth: count, converted: count, conversionRate: z.number().nullable() }),
      churn: z.object({ canceledThisMonth: count, rate: z.number().nullable() }),
    }),
    aiCoach: z.object({ month: z.string(), costUsd: z.number(), calls: count, mrrCents: count, costToRevenue: z.number().nullable() }),
    period: z.enum(['week', 'month']),
    series: z.array(
      z.object({ start: z.string(), signups: count, connections: count, imports: count, smsSent: count, aiCostUsd: z.number() }),
    ),
  })
  .openapi('PlatformMetrics');
