import { z } from '@hono/zod-openapi';

export const GarminConsent = z
  .object({
    connected: z.boolean().openapi({ description: 'You have connected Garmin Connect' }),
    workoutImport: z.boolean().openapi({ description: 'The connection lets Cadence add workouts (Garmin’s workout import permission)' }),
    enabled: z.boolean().openapi({ description: '“Send planned workouts to Garmin” is on' }),
  })
  .openapi('GarminWorkoutsConsent');

export const GarminConsentInput = z.object({ enabled: z.boolean() }).strict().openapi('GarminWorkoutsConsentInput');

export const GarminWorkoutState = z
  .object({
    consent: GarminConsent,
    workout: z
      .object({
        title: z.string(),
        date: z.string(),
        sport: z.string(),
        current: z.boolean().openapi({ description: 'Neither skipped nor of a plan that is not active: it can be sent' }),
      })
      .openapi({ description: 'The planned workout, as its card names it' }),
    status: z.enum(['not_sent', 'queued', 'sent', 'failed', 'removed']),
    sentAt: z.string().nullable(),
    scheduledDate: z.string().nullable(),
    error: z.string().nullable().openapi({ description: 'Why the last send failed (Garmin’s own words when it refused)' }),
    sendable: z.boolean(),
    unrepresentable: z.array(z.string()).openapi({ description: 'What Garmin cannot represent, said before sending' }),
  })
  .openapi('GarminWorkoutState');

export const GarminSendInput = z
  .object({ acknowledged: z.boolean().optional().openapi({ description: 'Send even though part of it has no Garmin equivalent' }) })
  .strict()
  .openapi('GarminSendInput');
