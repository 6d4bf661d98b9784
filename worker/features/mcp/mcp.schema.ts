// The pieces every MCP tool's output is made of: units in field names, local dates beside their IANA zone and
// the UTC instant, receipts, an activity a provider keeps from an AI as `unavailable`, and what was left out.
import { z } from 'zod';
import { ACTIVITY_SOURCES } from '../activities';

export const LocalDate = z.iso.date().describe('A local calendar date (YYYY-MM-DD) in the zone given beside it');
export const TimeZone = z.string().describe('IANA time zone the local dates are in');
export const ActivityId = z.uuid();
export const Cursor = z.string().max(200);

export { STRAVA_UNAVAILABLE } from './mcp.plain';

export const Unavailable = z.object({ reason: z.string(), fix: z.string() });

export const ActivityFigures = z.object({
  id: ActivityId,
  date: LocalDate,
  time_zone: TimeZone,
  start_utc: z.iso.datetime().describe('The start as a UTC instant'),
  source: z.enum(ACTIVITY_SOURCES),
  sport: z.string(),
  name: z.string(),
  distance_m: z.number(),
  moving_time_s: z.number().int(),
  elapsed_time_s: z.number().int(),
  elevation_gain_m: z.number().nullable(),
  pace_s_per_km: z.number().nullable().describe('Runs, walks and hikes: moving time per kilometre'),
  pace_s_per_100m: z.number().nullable().describe('Swims: moving time per 100 metres'),
  speed_km_per_h: z.number().nullable().describe('Rides: average moving speed'),
  avg_hr_bpm: z.number().nullable(),
  max_hr_bpm: z.number().nullable(),
  avg_power_w: z.number().nullable(),
});

/** An activity the policy keeps from an AI: where and when, never a figure (a zero would read as "0 watts"). */
export const ActivityUnavailable = z.object({
  id: ActivityId,
  date: LocalDate,
  time_zone: TimeZone,
  source: z.enum(ACTIVITY_SOURCES),
  unavailable: Unavailable,
});

export const ActivityItem = z.union([ActivityFigures, ActivityUnavailable]);
export type ActivityItem = z.infer<typeof ActivityItem>;

/** Activities an aggregate did not count because the `ai` use does not allow their source. */
export const LeftOut = z.object({
  count: z.number().int(),
  by_source: z.array(z.object({ source: z.string(), count: z.number().int() })),
  reason: z.string().nullable(),
  fix: z.string().nullable(),
});
export type LeftOut = z.infer<typeof LeftOut>;
