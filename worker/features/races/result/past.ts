// Past races with their marked results and the prediction each was given before its day: the "Past races" list and
// the prediction core's `pastRaces` (each error shown beside the next prediction at that distance).
import type { Executor } from '../../../db/executor';
import { localDayRange } from '../../../lib/dates';
import type { Athlete } from '../../analytics';
import { pastPlanGoals } from '../plan-goal';
import * as racesRepo from '../races.repo';
import type { PredictionKey } from '../races.repo';
import type { Race } from '../races.schema';
import type { PastRace } from '../races.types';
import { type PredictionError, predictionError } from './result.calc';
import * as repo from './result.repo';

/** Past races listed on /races: enough to see the last two years of a keen racer. */
export const PAST_LIMIT = 20;

export interface Before {
  madeAt: string;
  range: { low: number; mid: number; high: number } | null;
}

/**
 * The prediction the race is judged against: the newest stored before its day began in the athlete's zone. One made
 * on the morning of the race (a late look at the page) already knew nothing more, but the line has to be somewhere
 * fixed, and "before the day" is the one an athlete can check.
 */
export async function beforeRaceDay(db: Executor, a: Athlete, key: PredictionKey, raceDate: string): Promise<Before | null> {
  const row = await repo.predictionBefore(db, a.id, key, localDayRange(raceDate, a.timeZone).start);
  if (!row) return null;
  const range = row.state === 'predicted' && row.lowS !== null && row.midS !== null && row.highS !== null;
  return { madeAt: row.madeAt.toISOString(), range: range ? { low: row.lowS!, mid: row.midS!, high: row.highS! } : null };
}

export interface PastRaceItem {
  race: Race;
  result: { activityId: string; activityName: string; finishS: number } | null;
  predicted: Before | null;
  error: PredictionError | null;
}

const keyOf = (r: Race): PredictionKey => (r.source === 'plan' ? { planId: r.id } : { raceId: r.id });

async function withResult(db: Executor, a: Athlete, race: Race, results: Map<string, repo.ResultRow>): Promise<PastRaceItem> {
  const r = results.get(race.id);
  const predicted = r ? await beforeRaceDay(db, a, keyOf(race), race.raceDate) : null;
  const e = r && predicted?.range ? predictionError(r.finishS, { ...predicted.range, madeAt: predicted.madeAt }) : null;
  return {
    race,
    result: r ? { activityId: r.activityId, activityName: r.activityName, finishS: r.finishS } : null,
    predicted,
    error: e?.ok ? e : null,
  };
}

/** The athlete's races before today (their own and past plan goals), newest first, each with its result if marked. */
export async function pastRaceList(db: Executor, a: Athlete, today: string): Promise<PastRaceItem[]> {
  const [own, goals, rows] = await Promise.all([
    repo.pastRaces(db, a.id, today, PAST_LIMIT),
    pastPlanGoals(db, a.id, today),
    repo.allResults(db, a.id),
  ]);
  const results = new Map(rows.map((r) => [(r.raceId ?? r.planId)!, r]));
  const races: Race[] = [
    ...own.map((r) => ({ ...r, source: 'athlete' as const, sport: 'run' as const })),
    ...goals.map((g) => ({
      id: g.planId,
      source: 'plan' as const,
      name: g.name,
      sport: 'run' as const,
      distanceM: g.distanceM,
      raceDate: g.raceDate,
    })),
  ]
    .sort((x, y) => y.raceDate.localeCompare(x.raceDate))
    .slice(0, PAST_LIMIT);
  const out: PastRaceItem[] = [];
  for (const race of races) out.push(await withResult(db, a, race, results));
  return out;
}

/**
 * Every marked result with a range predicted before its day, for the prediction core's past errors; only activities
 * from the sources the `analytics` use may read (`allowed`), as the bests beside them.
 */
export async function markedPastRaces(db: Executor, a: Athlete, today: string, allowed: readonly string[]): Promise<PastRace[]> {
  const rows = (await repo.allResults(db, a.id)).filter((r) => allowed.includes(r.source));
  if (rows.length === 0) return [];
  const goals = new Map((await pastPlanGoals(db, a.id, today)).map((g) => [g.planId, g]));
  const out: PastRace[] = [];
  for (const r of rows) {
    const race = r.raceId ? await racesRepo.byId(db, a.id, r.raceId) : goals.get(r.planId!);
    if (!race) continue;
    const key: PredictionKey = r.raceId ? { raceId: r.raceId } : { planId: r.planId! };
    const before = await beforeRaceDay(db, a, key, race.raceDate);
    if (before?.range) out.push({ distanceM: race.distanceM, date: race.raceDate, actualS: r.finishS, predicted: before.range });
  }
  return out;
}
