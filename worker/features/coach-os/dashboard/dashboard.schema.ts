import { z } from '@hono/zod-openapi';

const Count = z.object({ count: z.number().int(), durationSec: z.number() });

const Week = z.object({
  today: z.string().openapi({ description: 'The athlete’s today, in their zone.' }),
  weekStart: z.string(),
  weekEnd: z.string(),
  hasPlan: z.boolean(),
  planned: Count.openapi({ description: 'This week’s workouts that are neither rest nor skipped, and their planned time.' }),
  done: Count.openapi({ description: 'Those of them done, and the time of the activities that did them.' }),
  activities: Count.openapi({ description: 'Every shared activity of this week so far, planned or not.' }),
  missed: z.number().int().openapi({ description: 'Workouts of the last 7 days neither done nor skipped.' }),
  moved: z.number().int().openapi({ description: 'Workouts whose day changed in the last 7 days.' }),
});

const Reason = z.object({
  kind: z.enum(['missed', 'deep_fatigue', 'ramp', 'quiet', 'no_activity', 'moved']),
  points: z.number().int(),
  text: z.string(),
});

export const DashboardAthlete = z
  .object({
    clientId: z.uuid(),
    /** The client's name as the coach keeps it. */
    name: z.string(),
    /** The athlete's own display name, once they share. */
    athleteName: z.string().nullable(),
    sharing: z.enum(['shared', 'asked']).openapi({ description: 'Shared: the athlete agreed. Asked: a request is waiting.' }),
    since: z.string().openapi({ description: 'When they agreed (shared) or were asked (asked).' }),
    planEdit: z.boolean().openapi({ description: 'Whether the athlete lets this org change their plan.' }),
    week: Week.nullable(),
    form: z
      .object({
        ctl: z.number(),
        atl: z.number(),
        tsb: z.number(),
        form: z.string().nullable().openapi({ description: 'Null while the athlete’s fitness is being established' }),
        rampRate: z.number().nullable(),
        rampWarning: z.boolean(),
        establishing: z
          .object({ daysMore: z.number().int() })
          .nullable()
          .openapi({ description: 'Set until their history supports form labels and warnings' }),
      })
      .nullable(),
    lastActivity: z
      .object({ id: z.uuid(), date: z.string(), sport: z.string(), name: z.string(), daysAgo: z.number().int() })
      .nullable()
      .openapi({ description: 'The latest activity the athlete’s data-use policy lets a coach see (never Strava’s).' }),
    attention: z.object({
      score: z.number().int(),
      level: z.enum(['high', 'watch', 'ok', 'waiting']),
      reasons: z.array(Reason),
    }),
  })
  .openapi('DashboardAthlete');

export const CoachDashboard = z
  .object({
    today: z.string().openapi({ description: 'Today in the org’s zone.' }),
    rules: z.object({ rampWarn: z.number(), deepTsb: z.number(), quietDays: z.number().int() }),
    athletes: z.array(DashboardAthlete).openapi({ description: 'Who needs attention first: the order of ADR 034.' }),
    notAsked: z.number().int().openapi({ description: 'Active clients not yet asked to share their training.' }),
  })
  .openapi('CoachDashboard');
