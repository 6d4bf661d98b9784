// Sweat tests, the gut-training log and a race's fuelling plan: the core (planFuelling) fed with the athlete's own
// tests and sessions and the race's predicted finish (its mid) as the expected duration.
import type { Db } from '../../../db/client';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import type { RacesService } from '../races.service';
import { type ExpectedDeps, expectedOf } from './expected';
import { sweatRateOf } from './fluids.calc';
import { type FuellingLayout, planFuelling } from './fuelling.calc';
import * as repo from './fuelling.repo';
import type { CreateGutSessionInput, CreateSweatTestInput, GutSession, RaceFuelling, SweatTest } from './fuelling.schema';

export interface FuellingDeps extends ExpectedDeps {
  db: Db;
  today: (a: Athlete) => string;
  races: Pick<RacesService, 'find'>;
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

    /**
     * The race's plan over its expected duration (a run: the prediction's middle on the Pacing tab's clock; a
     * triathlon: its leg plan from T1 on); none, with why, while there is none.
     */
    async plan(a: Athlete, raceId: string, q: LayoutQuery): Promise<RaceFuelling> {
      const { race } = await deps.races.find(a, raceId);
      const expected = await expectedOf(deps, a, race);
      if (!expected.ok) return { raceId: race.id, state: 'noDuration', reason: expected.reason };
      const { offset } = expected;
      let layout = layoutOf(q);
      // A triathlon's aid stations are given on the whole race's distance; the plan's stretch starts after the swim.
      if (layout.kind === 'aidStations' && offset.distanceM > 0) {
        const swimKm = offset.distanceM / 1000;
        if (layout.km.some((k) => k <= swimKm)) throw invalid('aidStationsKm', `An aid station in the swim: give marks after ${swimKm} km`);
        layout = { kind: 'aidStations', km: layout.km.map((k) => k - swimKm) };
      }
      const [tests, sessions] = await Promise.all([repo.sweatTestsOf(deps.db, a.id), repo.gutSessionsOf(deps.db, a.id)]);
      const today = deps.today(a);
      const answer = planFuelling({
        distanceM: expected.distanceM,
        durationS: expected.durationS,
        durationBasis: expected.basis,
        pace: expected.pace,
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
      const stops = answer.plan.stops.map((x) => ({ ...x, distanceM: x.distanceM + offset.distanceM, clockS: x.clockS + offset.clockS }));
      return { raceId: race.id, state: 'planned', plan: { ...answer.plan, stops } };
    },
  };
}

export type FuellingService = ReturnType<typeof createFuellingService>;
