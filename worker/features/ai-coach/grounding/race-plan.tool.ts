// race_plan: the athlete's upcoming races with the predicted range, the even-pace target and, on Elite, the race
// card's summary (fuelling, taper, race week, contingencies), read from the AI coach's sources and never stored.
// Changes go through the existing proposal (propose_plan_change on get_plan's workout ids): no kind of its own.
import { z } from 'zod';
import { FEATURES, TIERS, unlockingTier, upgradePath } from '../../membership';
import type { CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { type CoachToolDeps, fact, result } from './tool-kit';
import { clockText, distanceValue, PACE_METRES } from './units';

/** Races the tool reads at most (the soonest first): enough for a season, small for the model. */
export const RACE_PLAN_MAX = 3;
export const NO_RACES = 'You have no upcoming race; add one on the Races page (/races) or set your plan’s goal race.';

export const RacePlanInput = z
  .object({ raceId: z.uuid().optional().describe('One race by id (from an earlier race_plan answer). Default: the next three.') })
  .strict();
export type RacePlanInput = z.infer<typeof RacePlanInput>;

export async function racePlan(deps: CoachToolDeps, ctx: ToolContext, input: RacePlanInput): Promise<ToolResult> {
  if (!deps.races) return result(ctx, 'race_plan', null, { empty: 'Races are not available here.' });
  const all = await deps.races.list(ctx.athlete);
  const chosen = (input.raceId ? all.filter((r) => r.id === input.raceId) : all).slice(0, RACE_PLAN_MAX);
  if (chosen.length === 0) return result(ctx, 'race_plan', null, { empty: input.raceId ? 'No upcoming race with that id.' : NO_RACES });
  const units = ctx.athlete.units;
  const paceUnit = units === 'km' ? 'min/km' : 'min/mi';
  const facts: ToolFact[] = [];
  const notes: string[] = [];
  const races = [];
  let locked = false;
  for (const race of chosen) {
    const { access, card } = await deps.races.forCoach(ctx.athlete, race.id);
    const tag = `${race.name} ${race.raceDate}`;
    facts.push(fact(`${tag}: distance`, distanceValue(race.distanceM, units), units));
    const p = card.header.prediction;
    if (p.state === 'predicted') {
      facts.push(
        fact(`${tag}: predicted finish (middle)`, clockText(p.midS), 'h:mm:ss'),
        fact(`${tag}: 80 % range fast end`, clockText(p.lowS), 'h:mm:ss'),
        fact(`${tag}: 80 % range slow end`, clockText(p.highS), 'h:mm:ss'),
        fact(`${tag}: even target pace`, clockText((p.midS / race.distanceM) * PACE_METRES[paceUnit]!), paceUnit),
      );
    } else notes.push(`${tag}: no prediction yet (${p.reason}).`);
    const t = card.taper;
    if (t?.state === 'plan') {
      facts.push(fact(`${tag}: taper weeks`, t.taperWeeks, 'count'));
      if (t.dropFraction !== null) facts.push(fact(`${tag}: taper load cut`, Math.round(t.dropFraction * 100), '%'));
      if (t.form) facts.push(fact(`${tag}: race-day form TSB (plan)`, Math.round(t.form.tsb), 'load'));
    }
    if (access !== 'full') locked = true;
    races.push({
      raceId: race.id,
      name: race.name,
      date: race.raceDate,
      distanceM: race.distanceM,
      source: race.source,
      cardAccess: access,
      prediction: p,
      splits: card.splits,
      card:
        access === 'full'
          ? {
              startTime: card.header.startTime,
              fuel: card.fuel,
              morning: card.morning?.map((m) => `${m.clock} ${m.what}`),
              taper: card.taper,
              raceWeek: card.raceWeek?.map((i) => i.text),
              contingencies: card.contingencies?.map((c) => `${c.title}: ${c.rule}`),
            }
          : null,
    });
  }
  if (locked) {
    const tier = TIERS[unlockingTier('race_strategy')].name;
    notes.push(
      `The full race card (${FEATURES.race_strategy.label.toLowerCase()}: fuelling, race morning, taper, race week, contingencies) is part of ${tier}: ${upgradePath('race_strategy')}. The prediction and pacing target are shown on every plan.`,
    );
  }
  notes.push('To change a workout of the build-up or race week, read it with get_plan and propose the change with propose_plan_change.');
  return result(ctx, 'race_plan', null, { facts, notes, data: { races } });
}

export const racePlanTool = (deps: CoachToolDeps): CoachTool<RacePlanInput> => ({
  name: 'race_plan',
  description:
    "The athlete's upcoming races (soonest first, up to three): the predicted finish as an 80 % range, the even target pace and splits, and on Elite the race card (fuelling, race morning, taper and race-day form from the plan, race week, contingency rules). Use for race questions; propose plan changes with get_plan and propose_plan_change.",
  input: RacePlanInput,
  run: (ctx, input) => racePlan(deps, ctx, input),
});
