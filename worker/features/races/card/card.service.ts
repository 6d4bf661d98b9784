// The race card assembled: the race and its prediction, the Pacing tab's splits for the middle (over the course when
// there is one), the Fuelling tab's checkpoints, race morning from the start time, the plan's taper and race week,
// and contingencies from the range. Elite gets it all (`race_strategy`); a tier the entitlement table lets preview
// it gets the header, the first splits and the headings with an upgrade prompt; anyone else a 403 naming Elite.
import type { Db } from '../../../db/client';
import { formatDay } from '../../../lib/format';
import type { Athlete } from '../../analytics';
import { entitlementRequired, featureAccess, type MembershipService, TIERS, unlockingTier, upgradePath } from '../../membership';
import { createPlansRepo } from '../../plans';
import type { CourseService } from '../course/course.service';
import type { FuellingService } from '../fuelling/fuelling.service';
import { DEFAULT_NEGATIVE_SPLIT, planPacing, type SplitUnit } from '../pacing.calc';
import { raceDayForm } from '../plan-goal';
import type { PredictionService } from '../prediction.service';
import type { RacesService } from '../races.service';
import type { Race } from '../races.schema';
import {
  type BodyMass,
  type CardWorkout,
  contingencies,
  fuelCheckpoints,
  morningTimeline,
  PREVIEW_SPLITS,
  raceWeekChecklist,
  splitRows,
  taperBasis,
  taperSummary,
  transitionsChecklist,
} from './card.calc';
import type { CardAccess, CardFuel, CardHeader, CardSplits, CardTaper, RaceCardModel } from './card.types';

/** The start the morning timeline counts back from when the athlete has not given one (said on the card). */
export const DEFAULT_START = '09:00';
export const FUEL_MISSING = 'Add your fuelling plan on the Fuelling tab.';
export const NO_PLAN = 'No training plan leads to this race: the taper and race week come from a plan with this race as its goal.';

export interface CardDeps {
  db: Db;
  races: Pick<RacesService, 'find'>;
  predictions: Pick<PredictionService, 'prediction' | 'forCoach'>;
  membership: Pick<MembershipService, 'entitlements'>;
  today: (a: Athlete) => string;
  /** The Pacing tab's plan (over the race's course when it has one): the card's splits. */
  pacing: Pick<CourseService, 'pacing'>;
  /** The Fuelling tab's plan: the card's checkpoints. */
  fuelling: Pick<FuellingService, 'plan' | 'sweatTests'>;
}

export interface CardOptions {
  /** "HH:MM" local; the default start otherwise. */
  startTime?: string | null;
}

const sectionsFor = (race: Race): string[] => [
  'Splits',
  'Fuelling checkpoints',
  ...(race.sport === 'run' ? [] : ['Transitions']),
  'Race morning',
  'Taper',
  'Race week',
  'If things go wrong',
];

