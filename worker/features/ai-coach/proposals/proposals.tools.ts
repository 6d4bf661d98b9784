// The model's two plan tools: forecast_plan_change (what a change would do to load and form, nothing
// written) and propose_plan_change (writes a proposal the athlete confirms or rejects). A refusal is
// thrown as an AppError whose message the model relays.
import { AppError, ErrorCode } from '../../../lib/errors';
import { upgradePath } from '../../membership';
import type { CoachTool, ProposalAction, ToolContext, ToolFact, ToolResult, WorkoutBrief } from '../coach.types';
import { weekdayText } from '../grounding/units';
import { ForecastInput, HORIZON_DAYS, ProposeInput } from './proposals.schema';
import type { ProposalsService } from './proposals.service';

export interface ProposalToolsDeps {
  proposals: Pick<ProposalsService, 'preview' | 'propose' | 'freeAlternative'>;
}

type AsPro = NonNullable<Awaited<ReturnType<ProposalsService['freeAlternative']>>>['asPro'];

/** The eased workouts as Pro would make them, as facts the answer may quote ("36 min instead of 45 min"). */
function asProFacts(asPro: AsPro): ToolFact[] {
  return asPro.flatMap(({ before, after }): ToolFact[] =>
    before && after
      ? [
          { label: `${before.title} on ${before.date}: planned duration`, value: before.durationMin, unit: 'min' },
          { label: `${before.title} on ${before.date}: duration with the change (Pro)`, value: after.durationMin, unit: 'min' },
          { label: `${before.title} on ${before.date}: planned load`, value: before.targetLoad, unit: 'load' },
          { label: `${before.title} on ${before.date}: load with the change (Pro)`, value: after.targetLoad, unit: 'load' },
        ]
      : [],
  );
}

/** What the athlete is told when Free proposed a skip in place of an easier workout: plainly, with the upgrade link. */
function insteadSentence(asPro: AsPro, today: string): string {
  const eased = asPro
    .filter((d) => d.before && d.after)
    .map(({ before, after }) => {
      const b = before!;
      const a = after!;
      const change = a.durationMin !== b.durationMin ? `${a.durationMin} min instead of ${b.durationMin} min` : `“${a.title}” instead`;
      return `“${b.title}” on ${weekdayText(b.date, today)} (${change})`;
    })
    .join(' and ');
  return (
    `Easing ${eased} is part of Pro: ${upgradePath('workout_control')}. ` +
    `On Free I can skip it instead, and I've proposed that: nothing changes until you confirm, and a skipped workout can be restored.`
  );
}

const INSTEAD_REASON = 'Easing it is part of Pro; on Free it can be skipped instead (a skipped workout can be restored).';

type Forecast = Awaited<ReturnType<ProposalsService['preview']>>['forecast'];

function forecastFacts(f: Forecast, lastDay: string): ToolFact[] {
  const facts: ToolFact[] = f.weeks.flatMap((w) => [
    { label: `Planned load, week of ${w.weekStart}, now`, value: w.loadBefore, unit: 'load' },
    { label: `Planned load, week of ${w.weekStart}, after the change`, value: w.loadAfter, unit: 'load' },
  ]);
  if (f.formBefore !== null) facts.push({ label: `Projected form (TSB) at the end of ${lastDay}, now`, value: f.formBefore, unit: 'TSB' });
  if (f.formAfter !== null)
    facts.push({ label: `Projected form (TSB) at the end of ${lastDay}, after the change`, value: f.formAfter, unit: 'TSB' });
  return facts;
}

/**
 * The change's own numbers (a load adjustment's percent), so an answer that states them ("20% lighter")
 * has a receipt; the sign is in the label, the value is the magnitude as it is said.
 */
function actionFacts(actions: ProposalAction[], diff: { workoutId: string; before: WorkoutBrief | null }[]): ToolFact[] {
  return actions.flatMap((a): ToolFact[] => {
    if (a.kind !== 'adjust_load') return [];
    const w = diff.find((d) => d.workoutId === a.workoutId)?.before;
    const what = w ? `${w.title} on ${w.date}` : 'the workout';
    return [{ label: `Load ${a.percent < 0 ? 'reduction' : 'increase'} of ${what}`, value: Math.abs(a.percent), unit: '%' }];
  });
}

