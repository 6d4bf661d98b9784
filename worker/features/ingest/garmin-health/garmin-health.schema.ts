import { z } from '@hono/zod-openapi';

export const GarminWellnessConsent = z
  .object({
    connected: z.boolean(),
    /** Garmin's consent page left "Health" (HEALTH_EXPORT) ticked. */
    healthExport: z.boolean(),
    /** Both consents given: pushed health summaries are stored as wellness. */
    enabled: z.boolean(),
    /** When the athlete turned it on. */
    since: z.string().nullable(),
    /** Days that lost a Garmin reading when it was turned off (the readings are deleted). */
    removedDays: z.number().int().optional(),
  })
  .openapi('GarminWellnessConsent');

export const GarminWellnessInput = z.object({ enabled: z.boolean() }).strict().openapi('GarminWellnessInput');