export function createCardService(deps: CardDeps) {
  /** The plan this race ends: the plan's goal race itself, or the active plan whose event is on the race's day. */
  async function planOf(a: Athlete, race: Race, planId: string | null) {
    const repo = createPlansRepo(deps.db);
    if (planId) return repo.plan(a.id, planId);
    const active = await repo.activePlan(a.id);
    return active?.eventDate === race.raceDate ? active : undefined;
  }

  async function taperOf(a: Athlete, race: Race, planId: string | null): Promise<{ taper: CardTaper; workouts: CardWorkout[] }> {
    const plan = await planOf(a, race, planId);
    if (!plan) return { taper: { state: 'noPlan', message: NO_PLAN }, workouts: [] };
    const workouts = await createPlansRepo(deps.db).workoutsBetween(a.id, plan.id, plan.startDate, race.raceDate);
    const [summary, form] = [taperSummary(workouts, race.raceDate), await raceDayForm(deps.db, a.id, plan.id)];
    return { taper: { state: 'plan', planId: plan.id, ...summary, form, basis: taperBasis(summary, form) }, workouts };
  }

  return {
    /** The card for the athlete's race (404 for anyone else's); 403 ENTITLEMENT_REQUIRED for a tier with no access. */
    async card(a: Athlete, raceId: string, opts: CardOptions = {}): Promise<RaceCardModel> {
      const access = await accessOf(a);
      if (access === 'none') throw entitlementRequired('race_strategy');
      return build(a, raceId, access, opts, 'analytics');
    },

    /**
     * The card as the AI coach reads it (its data policy's sources, nothing stored), with the viewer's access: a
     * tier without the card gets the preview's part (the header and first splits) so the coach can say what is Elite.
     */
    async forCoach(a: Athlete, raceId: string): Promise<{ access: 'full' | 'preview' | 'none'; card: RaceCardModel }> {
      const access = await accessOf(a);
      return { access, card: await build(a, raceId, access === 'full' ? 'full' : 'preview', {}, 'ai') };
    },
  };

  /** The newest sweat test's "before" weight: the athlete's body mass as they last measured it. */
  async function bodyMassOf(a: Athlete): Promise<BodyMass | null> {
    const newest = (await deps.fuelling.sweatTests(a)).sort((x, y) => y.date.localeCompare(x.date))[0];
    return newest ? { kg: newest.massBeforeKg, date: formatDay(newest.date) } : null;
  }

  async function accessOf(a: Athlete) {
    return featureAccess((await deps.membership.entitlements(a.id)).tier, 'race_strategy');
  }

  async function build(a: Athlete, raceId: string, access: CardAccess, opts: CardOptions, use: 'analytics' | 'ai'): Promise<RaceCardModel> {
    const { race, planId } = await deps.races.find(a, raceId);
    const answer = (await (use === 'ai' ? deps.predictions.forCoach(a, raceId) : deps.predictions.prediction(a, raceId))).prediction;
    const r = answer.state === 'predicted' ? answer.range : undefined;
    const range = r ? { lowS: r.low, midS: r.mid, highS: r.high } : null;
    const header: CardHeader = {
      raceId: race.id,
      name: race.name,
      sport: race.sport,
      distanceM: race.distanceM,
      raceDate: race.raceDate,
      startTime: opts.startTime ?? DEFAULT_START,
      startTimeSource: opts.startTime ? 'given' : 'assumed',
      prediction: range ? { state: 'predicted', ...range } : { state: 'none', reason: answer.reason ?? 'Not enough data yet.' },
    };
    const unit: SplitUnit = a.units === 'mi' ? 'mile' : 'km';
    let splits: CardSplits = {
      state: 'none',
      reason: 'No prediction yet, so no target to pace: see the Prediction tab for what would help.',
    };
    if (range && use === 'analytics') {
      // The Pacing tab's plan for the same middle: over the course when the race has one.
      const paced = await deps.pacing.pacing(a, raceId, {
        unit: unit === 'mile' ? 'mi' : 'km',
        target: 'mid',
        negativeSplit: DEFAULT_NEGATIVE_SPLIT,
      });
      if (paced.plan)
        splits = {
          state: 'planned',
          unit,
          targetS: paced.plan.targetS,
          rows: splitRows(paced.plan),
          basis: `The middle of your predicted range at even effort ${paced.flat ? 'on a flat course (no course uploaded)' : 'over your course'}, the second half 1 % faster.`,
        };
    } else if (range) {
      // The coach reads its own sources' prediction (not the stored one the Pacing tab paces): flat, said so.
      const paced = planPacing({
        distanceM: race.distanceM,
        targetS: range.midS,
        unit,
        course: null,
        negativeSplit: DEFAULT_NEGATIVE_SPLIT,
        criticalSpeed: null,
        today: deps.today(a),
      });
      splits = paced.ok
        ? {
            state: 'planned',
            unit,
            targetS: range.midS,
            rows: splitRows(paced.plan),
            basis: 'The middle of your predicted range at even effort on a flat course, the second half 1 % faster.',
          }
        : { state: 'none', reason: paced.error.reason };
    }
    const sections = sectionsFor(race);
    if (access === 'preview') {
      const elite = unlockingTier('race_strategy');
      return {
        access,
        preview: true,
        upgrade: {
          path: upgradePath('race_strategy'),
          tierName: TIERS[elite].name,
          message: `The whole card — fuelling, race morning, taper, race week and what to do when things go wrong — is part of ${TIERS[elite].name}.`,
        },
        header,
        sections,
        splits: splits.state === 'planned' ? { ...splits, rows: splits.rows.slice(0, PREVIEW_SPLITS) } : splits,
        fuel: null,
        transitions: null,
        morning: null,
        taper: null,
        raceWeek: null,
        contingencies: null,
      };
    }
    const fuelPlan = use === 'analytics' ? (await deps.fuelling.plan(a, raceId, {})).plan : undefined;
    const fuel: CardFuel = fuelPlan?.stops.length
      ? { state: 'planned', rows: fuelCheckpoints(fuelPlan.stops) }
      : { state: 'missing', message: FUEL_MISSING };
    const { taper, workouts } = await taperOf(a, race, planId);
    return {
      access,
      preview: false,
      upgrade: null,
      header,
      sections,
      splits,
      fuel,
      transitions:
        race.sport === 'triathlon'
          ? { applies: true, items: transitionsChecklist() }
          : { applies: false, reason: 'A run has no transitions.' },
      morning: morningTimeline(header.startTime, race.distanceM, await bodyMassOf(a)),
      taper,
      raceWeek: raceWeekChecklist(workouts, race.raceDate),
      contingencies: range ? contingencies(race.distanceM, range, unit) : [],
    };
  }
}

export type CardService = ReturnType<typeof createCardService>;
