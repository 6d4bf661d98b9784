// segments: the athlete's own segments a page at a time, or one with its efforts (newest first, a page at a time).
// Each effort rests on an activity: one the `ai` use does not allow (Strava's API copies) comes as `unavailable`,
// no figure; ranks and the PR count only the others. A segment cut from such an activity has no figures either
// (its path is that activity's GPS). Other athletes' segments and boards are left out (social data, not the `ai` use's).
import { z } from 'zod';
import type { ActivityRow, ActivitySource } from '../activities';
import { localDateOf } from '../../lib/dates';
import { aiSources, decodeOffset, defineTool, encodeOffset, type McpDeps, notFound, unavailableFor } from './mcp.kit';
import { ActivityId, Cursor, LeftOut, LocalDate, TimeZone, Unavailable } from './mcp.schema';

const SEGMENT_PAGE = 10;
const EFFORT_PAGE = 50;
const FOOT = new Set(['run', 'walk', 'hike']);
const r = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const opt = (x: number | null, dp = 0) => (x === null ? null : r(x, dp));

const Pr = z
  .object({ elapsed_time_s: z.number().int(), activity_id: ActivityId, date: LocalDate, time_zone: TimeZone })
  .describe('The fastest effort Cadence may pass to an AI');
const Segment = z.object({
  id: z.uuid(),
  name: z.string(),
  sport: z.string(),
  visibility: z.enum(['private', 'public']),
  created_utc: z.iso.datetime(),
  matching: z.boolean().describe('true while the history is still being matched against it'),
  source_activity_id: ActivityId.nullable().describe('The activity it was cut from'),
  distance_m: z.number().nullable(),
  climb_m: z.number().nullable(),
  grade_percent: z.number().nullable(),
  unavailable: Unavailable.nullable().describe('Set when it was cut from an activity Cadence may not pass to an AI: no figures'),
  effort_count: z.number().int().describe('Efforts Cadence may pass to an AI; the others are counted in `left_out`'),
  pr: Pr.nullable(),
  left_out: LeftOut.describe('Efforts on activities Cadence may not pass to an AI: not in the count, the PR or the ranks'),
});
const EffortFigures = z.object({
  id: z.uuid(),
  activity_id: ActivityId.describe('Receipt: the activity the effort is part of'),
  activity_name: z.string(),
  date: LocalDate,
  time_zone: TimeZone,
  start_utc: z.iso.datetime(),
  start_offset_s: z.number().int().describe('Seconds into the activity where the effort starts'),
  elapsed_time_s: z.number().int(),
  distance_m: z.number().nullable(),
  pace_s_per_km: z.number().nullable().describe('Runs, walks and hikes'),
  avg_speed_m_per_s: z.number().nullable(),
  avg_power_w: z.number().nullable(),
  avg_hr_bpm: z.number().nullable(),
  rank: z.number().int().describe('Rank among the available efforts (1 = PR)'),
  of: z.number().int(),
  pr: z.boolean(),
});
const EffortUnavailable = z.object({
  id: z.uuid(),
  activity_id: ActivityId,
  date: LocalDate,
  time_zone: TimeZone,
  source: z.string(),
  unavailable: Unavailable,
});

type Detail = Awaited<ReturnType<McpDeps['segments']['get']>>;
type Effort = Detail['fastest'][number];
type Known = (id: string | null | undefined) => { row: ActivityRow; ok: boolean } | null;

/** The activities a segment's efforts and path rest on, and whether the `ai` use allows each. */
async function known(deps: McpDeps, details: Detail[]): Promise<Known> {
  const ids = [...new Set(details.flatMap((d) => [...d.fastest.map((e) => e.receipt.activityId), d.source?.activityId ?? null]))];
  const [rows, allowed] = await Promise.all([
    deps.activities.getMany(
      deps.athlete.id,
      ids.filter((i): i is string => i !== null),
    ),
    aiSources(deps),
  ]);
  const by = new Map(rows.map((a) => [a.id, { row: a, ok: allowed.has(a.source) }]));
  return (id) => (id ? (by.get(id) ?? null) : null);
}

const zoneOf = (deps: McpDeps, a: ActivityRow | undefined) => a?.timezone ?? deps.athlete.timeZone;

function presentSegment(deps: McpDeps, d: Detail, of: Known): z.infer<typeof Segment> {
  const src = of(d.source?.activityId);
  const kept = src && !src.ok ? unavailableFor(src.row.source as ActivitySource) : null;
  const available = d.fastest.filter((e) => of(e.receipt.activityId)?.ok);
  const best = available[0];
  // Counted as the aggregates count (`left_out`): a count mixing the kept-out efforts in is a figure of theirs.
  const keptOut = new Map<ActivitySource, number>();
  for (const e of d.fastest) {
    const a = of(e.receipt.activityId);
    if (a && !a.ok) keptOut.set(a.row.source, (keptOut.get(a.row.source) ?? 0) + 1);
  }
  const bySource = [...keptOut].sort(([x], [y]) => x.localeCompare(y)).map(([source, count]) => ({ source, count }));
  const words = bySource[0] ? unavailableFor(bySource[0].source) : null;
  const bestZone = zoneOf(deps, of(best?.receipt.activityId)?.row);
  return {
    id: d.id,
    name: d.name,
    sport: d.sport,
    visibility: d.visibility,
    created_utc: new Date(d.createdAt).toISOString(),
    matching: d.matching,
    source_activity_id: d.source?.activityId ?? null,
    distance_m: kept ? null : r(d.distanceM, 1),
    climb_m: kept ? null : opt(d.climbM, 1),
    grade_percent: kept ? null : opt(d.gradePct, 1),
    unavailable: kept,
    effort_count: available.length,
    left_out: {
      count: bySource.reduce((n, b) => n + b.count, 0),
      by_source: bySource,
      reason: words?.reason ?? null,
      fix: words?.fix ?? null,
    },
    pr: best
      ? {
          elapsed_time_s: best.elapsedS,
          activity_id: best.receipt.activityId,
          date: localDateOf(new Date(best.startedAt), bestZone),
          time_zone: bestZone,
        }
      : null,
  };
}

