// get_plan: the active plan's workouts in a window (default today and the next 13 days) with whether
// each was completed, and the last 4 weeks' compliance. Matched activities come from AI-allowed sources only.
import { z } from 'zod';
import { addDays } from '../../../lib/dates';
import { CREATE_PLAN } from '../../plans';
import type { CoachReceipt, CoachTool, ToolContext, ToolFact, ToolResult, WorkoutBrief } from '../coach.types';
import { activityReceipt, type CoachToolDeps, fact, LocalDate, result, withheldIn, withheldNote } from './tool-kit';
import { distanceValue } from './units';

// The button's own words, as a Markdown link the answer renders (the page's button reads the same constant).
export const NO_PLAN = `You have no active training plan; make one in Training → [${CREATE_PLAN.label}](${CREATE_PLAN.path}).`;

export const GetPlanInput = z
  .object({
    from: LocalDate.optional().describe('First local date. Default: today.'),
    to: LocalDate.optional().describe('Last local date. Default: today + 13 days.'),
  })
  .strict();
export type GetPlanInput = z.infer<typeof GetPlanInput>;

type CalendarEntry = Awaited<ReturnType<NonNullable<CoachToolDeps['plans']>['calendar']>>[number];

const brief = (e: CalendarEntry): WorkoutBrief & { completed: boolean; status: string } => ({
  id: e.workout.id,
  date: e.workout.date,
  sport: e.workout.sport,
  type: e.workout.type,
  title: e.workout.title,
  durationMin: Math.round(e.workout.durationSec / 60),
  targetLoad: Math.round(e.workout.targetLoad),
  skipped: e.workout.skipped,
  completed: e.compliance.status === 'completed',
  status: e.compliance.status,
});

export async function getPlan(deps: CoachToolDeps, ctx: ToolContext, input: GetPlanInput): Promise<ToolResult> {
  const from = input.from ?? ctx.today;
  const to = input.to ?? addDays(from, 13);
  const window = { from, to };
  if (!deps.plans) return result(ctx, 'get_plan', window, { empty: 'Training plans are not available here.' });
  const plan = await deps.plans.current(ctx.athlete.id);
  if (!plan) return result(ctx, 'get_plan', window, { empty: NO_PLAN });
  const pastFrom = addDays(ctx.today, -27);
  const [entries, past, withheld] = await Promise.all([
    deps.plans.calendar(ctx.athlete, plan.id, from, to, 'ai'),
    deps.plans.calendar(ctx.athlete, plan.id, pastFrom, ctx.today, 'ai'),
    withheldIn(deps, ctx, { from: [from, pastFrom].sort()[0]!, to }),
  ]);
  const notes = withheldNote(withheld);
  if (plan.status !== 'active') notes.push(`The plan is ${plan.status}.`);
  const units = ctx.athlete.units;
  const facts: ToolFact[] = [];
  const receipts: CoachReceipt[] = [];
  for (const e of entries) {
    const w = e.workout;
    const tag = `${w.date} ${w.title}`;
    facts.push(
      fact(`${tag}: planned duration`, Math.round(w.durationSec / 60), 'min'),
      fact(`${tag}: target load`, Math.round(w.targetLoad), 'load'),
    );
    if (w.distanceM) facts.push(fact(`${tag}: planned distance`, distanceValue(w.distanceM, units), units));
    if (e.compliance.ratio !== null) facts.push(fact(`${tag}: compliance`, Math.round(e.compliance.ratio * 100), '%'));
  }
  // Compliance of the last 4 weeks: what was due (days ended or done), what was completed.
  const due = past.filter((e) => e.compliance.status !== 'pending' && !e.workout.skipped);
  const done = due.filter((e) => e.compliance.status === 'completed');
  facts.push(
    fact(`workouts due ${pastFrom} to ${ctx.today}`, due.length, 'count'),
    fact(`workouts completed ${pastFrom} to ${ctx.today}`, done.length, 'count'),
    fact(`workouts skipped ${pastFrom} to ${ctx.today}`, past.filter((e) => e.workout.skipped).length, 'count'),
  );
  if (due.length > 0) facts.push(fact(`completion rate ${pastFrom} to ${ctx.today}`, Math.round((done.length / due.length) * 100), '%'));
  for (const e of [...past, ...entries]) {
    const a = e.activity;
    if (!a || receipts.some((r) => r.activityId === a.id)) continue;
    const date = e.workout.date;
    receipts.push(
      activityReceipt(ctx, {
        id: a.id,
        date,
        name: 'name' in a ? String(a.name) : 'Activity',
        sport: a.sport,
        distanceM: a.distanceM,
        movingTimeS: a.movingTimeS,
      }),
    );
  }
  if (entries.length === 0) notes.push(`No workouts planned between ${from} and ${to}.`);
  return result(ctx, 'get_plan', window, {
    facts,
    receipts,
    withheld,
    notes,
    empty: null,
    data: {
      planId: plan.id,
      goal: plan.goalKind,
      eventDate: plan.eventDate,
      endDate: plan.endDate,
      workouts: entries.map(brief),
      last4Weeks: past.map(brief),
    },
  });
}

export const getPlanTool = (deps: CoachToolDeps): CoachTool<GetPlanInput> => ({
  name: 'get_plan',
  description:
    "The athlete's active plan: workouts in a window (default the next 14 days) with ids, dates, durations, target loads and whether each was completed, plus the last 4 weeks' compliance. Use the workout ids for plan-change proposals.",
  input: GetPlanInput,
  run: (ctx, input) => getPlan(deps, ctx, input),
});
