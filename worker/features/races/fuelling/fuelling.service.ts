// Sweat tests, the gut-training log and a race's fuelling plan: the core (planFuelling) fed with the athlete's own
// tests and sessions and the race's predicted finish (its mid) as the expected duration.
import type { Db } from '../../../db/client';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import { DEFAULT_NEGATIVE_SPLIT, planPacing } from '../pacing.calc';
import type { PredictionService } from '../prediction.service';
import type { RacesService } from '../races.service';
import { sweatRateOf } from './fluids.calc';
import { type FuellingLayout, planFuelling } from './fuelling.calc';
import * as repo from './fuelling.repo';
import type { CreateGutSessionInput, CreateSweatTestInput, GutSession, RaceFuelling, SweatTest } from './fuelling.schema';

export interface FuellingDeps {
  db: Db;
  today: (a: Athlete) => string;
  races: Pick<RacesService, 'find'>;
  predictions: Pick<PredictionService, 'prediction'>;
}

/** Which layout the query asks for: aid stations at marks, every N km, per gel; every 5 km by default. */
export interface LayoutQuery {
  aidStationsKm?: string;
  everyKm?: number;
  carbsPerGel?: number;
  temperatureC?: number;
}
export const DEFAULT_EVERY_KM = 5;

const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

const basisOf = (r: repo.SweatTestRow) =>
  `(${r.massBeforeKg} − ${r.massAfterKg} kg + ${r.fluidL} L drunk − ${r.urineL ?? 0} L urine) ÷ ${(r.durationMin / 60).toFixed(2)} h = ${r.rateLPerH.toFixed(2)} L/h`;
const sweatOut = (r: repo.SweatTestRow): SweatTest => ({ ...r, basis: basisOf(r) });

export function layoutOf(q: LayoutQuery): FuellingLayout {
  if (q.aidStationsKm !== undefined) return { kind: 'aidStations', km: q.aidStationsKm.split(',').map((s) => Number(s.trim())) };
  if (q.everyKm !== undefined) return { kind: 'everyKm', km: q.everyKm };
  if (q.carbsPerGel !== undefined) return { kind: 'gels', gramsPerGel: q.carbsPerGel };
  return { kind: 'everyKm', km: DEFAULT_EVERY_KM };
}

export function createFuellingService(deps: FuellingDeps) {
  return {
    async sweatTests(a: Athlete): Promise<SweatTest[]> {
      return (await repo.sweatTestsOf(deps.db, a.id)).map(sweatOut);
    },

    /** Stores a test with its rate; a mass gain beyond the drink or an implausible rate is a 400 naming the field. */
    async addSweatTest(a: Athlete, input: CreateSweatTestInput): Promise<SweatTest> {
      if (input.date > deps.today(a)) throw invalid('date', 'A sweat test is logged after it is done: the date is in the future');
      const rate = sweatRateOf(input);
      if ('error' in rate) throw invalid(rate.error.field, rate.error.message);
      if (input.activityId && !(await repo.ownsActivity(deps.db, a.id, input.activityId)))
        throw invalid('activityId', 'Not one of your activities');
      const row = await repo.insertSweatTest(deps.db, a.id, {
        date: input.date,
        activityId: input.activityId ?? null,
        durationMin: input.durationMin,
        massBeforeKg: input.massBeforeKg,
        massAfterKg: input.massAfterKg,
        fluidL: input.fluidL,
        urineL: input.urineL ?? null,
        temperatureC: input.temperatureC ?? null,
        note: input.note || null,
        rateLPerH: rate.lPerH,
      });
      return sweatOut(row);
    },

    async removeSweatTest(a: Athlete, id: string): Promise<void> {
      if (!(await repo.removeSweatTest(deps.db, a.id, id))) throw notFound('Sweat test');
    },

    async gutSessions(a: Athlete): Promise<GutSession[]> {
      return repo.gutSessionsOf(deps.db, a.id);
    },

    async addGutSession(a: Athlete, input: CreateGutSessionInput): Promise<GutSession> {
      if (input.date > deps.today(a)) throw invalid('date', 'A session is logged after it is done: the date is in the future');
      return repo.insertGutSession(deps.db, a.id, { ...input, note: input.note || null });
    },

    async removeGutSession(a: Athlete, id: string): Promise<void> {
      if (!(await repo.removeGutSession(deps.db, a.id, id))) throw notFound('Gut-training session');
    },

    /** The race's plan: the prediction's mid as the expected finish; none (with why) while there is no prediction. */
    async plan(a: Athlete, raceId: string, q: LayoutQuery): Promise<RaceFuelling> {
      const { race } = await deps.races.find(a, raceId);
      const layout = layoutOf(q);
      const predicted = await deps.predictions.prediction(a, raceId);
      const p = predicted.prediction;
      if (p.state !== 'predicted' || !p.range)
        return {
          raceId: race.id,
          state: 'noDuration',
          reason: 'No predicted finish yet, so no expected duration: the plan needs one (see the Prediction tab for what would help).',
        };
      const [tests, sessions] = await Promise.all([repo.sweatTestsOf(deps.db, a.id), repo.gutSessionsOf(deps.db, a.id)]);
      const today = deps.today(a);
      // The clock at each stop from the pacing core (flat course until the race has one), else a steady pace.
      const pacing = planPacing({
        distanceM: race.distanceM,
        targetS: p.range.mid,
        unit: 'km',
        course: null,
        negativeSplit: DEFAULT_NEGATIVE_SPLIT,
        // The first-half check is the Pacing tab's; the clock is all fuelling needs.
        criticalSpeed: null,
        today,
      });
      const answer = planFuelling({
        distanceM: race.distanceM,
        durationS: p.range.mid,
        durationBasis: `The middle of your predicted finish (Prediction tab)${pacing.ok ? `, paced at even effort with a ${DEFAULT_NEGATIVE_SPLIT * 100} % negative split on a flat course` : ''}.`,
        pace: pacing.ok ? pacing.plan.splits.map((x) => ({ distanceM: x.toM, clockS: x.clockS })) : undefined,
        layout,
        sweatTests: tests.map((t) => ({
          id: t.id,
          date: t.date,
          rateLPerH: t.rateLPerH,
          massBeforeKg: t.massBeforeKg,
          temperatureC: t.temperatureC,
        })),
        raceTemperatureC: q.temperatureC ?? null,
        gutSessions: sessions,
        today,
      });
      if (!answer.ok) throw invalid(answer.error.field, answer.error.message);
      return { raceId: race.id, state: 'planned', plan: answer.plan };
    },
  };
}

export type FuellingService = ReturnType<typeof createFuellingService>;