function presentEfforts(deps: McpDeps, d: Detail, of: Known, segmentKept: boolean) {
  // Ranked among the available efforts only: a rank behind a hidden faster time would tell that time.
  const ranked = d.fastest.filter((e) => of(e.receipt.activityId)?.ok).map((e) => e.id);
  const distance = segmentKept ? null : d.distanceM;
  return (e: Effort): z.infer<typeof EffortFigures> | z.infer<typeof EffortUnavailable> => {
    const a = of(e.receipt.activityId);
    const zone = zoneOf(deps, a?.row);
    const base = { id: e.id, activity_id: e.receipt.activityId, date: localDateOf(new Date(e.startedAt), zone), time_zone: zone };
    if (!a?.ok) {
      const source = a?.row.source as ActivitySource;
      return { ...base, source, unavailable: unavailableFor(source) };
    }
    const rank = ranked.indexOf(e.id) + 1;
    return {
      ...base,
      activity_name: e.activityName,
      start_utc: new Date(e.startedAt).toISOString(),
      start_offset_s: e.startS,
      elapsed_time_s: e.elapsedS,
      distance_m: distance === null ? null : r(distance, 1),
      pace_s_per_km: distance && FOOT.has(d.sport) && e.elapsedS > 0 ? r(e.elapsedS / (distance / 1000), 1) : null,
      avg_speed_m_per_s: opt(e.avgSpeedMs, 2),
      avg_power_w: opt(e.avgPowerW),
      avg_hr_bpm: opt(e.avgHr),
      rank,
      of: ranked.length,
      pr: rank === 1,
    };
  };
}

export const segmentsTool = defineTool({
  name: 'segments',
  title: 'Segments and efforts',
  description:
    'The athlete’s own segments (newest first, a page at a time), each with distance_m, climb_m, grade_percent, its effort count and PR (elapsed_time_s with the activity and local date). With `segment_id`: that segment and its efforts, newest first, each with elapsed_time_s, pace or speed, avg_power_w, avg_hr_bpm, rank, PR flag and its activity id. An effort on an activity Cadence may not pass to an AI (Strava’s API copies) is `unavailable` with no figure, and ranks count only the others. Other athletes’ segments and leaderboards are not available here.',
  scope: 'activities:read',
  input: z
    .object({
      segment_id: z.uuid().optional().describe('One of the athlete’s segments: its efforts. Absent: the list of segments.'),
      cursor: Cursor.optional().describe('The `next_cursor` of the previous page.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(EFFORT_PAGE)
        .optional()
        .describe(`Per page: segments 1..${SEGMENT_PAGE} (default 10), efforts 1..${EFFORT_PAGE} (default 25).`),
    })
    .strict(),
  output: z.object({
    time_zone: TimeZone,
    segments: z.array(Segment).describe('Empty when `segment_id` is given'),
    segment: Segment.nullable(),
    efforts: z.array(z.union([EffortFigures, EffortUnavailable])).describe('The segment’s efforts, newest first'),
    next_cursor: z.string().nullable().describe('Pass it as `cursor` for the next page; null at the end.'),
  }),
  async run(deps, input) {
    const from = decodeOffset(input.cursor);
    const none = { time_zone: deps.athlete.timeZone, segments: [], segment: null, efforts: [] };
    if (input.segment_id) {
      // Another's private segment is not found by the service; a public one of theirs is their content: not found here.
      const d = await deps.segments.get(deps.athlete.id, input.segment_id);
      if (!d.yours) throw notFound('Segment');
      const limit = input.limit ?? 25;
      const of = await known(deps, [d]);
      const segment = presentSegment(deps, d, of);
      const page = d.newest.slice(from, from + limit).filter((e) => of(e.receipt.activityId));
      return {
        ...none,
        segment,
        efforts: page.map(presentEfforts(deps, d, of, segment.unavailable !== null)),
        next_cursor: from + limit < d.newest.length ? encodeOffset(from + limit) : null,
      };
    }
    const limit = Math.min(input.limit ?? SEGMENT_PAGE, SEGMENT_PAGE);
    const list = (await deps.segments.list(deps.athlete.id)).segments;
    const details = await Promise.all(list.slice(from, from + limit).map((s) => deps.segments.get(deps.athlete.id, s.id)));
    const of = await known(deps, details);
    return {
      ...none,
      segments: details.map((d) => presentSegment(deps, d, of)),
      next_cursor: from + limit < list.length ? encodeOffset(from + limit) : null,
    };
  },
});
