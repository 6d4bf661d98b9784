// get_personal_bests, get_efficiency and get_insights: the analytics read models, in the athlete's units,
// from the sources the AI policy allows.
import { z } from 'zod';
import { addDays } from '../../../lib/dates';
import type { CoachReceipt, CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { activityReceipt, type CoachToolDeps, fact, LocalDate, result, uniqueReceipts, withheldIn, withheldNote } from './tool-kit';
import { clockText, METRES_PER_UNIT, round, speedValue } from './units';

export const GetPersonalBestsInput = z
  .object({
    from: LocalDate.optional().describe('With or without to: only run bests dated in this window (the best 5 km effort last month).'),
    to: LocalDate.optional().describe('Last local date of that window. Default: today.'),
  })
  .strict();
export type GetPersonalBestsInput = z.infer<typeof GetPersonalBestsInput>;
export const GetEfficiencyInput = z
  .object({ weeks: z.number().int().min(4).max(52).optional().describe('Window in weeks (4..52). Default 12.') })
  .strict();
export const GetInsightsInput = z.object({}).strict();
export type GetEfficiencyInput = z.infer<typeof GetEfficiencyInput>;

export async function getPersonalBests(deps: CoachToolDeps, ctx: ToolContext): Promise<ToolResult> {
  const [pbs, withheld] = await Promise.all([
    deps.analytics.personalBests(ctx.athlete, 'ai'),
    withheldIn(deps, ctx, { from: null, to: ctx.today }),
  ]);
  const units = ctx.athlete.units;
  const paceUnit = units === 'km' ? 'min/km' : 'min/mi';
  const facts: ToolFact[] = [];
  const receipts: CoachReceipt[] = [];
  let first: string | null = null;
  for (const d of pbs.run) {
    for (const [scope, e] of [
      ['all time', d.allTime],
      ['last 12 months', d.last12Months],
    ] as const) {
      if (!e) continue;
      const tag = `${d.label} best (${scope})`;
      const own = (f: ToolFact): ToolFact => ({ ...f, activityIds: [e.receipt.activityId] });
      facts.push(own(fact(`${tag}: time`, clockText(e.timeS), 'h:mm:ss')), own(fact(`${tag}: date`, e.date, 'date')));
      const pace = speedValue(d.distanceM, e.timeS, paceUnit);
      if (pace !== null) facts.push(own(fact(`${tag}: pace`, pace, paceUnit)));
      if (e.ageGradePct !== null) facts.push(own(fact(`${tag}: age grade`, e.ageGradePct, '%')));
      receipts.push(activityReceipt(ctx, { ...e.receipt, id: e.receipt.activityId }, { [`${d.label} time`]: clockText(e.timeS) }));
      if (!first || e.date < first) first = e.date;
    }
  }
  for (const p of pbs.power) {
    if (!p.allTime) continue;
    const tag = `best ${clockText(p.durationS)} power (all time)`;
    const ids = [p.allTime.receipt.activityId];
    facts.push(
      { ...fact(`${tag}`, p.allTime.watts, 'W'), activityIds: ids },
      { ...fact(`${tag}: date`, p.allTime.date, 'date'), activityIds: ids },
    );
    receipts.push(activityReceipt(ctx, { ...p.allTime.receipt, id: p.allTime.receipt.activityId }, { watts: p.allTime.watts }));
  }
  const notes = withheldNote(withheld);
  const window = { from: first ?? ctx.today, to: ctx.today };
  if (facts.length === 0) return result(ctx, 'get_personal_bests', null, { empty: 'No personal bests recorded yet.', withheld, notes });
  notes.push('Bests are all-time and last-12-months over the activities the coach may use.');
  if (ctx.returnDate) notes.push(`The athlete returned on ${ctx.returnDate}: bests before that date are from before the break.`);
  return result(ctx, 'get_personal_bests', window, { facts, receipts: uniqueReceipts(receipts), withheld, notes });
}

/**
 * The best run efforts dated in a window, per PB distance (or the one asked for): the fastest stretch of
 * that distance inside any run (ADR 007), not the fastest whole activity. Receipts: exactly those runs.
 */
export async function runBestsIn(
  deps: CoachToolDeps,
  ctx: ToolContext,
  w: { from: string; to: string; distanceM?: number },
): Promise<ToolResult> {
  const [all, withheld] = await Promise.all([
    deps.analytics.runBestsBetween(ctx.athlete, 'ai', w.from, w.to),
    withheldIn(deps, ctx, w, ['run']),
  ]);
  const bests = w.distanceM === undefined ? all : all.filter((b) => b.distanceM === w.distanceM);
  const notes = withheldNote(withheld);
  const window = { from: w.from, to: w.to };
  if (bests.length === 0) {
    const what =
      w.distanceM === undefined ? 'run bests' : `${all.find((b) => b.distanceM === w.distanceM)?.label ?? `${w.distanceM} m`} best efforts`;
    return result(ctx, 'get_personal_bests', window, { empty: `No ${what} between ${w.from} and ${w.to}.`, withheld, notes });
  }
  const paceUnit = ctx.athlete.units === 'km' ? 'min/km' : 'min/mi';
  const facts: ToolFact[] = [];
  for (const b of bests) {
    const tag = `${b.label} best ${w.from} to ${w.to}`;
    const ids = [b.receipt.activityId];
    facts.push({ ...fact(`${tag}: time`, clockText(b.timeS), 'h:mm:ss'), activityIds: ids });
    const pace = speedValue(b.distanceM, b.timeS, paceUnit);
    if (pace !== null) facts.push({ ...fact(`${tag}: pace`, pace, paceUnit), activityIds: ids });
    facts.push({ ...fact(`${tag}: date`, b.date, 'date'), activityIds: ids });
  }
  notes.push('A best is the fastest stretch of that distance inside a run (elapsed time), not the whole activity.');
  const receipts = bests.map((b) =>
    activityReceipt(ctx, { ...b.receipt, id: b.receipt.activityId }, { [`${b.label} time`]: clockText(b.timeS) }),
  );
  return result(ctx, 'get_personal_bests', window, { facts, receipts: uniqueReceipts(receipts), withheld, notes });
}

export async function getEfficiency(deps: CoachToolDeps, ctx: ToolContext, input: GetEfficiencyInput): Promise<ToolResult> {
  const weeks = input.weeks ?? 12;
  const window = { from: addDays(ctx.today, -7 * weeks + 1), to: ctx.today };
  const [e, withheld] = await Promise.all([deps.analytics.efficiency(ctx.athlete, weeks, 'ai'), withheldIn(deps, ctx, window)]);
  const notes = withheldNote(withheld);
  const points = [...e.runs.points, ...e.rides.points];
  if (points.length === 0)
    return result(ctx, 'get_efficiency', window, {
      empty: `No easy runs or rides with heart rate between ${window.from} and ${window.to} to measure efficiency.`,
      withheld,
      notes,
    });
  const units = ctx.athlete.units;
  const facts: ToolFact[] = [];
  if (e.easyHrCeiling !== null) facts.push(fact('easy heart rate ceiling', e.easyHrCeiling, 'bpm'));
  for (const [sport, s] of [
    ['run', e.runs],
    ['ride', e.rides],
  ] as const) {
    facts.push(fact(`${sport} efficiency sessions`, s.points.length, 'count'));
    if (s.trend) facts.push(fact(`${sport} efficiency change ${s.trend.from} to ${s.trend.to}`, round(s.trend.changePct, 1), '%'));
  }
  const dec = e.decoupling.map((d) => d.decouplingPct);
  if (dec.length > 0) facts.push(fact('average decoupling', round(dec.reduce((a, b) => a + b, 0) / dec.length, 1), '%'));
  const receipts = points.map((p) => {
    const values: CoachReceipt['values'] = { avgHr: Math.round(p.avgHr), efficiency: round(p.efficiency, 3) };
    if (p.speedAtFixedHrMps) values.paceAtFixedHr = `${clockText(METRES_PER_UNIT[units] / p.speedAtFixedHrMps)} /${units}`;
    if (p.power !== null) values.power = `${Math.round(p.power)} W`;
    if (p.decouplingPct !== null) values.decoupling = `${round(p.decouplingPct, 1)} %`;
    return { activityId: p.activityId, date: p.date, name: p.name, sport: p.sport, values };
  });
  notes.push(
    'Run efficiency is metres per heartbeat on easy runs; ride efficiency is watts per bpm. A rising trend means more speed or power for the same heart rate.',
  );
  return result(ctx, 'get_efficiency', window, { facts, receipts, withheld, notes });
}

export async function getInsights(deps: CoachToolDeps, ctx: ToolContext): Promise<ToolResult> {
  const [list, withheld] = await Promise.all([
    deps.analytics.insights(ctx.athlete, 'ai'),
    withheldIn(deps, ctx, { from: addDays(ctx.today, -7 * 13), to: ctx.today }),
  ]);
  const notes = withheldNote(withheld);
  const ok = list.filter((i) => i.status === 'ok');
  const window = ok.length > 0 ? { from: ok.map((i) => i.window.from).sort()[0]!, to: ctx.today } : null;
  if (ok.length === 0)
    return result(ctx, 'get_insights', window, {
      empty: 'No insights yet: there is not enough recent history the coach may use.',
      withheld,
      notes,
      data: { insufficient: list.map((i) => ({ title: i.title, finding: i.finding })) },
    });
  const facts: ToolFact[] = [];
  const receipts: CoachReceipt[] = [];
  for (const i of ok) {
    for (const [k, v] of Object.entries(i.numbers)) facts.push(fact(`${i.title}: ${k}`, round(v, 1)));
    for (const r of i.receipts) receipts.push(activityReceipt(ctx, { ...r, id: r.activityId }, r.values));
  }
  return result(ctx, 'get_insights', window, {
    facts,
    receipts: uniqueReceipts(receipts),
    withheld,
    notes,
    data: { insights: ok.map((i) => ({ title: i.title, tone: i.tone, finding: i.finding, window: i.window })) },
  });
}

export const getPersonalBestsTool = (deps: CoachToolDeps): CoachTool<GetPersonalBestsInput> => ({
  name: 'get_personal_bests',
  description:
    'Run personal bests (400 m, 1 km, mile, 5 km, 10 km, half, marathon: the fastest stretch of that distance inside any run, with time, pace, date, age grade) all-time and last 12 months, and ride power bests. With from/to: the run bests dated in that window. Use it for "my fastest 5 km", not query_activities (whose fastest is a whole activity, of any sport unless one is given).',
  input: GetPersonalBestsInput,
  run: (ctx, input) =>
    input.from || input.to
      ? runBestsIn(deps, ctx, { from: input.from ?? '2000-01-01', to: input.to ?? ctx.today })
      : getPersonalBests(deps, ctx),
});

export const getEfficiencyTool = (deps: CoachToolDeps): CoachTool<GetEfficiencyInput> => ({
  name: 'get_efficiency',
  description: 'Aerobic efficiency trend (speed or power per heartbeat on easy sessions) and decoupling over the last weeks.',
  input: GetEfficiencyInput,
  run: (ctx, input) => getEfficiency(deps, ctx, input),
});

export const getInsightsTool = (deps: CoachToolDeps): CoachTool<z.infer<typeof GetInsightsInput>> => ({
  name: 'get_insights',
  description: "The insights engine's current findings (efficiency, consistency, PBs, long runs, ramp, form, week jumps) with receipts.",
  input: GetInsightsInput,
  run: (ctx) => getInsights(deps, ctx),
});
