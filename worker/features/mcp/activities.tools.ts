// recent_activities (newest first, a page at a time) and activity (one, by id). Both list every activity the
// athlete owns, but one the `ai` use does not allow (Strava's API copies) comes as `unavailable`: no figures.
import { z } from 'zod';
import { aiSources, decodeCursor, defineTool, encodeCursor, notFound, presentActivity } from './mcp.kit';
import { ActivityId, ActivityItem, Cursor, TimeZone } from './mcp.schema';

/** A page of 50 activities is about 20 000 characters of JSON: ~5 000 tokens, far under what clients accept. */
export const MAX_PAGE = 50;

export const recentActivitiesTool = defineTool({
  name: 'recent_activities',
  title: 'Recent activities',
  description:
    'The athlete’s activities, newest first, a page at a time (pass `next_cursor` back as `cursor`). Distances in metres, times in seconds, paces in seconds per km (runs) or per 100 m (swims); `date` is the local date in `time_zone`, `start_utc` the instant. An activity Cadence may not pass to an AI (Strava’s API copies) is listed with `unavailable` and no figures: it was done, its numbers are not known here.',
  scope: 'activities:read',
  input: z
    .object({
      cursor: Cursor.optional().describe('The `next_cursor` of the previous page; absent for the newest.'),
      limit: z.number().int().min(1).max(MAX_PAGE).optional().describe(`Activities per page (1..${MAX_PAGE}, default 20).`),
    })
    .strict(),
  output: z.object({
    athlete_time_zone: TimeZone,
    activities: z.array(ActivityItem),
    next_cursor: z.string().nullable().describe('Pass it as `cursor` for the next (older) page; null at the end.'),
  }),
  async run(deps, input) {
    const limit = input.limit ?? 20;
    const before = input.cursor ? decodeCursor(input.cursor) : undefined;
    // The owner's list (every source), so an activity kept from the AI still shows as done, without figures.
    const [rows, allowed] = await Promise.all([
      deps.activities.list(deps.athlete.id, 'owner', { limit: limit + 1, before }),
      aiSources(deps),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      athlete_time_zone: deps.athlete.timeZone,
      activities: page.map((r) => presentActivity(r, allowed, deps.athlete.timeZone)),
      next_cursor: rows.length > limit && last ? encodeCursor(last.startTime) : null,
    };
  },
});

export const activityTool = defineTool({
  name: 'activity',
  title: 'One activity',
  description:
    'One of the athlete’s activities by id (from recent_activities or a receipt), with its figures in SI units in the field names, or `unavailable` with the reason when Cadence may not pass it to an AI.',
  scope: 'activities:read',
  input: z.object({ id: ActivityId.describe('The activity id') }).strict(),
  output: z.object({ activity: ActivityItem }),
  async run(deps, input) {
    const [row, allowed] = await Promise.all([deps.activities.get(deps.athlete.id, input.id), aiSources(deps)]);
    // Scoped to the signed-in athlete: another athlete's id is simply not found.
    if (!row) throw notFound('Activity');
    return { activity: presentActivity(row, allowed, deps.athlete.timeZone) };
  },
});