const result = (
  ctx: ToolContext,
  tool: string,
  window: ToolResult['window'],
  facts: ToolFact[],
  extra: Partial<ToolResult>,
): ToolResult => ({
  tool,
  window,
  units: ctx.athlete.units,
  timeZone: ctx.athlete.timeZone,
  facts,
  receipts: [],
  empty: null,
  withheld: [],
  ...extra,
});

export function createProposalTools(deps: ProposalToolsDeps): CoachTool[] {
  const forecast: CoachTool<ForecastInput> = {
    name: 'forecast_plan_change',
    description:
      `Forecast a change to the athlete's active plan without making it: planned load of each affected week and projected form (TSB) ` +
      `on the last affected day, before and after. Actions: swap_days, move, adjust_load (-50…+10 %), replace_workout (a catalog type ` +
      `fitting the sport), skip, restore; workouts by id from get_plan, within the next ${HORIZON_DAYS} days, not completed.`,
    input: ForecastInput,
    async run(ctx, input) {
      const p = await deps.proposals.preview(ctx.athlete, input.actions);
      return result(
        ctx,
        'forecast_plan_change',
        { from: p.today, to: p.lastDay },
        [...actionFacts(input.actions, p.diff), ...forecastFacts(p.forecast, p.lastDay)],
        {
          data: { planId: p.plan.id, diff: p.diff, forecast: p.forecast },
          notes: ['Form starts from your current fitness and assumes the plan is followed as planned from today.'],
        },
      );
    },
  };

  const propose: CoachTool<ProposeInput> = {
    name: 'propose_plan_change',
    description:
      'Propose a change to the active plan (1–6 actions, the same catalog as forecast_plan_change) with a plain-language reason and ' +
      'optional risk notes. Nothing changes until the athlete confirms the proposal card; say so.',
    input: ProposeInput,
    async run(ctx, input) {
      const from = { conversationId: ctx.conversationId, messageId: ctx.messageId };
      // On Free, an easier workout becomes what Free allows (a skip), said plainly with what Pro would do.
      const { view, asPro } = await deps.proposals
        .propose(ctx.athlete, input, from)
        .then((v) => ({ view: v, asPro: null as AsPro | null }))
        .catch(async (err: unknown) => {
          if (!(err instanceof AppError) || err.code !== ErrorCode.ENTITLEMENT_REQUIRED) throw err;
          const alt = await deps.proposals.freeAlternative(ctx.athlete, input.actions);
          if (!alt) throw err;
          const reason = INSTEAD_REASON;
          return {
            view: await deps.proposals.propose(ctx.athlete, { actions: alt.actions, reason, riskNotes: input.riskNotes }, from),
            asPro: alt.asPro,
          };
        });
      const lastDay =
        view.diff
          .flatMap((d) => [d.before?.date, d.after?.date])
          .filter((d): d is string => Boolean(d))
          .sort()
          .at(-1) ?? ctx.today;
      const facts: ToolFact[] = [
        { label: 'Actions proposed', value: view.actions.length, unit: 'count' },
        { label: 'Workouts affected', value: view.diff.length, unit: 'count' },
        ...actionFacts(view.actions, view.diff),
        ...forecastFacts(view.forecast, lastDay),
      ];
      const notes = ['The proposal waits for the athlete to confirm or reject it; the plan is unchanged until then.'];
      if (asPro === null)
        return result(ctx, 'propose_plan_change', { from: ctx.today, to: lastDay }, facts, { data: { proposalId: view.id }, notes });
      const instead = insteadSentence(asPro, ctx.today);
      return result(ctx, 'propose_plan_change', { from: ctx.today, to: lastDay }, [...facts, ...asProFacts(asPro)], {
        data: { proposalId: view.id, instead, upgrade: upgradePath('workout_control') },
        notes: [
          `Not proposed as asked: the athlete is on Free, where only skip and restore can be proposed. Proposed instead: skipping the workout. Tell the athlete plainly, with the upgrade link ${upgradePath('workout_control')}: ${instead}`,
          ...notes,
        ],
      });
    },
  };

  return [forecast, propose] as CoachTool[];
}
