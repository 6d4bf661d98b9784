// query_activities: the athlete's activities in a window, filtered and sorted, with the window's totals.
import { z } from 'zod';
import { addDays } from '../../../lib/dates';
import type { CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { createCoachDataRepo, type CoachActivityRow } from './coach-data.repo';
import {
  activityReceipt,
  allowedSources,
  type CoachToolDeps,
  fact,
  LocalDate,
  nounFor,
  result,
  Sport,
  sportsOf,
  withheldIn,
  withheldNote,
} from './tool-kit';
import { clockText, distanceValue, elevationUnit, elevationValue, METRES_PER_UNIT, round, speedUnitFor, speedValue } from './units';

export const QueryActivitiesInput = z
  .object({
    from: LocalDate.optional().describe("First local date (YYYY-MM-DD, the athlete's zone). Default: the return date, else 28 days ago."),
    to: LocalDate.optional().describe('Last local date (YYYY-MM-DD). Default: today.'),
    sport: Sport.optional(),
    sortBy: z.enum(['date', 'distance', 'duration', 'pace', 'load', 'elevation']).optional().describe('Default: date.'),
    order: z.enum(['asc', 'desc']).optional().describe('Default: desc (pace asc = fastest first).'),
    limit: z.number().int().min(1).max(20).optional().describe('Activities listed (1..20, default 5); totals cover the whole window.'),
    minDistance: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .describe("Only activities at least this long, in the athlete's units (km or mi): the fastest 40 km ride, the 100 km rides."),
  })
  .strict();
export type QueryActivitiesInput = z.infer<typeof QueryActivitiesInput>;

export const DEFAULT_ACTIVITY_DAYS = 28;
const MAX_RECEIPTS = 200;

/** The facts of one activity, each labelled with its date and name so the model can say which. */
export function activityFacts(r: CoachActivityRow, ctx: ToolContext): ToolFact[] {
  const units = ctx.athlete.units;
  const tag = `${r.date} ${r.name}`;
  const out: ToolFact[] = [fact(`${tag}: date`, r.date, 'date')];
  if (r.distanceM > 0) out.push(fact(`${tag}: distance`, distanceValue(r.distanceM, units), units));
  out.push(fact(`${tag}: moving time`, clockText(r.movingTimeS), 'h:mm:ss'));
  const unit = speedUnitFor(r.sport, units);
  const speed = speedValue(r.distanceM, r.movingTimeS, unit);
  if (speed !== null) out.push(fact(`${tag}: ${unit.startsWith('min/') ? 'pace' : 'speed'}`, speed, unit));
  if (r.avgHr !== null) out.push(fact(`${tag}: average heart rate`, Math.round(r.avgHr), 'bpm'));
  if (r.load !== null) out.push(fact(`${tag}: load`, Math.round(r.load), 'load'));
  if (r.elevationGainM !== null && r.elevationGainM > 0)
    out.push(fact(`${tag}: elevation gain`, elevationValue(r.elevationGainM, units), elevationUnit(units)));
  return out.map((f) => ({ ...f, activityIds: [r.id] }));
}

export async function queryActivities(deps: CoachToolDeps, ctx: ToolContext, input: QueryActivitiesInput): Promise<ToolResult> {
  const to = input.to ?? ctx.today;
  // Without a start: the return date (coming back), else the 28 days up to `to`.
  const from = input.from ?? (ctx.returnDate && ctx.returnDate <= to ? ctx.returnDate : addDays(to, -DEFAULT_ACTIVITY_DAYS + 1));
  const window = { from, to };
  const sports = sportsOf(input.sport);
  const repo = createCoachDataRepo(deps.db);
  const sources = await allowedSources(deps);
  const minDistanceM = input.minDistance ? input.minDistance * METRES_PER_UNIT[ctx.athlete.units] : null;
  // An activity's date is the device's local date: a run recorded in a zone east of the athlete's can be dated
  // tomorrow already. Recorded means done, so a window up to today takes in that day too.
  const filter = { from, to: to >= ctx.today ? addDays(ctx.today, 1) : to, sports, minDistanceM };
  const by = input.sortBy ?? 'date';
  const [rows, totals, withheld] = await Promise.all([
    repo.activities(ctx.athlete.id, sources, filter, { by, order: input.order ?? 'desc', limit: input.limit ?? 5 }),
    repo.totals(ctx.athlete.id, sources, filter),
    withheldIn(deps, ctx, { from, to: filter.to }, sports),
  ]);
  const noun = nounFor(input.sport, true);
  const notes = withheldNote(withheld);
  if (input.minDistance) notes.push(`Only ${noun} of at least ${input.minDistance} ${ctx.athlete.units}.`);
  if (totals.count === 0)
    return result(ctx, 'query_activities', window, {
      empty: `No ${noun}${input.minDistance ? ` of at least ${input.minDistance} ${ctx.athlete.units}` : ''} between ${from} and ${to}.`,
      withheld,
      notes,
    });
  const units = ctx.athlete.units;
  const facts: ToolFact[] = [
    fact(`number of ${noun} ${from} to ${to}`, totals.count, 'count'),
    fact(`total distance ${from} to ${to}`, distanceValue(totals.distanceM, units), units),
    fact(`total moving time ${from} to ${to}`, clockText(totals.movingTimeS), 'h:mm:ss'),
    fact(`total elevation gain ${from} to ${to}`, elevationValue(totals.elevationGainM, units), elevationUnit(units)),
    fact(`total load ${from} to ${to}`, Math.round(totals.load), 'load'),
  ];
  for (const r of rows) facts.push(...activityFacts(r, ctx));
  // The totals come from every activity in the window: all of them are receipts (listed ones first).
  let all = rows;
  if (totals.count > rows.length) {
    notes.push(`Listed ${rows.length} of ${totals.count} ${noun}, sorted by ${by}; totals cover all of them.`);
    const rest = await repo.activities(ctx.athlete.id, sources, filter, { by: 'date', order: 'desc', limit: MAX_RECEIPTS });
    all = [...rows, ...rest.filter((r) => !rows.some((x) => x.id === r.id))];
  }
  return result(ctx, 'query_activities', window, {
    facts,
    receipts: all.map((r) =>
      activityReceipt(ctx, r, {
        avgHr: r.avgHr === null ? null : Math.round(r.avgHr),
        load: r.load === null ? null : Math.round(r.load),
      }),
    ),
    withheld,
    notes,
    data: { count: totals.count, listed: rows.length, sortBy: by, totalHours: round(totals.movingTimeS / 3600, 1) },
  });
}

export const queryActivitiesTool = (deps: CoachToolDeps): CoachTool<QueryActivitiesInput> => ({
  name: 'query_activities',
  description:
    "The athlete's activities in a date window (their local dates), optionally one sport, sorted (date, distance, duration, pace, load, elevation), with the window's count and totals. Use it for lookups: fastest, longest, latest, totals.",
  input: QueryActivitiesInput,
  run: (ctx, input) => queryActivities(deps, ctx, input),
});
