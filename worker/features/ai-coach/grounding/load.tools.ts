// get_fitness (fitness, fatigue, form and ramp) and get_weekly_volume (per-week distance, time, load).
import { z } from 'zod';
import { addDays, daysBetween, mondayOf } from '../../../lib/dates';
import type { CoachReceipt, CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import {
  activityReceipt,
  allowedSources,
  type CoachToolDeps,
  daysSinceReturn,
  fact,
  nounFor,
  result,
  Sport,
  sportsOf,
  withheldIn,
  withheldNote,
} from './tool-kit';
import { createCoachDataRepo } from './coach-data.repo';
import { clockText, distanceValue, round } from './units';

export const GetFitnessInput = z
  .object({
    days: z.number().int().min(7).max(365).optional().describe('Window in days (7..365). Default: since the return date, else 42.'),
  })
  .strict();
export type GetFitnessInput = z.infer<typeof GetFitnessInput>;

export const GetWeeklyVolumeInput = z
  .object({
    weeks: z
      .number()
      .int()
      .min(1)
      .max(52)
      .optional()
      .describe('Weeks back including this one (1..52). Default: since the return date, else 8.'),
    sport: Sport.optional(),
  })
  .strict();
export type GetWeeklyVolumeInput = z.infer<typeof GetWeeklyVolumeInput>;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const TOP_LOAD_RECEIPTS = 5;

export async function getFitness(deps: CoachToolDeps, ctx: ToolContext, input: GetFitnessInput): Promise<ToolResult> {
  const days = input.days ?? clamp(daysSinceReturn(ctx) ?? 42, 7, 365);
  const window = { from: addDays(ctx.today, -days + 1), to: ctx.today };
  const [t, withheld] = await Promise.all([deps.analytics.fitnessTimeline(ctx.athlete, days, 'ai'), withheldIn(deps, ctx, window)]);
  const notes = withheldNote(withheld);
  const first = t.days[0];
  const last = t.days.at(-1);
  if (!t.current || !first || !last || t.days.every((d) => d.load === 0 && d.ctl === 0))
    return result(ctx, 'get_fitness', window, { empty: `No training load between ${window.from} and ${window.to}.`, withheld, notes });
  const c = t.current;
  const facts: ToolFact[] = [
    fact(`fitness (CTL) on ${t.today}`, round(c.ctl, 1), 'ctl'),
    fact(`fatigue (ATL) on ${t.today}`, round(c.atl, 1), 'atl'),
    fact(`form (TSB) on ${t.today}`, round(c.tsb, 1), 'tsb'),
    fact(`fitness (CTL) on ${first.date}`, round(first.ctl, 1), 'ctl'),
    fact(`fitness change ${first.date} to ${last.date}`, round(last.ctl - first.ctl, 1), 'ctl'),
    fact(`total load ${first.date} to ${last.date}`, Math.round(t.days.reduce((s, d) => s + d.load, 0)), 'load'),
  ];
  if (c.rampRate !== null) facts.push(fact('ramp rate (CTL change over the last 7 days)', round(c.rampRate, 1), 'ramp'));
  // While fitness is being established the zero start, not the training, would name the band: say so instead.
  if (c.establishing)
    notes.push(
      `Fitness is being established — ${c.establishing.daysMore} more days: ${c.establishing.trainingDays} days with training since ${c.establishing.since ?? 'none'}. Form and ramp have no band yet; do not call the athlete overreaching or fresh.`,
    );
  else notes.push(`Form status: ${c.form}.${c.rampBand ? ` Ramp band: ${c.rampBand.replace('_', ' ')}.` : ''}`);
  const all: CoachReceipt[] = [];
  const loads: { load: number; r: CoachReceipt }[] = [];
  for (const d of t.days)
    for (const a of d.activities) {
      const load = typeof a.values.load === 'number' ? a.values.load : 0;
      const r = activityReceipt(ctx, { ...a, id: a.activityId }, { load });
      all.push(r);
      loads.push({ load, r });
    }
  const top = loads.sort((x, y) => y.load - x.load).slice(0, TOP_LOAD_RECEIPTS);
  for (const { r, load } of top) facts.push(fact(`${r.date} ${r.name}: load`, load, 'load'));
  // The biggest sessions first; the rest of the window's activities follow (they are what the load is made of).
  const receipts = [...top.map((x) => x.r), ...all.filter((r) => !top.some((x) => x.r.activityId === r.activityId))];
  return result(ctx, 'get_fitness', window, {
    facts,
    receipts,
    withheld,
    notes,
    data: { form: c.form, rampBand: c.rampBand, establishingDaysMore: c.establishing?.daysMore ?? null },
  });
}

export async function getWeeklyVolume(deps: CoachToolDeps, ctx: ToolContext, input: GetWeeklyVolumeInput): Promise<ToolResult> {
  const since = daysSinceReturn(ctx);
  const weeks =
    input.weeks ?? (since !== null ? clamp(Math.floor(daysBetween(mondayOf(ctx.returnDate!), mondayOf(ctx.today)) / 7) + 1, 1, 52) : 8);
  const from = addDays(mondayOf(ctx.today), -7 * (weeks - 1));
  const window = { from, to: ctx.today };
  const sports = sportsOf(input.sport);
  const repo = createCoachDataRepo(deps.db);
  const [ws, rows, withheld] = await Promise.all([
    deps.analytics.weeks(ctx.athlete, weeks, 'ai'),
    repo.activities(ctx.athlete.id, await allowedSources(deps), { from, to: ctx.today, sports }, { by: 'date', order: 'asc', limit: 500 }),
    withheldIn(deps, ctx, window, sports),
  ]);
  const notes = withheldNote(withheld);
  const noun = nounFor(input.sport, true);
  if (rows.length === 0)
    return result(ctx, 'get_weekly_volume', window, { empty: `No ${noun} between ${from} and ${ctx.today}.`, withheld, notes });
  const units = ctx.athlete.units;
  const facts: ToolFact[] = [];
  const weekRows = [];
  for (const w of ws) {
    const pick = (s: string) => w.bySport[s as keyof typeof w.bySport];
    const parts = sports ? sports.map(pick).filter((x) => x !== undefined) : [w.total];
    const t = parts.reduce(
      (acc, p) => ({
        distanceM: acc.distanceM + p.distanceM,
        movingS: acc.movingS + p.movingS,
        load: acc.load + p.load,
        count: acc.count + p.count,
      }),
      { distanceM: 0, movingS: 0, load: 0, count: 0 },
    );
    const label = `week of ${w.weekStart}`;
    facts.push(
      fact(`${label}: distance`, distanceValue(t.distanceM, units), units),
      fact(`${label}: moving time`, clockText(t.movingS), 'h:mm:ss'),
      fact(`${label}: load`, Math.round(t.load), 'load'),
      fact(`${label}: ${noun}`, t.count, 'count'),
    );
    weekRows.push({
      weekStart: w.weekStart,
      distance: distanceValue(t.distanceM, units),
      hours: round(t.movingS / 3600, 1),
      load: Math.round(t.load),
      count: t.count,
    });
  }
  notes.push('Weeks run Monday to Sunday; the current week is partial.');
  return result(ctx, 'get_weekly_volume', window, {
    facts,
    receipts: rows.map((r) => activityReceipt(ctx, r, { load: r.load === null ? null : Math.round(r.load) })),
    withheld,
    notes,
    data: { weeks: weekRows },
  });
}

export const getFitnessTool = (deps: CoachToolDeps): CoachTool<GetFitnessInput> => ({
  name: 'get_fitness',
  description:
    "Today's fitness (CTL), fatigue (ATL) and form (TSB), their change over the window, the ramp rate, and the biggest-load sessions.",
  input: GetFitnessInput,
  run: (ctx, input) => getFitness(deps, ctx, input),
});

export const getWeeklyVolumeTool = (deps: CoachToolDeps): CoachTool<GetWeeklyVolumeInput> => ({
  name: 'get_weekly_volume',
  description: 'Per-week (Monday to Sunday) distance, moving time, load and count, optionally for one sport.',
  input: GetWeeklyVolumeInput,
  run: (ctx, input) => getWeeklyVolume(deps, ctx, input),
});
