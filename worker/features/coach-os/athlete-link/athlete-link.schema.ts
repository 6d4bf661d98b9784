import { z } from '@hono/zod-openapi';

export const LinkRequestInput = z
  .object({ email: z.email().max(254).openapi({ example: 'casey@example.com' }) })
  .openapi('AthleteLinkRequestInput');

export const AthleteLink = z
  .object({
    id: z.uuid(),
    email: z.string(),
    status: z.enum(['pending', 'accepted']),
    /** The athlete's display name once they have agreed. */
    athleteName: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('AthleteLink');

const Totals = { distanceM: z.number(), movingS: z.number(), load: z.number(), count: z.number() };

export const SharedTraining = z
  .object({
    athlete: z.object({ name: z.string(), sharedSince: z.string().nullable() }),
    today: z.string(),
    current: z
      .object({
        ctl: z.number(),
        atl: z.number(),
        tsb: z.number(),
        form: z.string().nullable().openapi({ description: 'Null while the athlete’s fitness is being established' }),
        rampRate: z.number().nullable(),
        rampBand: z.string().nullable(),
        establishing: z
          .object({
            daysMore: z.number().int(),
            since: z.string().nullable(),
            historyDays: z.number().int(),
            trainingDays: z.number().int(),
          })
          .nullable(),
      })
      .nullable(),
    fitness: z.array(z.object({ date: z.string(), load: z.number(), ctl: z.number(), atl: z.number(), tsb: z.number() })),
    weeks: z.array(z.object({ weekStart: z.string(), ...Totals })),
    recent: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        sport: z.string(),
        date: z.string(),
        distanceM: z.number(),
        movingTimeS: z.number(),
        /** Where it came from and the recording device when known: the attribution shown beside it (Garmin's). */
        source: z.string(),
        device: z.string().nullable(),
      }),
    ),
    activityCount: z.number().int(),
    notShared: z
      .number()
      .int()
      .openapi({ description: 'Activities the athlete sees but the data-use policy keeps from coaches (those from Strava).' }),
  })
  .openapi('SharedTraining');

export const CoachLink = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'accepted']),
    orgName: z.string(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    /** Whether you let this coach change your training plan (accepted links only; off until you allow it). */
    planEdit: z.boolean(),
    /** Whether you share your wellness with this coach (accepted links only; off until you share it). */
    wellness: z.boolean(),
  })
  .openapi('CoachLink');
