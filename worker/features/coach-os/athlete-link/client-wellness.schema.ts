import { z } from '@hono/zod-openapi';
import { WellnessDay, WellnessReadiness } from '../../wellness';

const DaysQuery = z.iso.date().optional();

export const ClientWellnessQuery = z.object({
  from: DaysQuery.openapi({ description: 'First day (default: 13 days before `to`)' }),
  to: DaysQuery.openapi({ description: 'Last day (default: the athlete’s today)' }),
});

const Head = { athlete: z.object({ name: z.string() }), from: z.string(), to: z.string() };

export const ClientWellness = z
  .discriminatedUnion('shared', [
    z.object({ ...Head, shared: z.literal(false) }),
    z.object({
      ...Head,
      shared: z.literal(true),
      sharedSince: z.string(),
      units: z.enum(['km', 'mi']),
      weightUnit: z.enum(['kg', 'lb']),
      days: z.array(WellnessDay),
      readiness: WellnessReadiness,
    }),
  ])
  .openapi('ClientWellness', {
    description: 'The athlete’s wellness while they share it with you; `shared: false` (not an error) while they do not',
  });
