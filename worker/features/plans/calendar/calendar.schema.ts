// The training calendar's query and answer (zod, in the OpenAPI document), for the athlete and their coach.
import { z } from '@hono/zod-openapi';
import { PlannedWorkout, WorkoutVerdict } from '../plans.schema';

const Day = z.iso.date();
/** Six weeks: a month drawn as whole Monday–Sunday weeks never needs more. */
export const CALENDAR_MAX_DAYS = 42;

export const CalendarRangeQuery = z
  .object({ from: Day, to: Day })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < CALENDAR_MAX_DAYS * 86_400_000, {
    message: `At most ${CALENDAR_MAX_DAYS} days at a time`,
    path: ['to'],
  });

export const CalendarActivity = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sport: z.string(),
    startTime: z.iso.datetime(),
    /** The local day it is drawn on: its workout's, when it completed one; else its own local start date. */
    date: Day,
    /** Moving time, or elapsed time when none was recorded (what matching and compliance count). */
    durationSec: z.number().int(),
    movingTimeS: z.number().int(),
    distanceM: z.number(),
    /** Training load; null until analytics has computed it. */
    load: z.number().nullable(),
    /** Where it came from (`garmin_api`, …) and the recording device when known: the attribution shown beside it. */
    source: z.string(),
    device: z.string().nullable(),
  })
  .openapi('CalendarActivity');

/** A planned workout as a calendar card shows it (its steps and reasons: the plan's calendar, `/plans/{id}/calendar`). */
export const CalendarWorkout = PlannedWorkout.pick({
  id: true,
  date: true,
  slot: true,
  sport: true,
  type: true,
  title: true,
  durationSec: true,
  distanceM: true,
  targetLoad: true,
  skipped: true,
  linkMode: true,
  status: true,
  compliance: true,
  activityId: true,
})
  // The workout's one judgement (issue 55), as the activity page and the drawer read it.
  .extend({ verdict: WorkoutVerdict })
  .openapi('CalendarWorkout');

export const CalendarItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('workout'),
      /** The planned workout with its status (pending, completed, missed, skipped) and compliance. */
      workout: CalendarWorkout,
      /** The activity that completed it, shown as one item with it. */
      activity: CalendarActivity.nullable(),
      matchedBy: z.enum(['auto', 'manual']).nullable(),
    }),
    /** A done activity that completed no workout. */
    z.object({ kind: z.literal('activity'), activity: CalendarActivity }),
  ])
  .openapi('CalendarItem');

const Totals = z.object({
  durationSec: z.number().int(),
  distanceM: z.number(),
  load: z.number(),
  /** Workouts on the planned side, activities on the done side. */
  count: z.number().int(),
});

export const CalendarWeek = z
  .object({
    startDate: Day,
    endDate: Day,
    planned: Totals,
    done: Totals,
    sports: z.array(z.object({ sport: z.string(), planned: Totals, done: Totals })),
    workouts: z.object({
      planned: z.number().int(),
      completed: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
      skipped: z.number().int(),
    }),
    unplanned: z.number().int(),
    withoutLoad: z.number().int(),
    /** Fitness, fatigue and form at the week's end (today for this week). */
    form: z
      .object({
        date: Day,
        ctl: z.number(),
        atl: z.number(),
        tsb: z.number(),
        status: z.enum(['fresh', 'neutral', 'productive', 'overreaching']),
      })
      .nullable(),
    /** Why there is no form: the week has not begun, or there is not enough training history up to it. */
    formNote: z.enum(['not_yet', 'not_enough_data']).nullable(),
  })
  .openapi('CalendarWeek');

export const TrainingCalendarView = z
  .object({
    from: Day,
    to: Day,
    /** Today in the athlete's zone, and the zone the days are read in. */
    today: Day,
    timeZone: z.string(),
    plan: z.object({ id: z.uuid(), status: z.string(), startDate: Day, endDate: Day }).nullable(),
    days: z.array(z.object({ date: Day, items: z.array(CalendarItem) })),
    weeks: z.array(CalendarWeek),
  })
  .openapi('TrainingCalendar');
