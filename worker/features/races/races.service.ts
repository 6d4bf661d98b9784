// The athlete's races: their own (table `races`) and the active plan's goal race (read from the plan), listed
// together; only their own are changed here. Dates are the athlete's local days.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, hasChanges, notFound, nothingToUpdate } from '../../lib/errors';
import type { Athlete } from '../analytics';
import { type PlanGoalRace, planGoalRace } from './plan-goal';
import * as racesRepo from './races.repo';
import type { RaceRow } from './races.repo';
import type { CreateRaceInput, Race, UpdateRaceInput } from './races.schema';
import { formatTotalM, type TriFormat } from './triathlon/formats';

export interface RacesDeps {
  db: Db;
  clock: Clock;
  /** The athlete's today in their zone (analytics' `today`). */
  today: (a: Athlete) => string;
}

/** A run has no `format` key (the run answer is as it was); a triathlon names its format. */
const kind = (r: { sport: string; format: string | null }) =>
  r.sport === 'triathlon' && r.format ? { sport: 'triathlon' as const, format: r.format as TriFormat } : { sport: 'run' as const };
const own = (r: RaceRow): Race => ({ id: r.id, source: 'athlete', name: r.name, ...kind(r), ...pick(r) });
const fromPlan = (g: PlanGoalRace): Race => ({ id: g.planId, source: 'plan', name: g.name, ...kind(g), ...pick(g) });
const pick = (r: { distanceM: number; raceDate: string }) => ({ distanceM: r.distanceM, raceDate: r.raceDate });
/** The athlete added the plan's race themselves too: same day, distance within 1 %. */
const sameRace = (r: RaceRow, g: PlanGoalRace) =>
  r.sport === g.sport && r.raceDate === g.raceDate && Math.abs(r.distanceM - g.distanceM) <= 0.01 * g.distanceM;

const pastDate = () =>
  new AppError(ErrorCode.VALIDATION, 'The race date is in the past: plan a race from today on.', {
    fields: [{ path: 'raceDate', message: 'The race date is in the past' }],
  });
const triDistance = () =>
  new AppError(ErrorCode.VALIDATION, 'A triathlon’s distance is its format’s: add the race again with another format.', {
    fields: [{ path: 'distanceM', message: 'A triathlon’s distance is its format’s' }],
  });
const planOwned = () => new AppError(ErrorCode.CONFLICT, 'This race is your plan’s goal: change or cancel it through your plan.');

export function createRacesService(deps: RacesDeps) {
  /** The race by id: the athlete's own, or the active plan's goal race under the plan's id. */
  async function find(a: Athlete, id: string): Promise<{ race: Race; key: racesRepo.PredictionKey; planId: string | null }> {
    const row = await racesRepo.byId(deps.db, a.id, id);
    if (row) return { race: own(row), key: { raceId: row.id }, planId: null };
    const goal = await planGoalRace(deps.db, a.id, deps.today(a));
    if (goal?.planId === id) return { race: fromPlan(goal), key: { planId: goal.planId }, planId: goal.planId };
    throw notFound('Race');
  }

  return {
    find,

    /** Upcoming races, soonest first; the plan's goal race once, even when the athlete added it too. */
    async list(a: Athlete): Promise<Race[]> {
      const today = deps.today(a);
      const [rows, goal] = await Promise.all([racesRepo.upcoming(deps.db, a.id, today), planGoalRace(deps.db, a.id, today)]);
      const races = rows.map(own);
      if (goal && !rows.some((r) => sameRace(r, goal))) races.push(fromPlan(goal));
      return races.sort((x, y) => x.raceDate.localeCompare(y.raceDate));
    },

    async get(a: Athlete, id: string): Promise<Race> {
      return (await find(a, id)).race;
    },

    async create(a: Athlete, input: CreateRaceInput): Promise<Race> {
      if (input.raceDate < deps.today(a)) throw pastDate();
      const leg =
        input.sport === 'triathlon'
          ? { sport: 'triathlon', format: input.format, distanceM: formatTotalM(input.format) }
          : { sport: 'run', format: null, distanceM: input.distanceM };
      return own(await racesRepo.insert(deps.db, a.id, { name: input.name, raceDate: input.raceDate, ...leg }));
    },

    /** Changes the fields sent; 404 for anyone else's race, 409 for the plan's goal race (the plan owns it). */
    async update(a: Athlete, id: string, patch: UpdateRaceInput): Promise<Race> {
      const { race } = await find(a, id);
      if (race.source === 'plan') throw planOwned();
      if (!hasChanges(patch)) throw nothingToUpdate(['name', 'distanceM', 'raceDate']);
      if (patch.raceDate !== undefined && patch.raceDate < deps.today(a)) throw pastDate();
      if (patch.distanceM !== undefined && race.sport === 'triathlon') throw triDistance();
      const row = await racesRepo.update(deps.db, a.id, id, patch, deps.clock.now());
      if (!row) throw notFound('Race');
      return own(row);
    },

    /** Deletes the athlete's race and its stored predictions. */
    async remove(a: Athlete, id: string): Promise<void> {
      const { race } = await find(a, id);
      if (race.source === 'plan') throw planOwned();
      if (!(await racesRepo.remove(deps.db, a.id, id))) throw notFound('Race');
    },
  };
}

export type RacesService = ReturnType<typeof createRacesService>;
