// A race's result: the athlete marks which of their activities was the race (and the fuel they logged); the
// comparison reads the activity's streams through analytics (under the `analytics` use) against the plan the
// prediction made before the race day implied. Nothing is inferred: no mark, no result.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { addDays } from '../../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { AnalyticsService, Athlete } from '../../analytics';
import type { RacesService } from '../races.service';
import { beforeRaceDay, pastRaceList } from './past';
import { type RaceResultAnswer as Comparison, raceResult, type RecordedTrack } from './result.calc';
import * as repo from './result.repo';
import type { MarkResultInput, RaceResultAnswer } from './result.schema';
import { formatDay } from '../../../lib/format';

/** The API's answer with the comparison typed as the core returns it (the page reads its parts). */
export type RaceResultView = Omit<RaceResultAnswer, 'comparison'> & { comparison: Comparison | null };

export type ResultAnalytics = Pick<AnalyticsService, 'activityStreams' | 'today'>;

export interface ResultDeps {
  db: Db;
  clock: Clock;
  analytics: ResultAnalytics;
  races: Pick<RacesService, 'find'>;
}

/** A suggestion is a run within a day of the race (a late-night start, a date set in another zone) … */
export const SUGGEST_DAYS = 1;
/** … within 5 % of its distance: GPS over a road race is commonly 1–3 % long; 5 % leaves room, not another race. */
export const SUGGEST_DISTANCE_TOLERANCE = 0.05;

/** The analytics chart series the track is read from keeps about this many points a channel (DRAW_POINTS_PER_CHANNEL). */
const DRAWN_POINTS = 500;

const notYet = (raceDate: string) =>
  new AppError(ErrorCode.CONFLICT, `The race is on ${formatDay(raceDate)}: its result can be marked from the race day on.`);

export function createRaceResultService(deps: ResultDeps) {
  /** The recorded track of the activity, or null (no streams, or its source's terms keep it from analytics). */
  async function trackOf(a: Athlete, activityId: string): Promise<RecordedTrack | null> {
    const s = await deps.analytics.activityStreams(a, activityId, 'analytics');
    if (!s?.series || s.distance === 'none') return null;
    return { t: s.series.t, d: s.series.d, hr: s.series.values.hr ?? null, altitude: s.series.values.altitude ?? null };
  }

  return {
    /** The result tab's answer: before the race, when it opens; after, the suggestions, the mark and the comparison. */
    async view(a: Athlete, raceId: string): Promise<RaceResultView> {
      const { race, key } = await deps.races.find(a, raceId);
      const today = deps.analytics.today(a);
      const base = { raceId: race.id, opensOn: race.raceDate };
      if (race.raceDate > today)
        return { ...base, state: 'upcoming', suggestions: [], predictionBefore: null, result: null, comparison: null };
      const D = race.distanceM;
      const [before, result, suggestions] = await Promise.all([
        beforeRaceDay(deps.db, a, key, race.raceDate),
        repo.resultOf(deps.db, a.id, key),
        repo.runsBetween(
          deps.db,
          a.id,
          addDays(race.raceDate, -SUGGEST_DAYS),
          addDays(race.raceDate, SUGGEST_DAYS),
          D * (1 - SUGGEST_DISTANCE_TOLERANCE),
          D * (1 + SUGGEST_DISTANCE_TOLERANCE),
        ),
      ]);
      const predictionBefore = before ? { madeAt: before.madeAt, range: before.range } : null;
      if (!result) return { ...base, state: 'unmarked', suggestions, predictionBefore, result: null, comparison: null };
      const comparison = raceResult({
        raceDistanceM: D,
        unit: a.units === 'mi' ? 'mile' : 'km',
        finishS: result.finishS,
        track: await trackOf(a, result.activityId),
        predicted: before?.range ? { ...before.range, madeAt: before.madeAt } : null,
        fuel: { carbsG: result.carbsG, fluidL: result.fluidL },
        today,
      });
      if (comparison.splits.ok)
        comparison.splits.notes.push(
          `Run times are read from the recording's chart series (up to ${DRAWN_POINTS} points a channel) and interpolated at each boundary: a split can be a few seconds off your watch's own.`,
        );
      if (before && !before.range && !comparison.error.ok)
        comparison.error = {
          ok: false,
          reason: `The last prediction before the race day (${formatDay(before.madeAt.slice(0, 10))}) had no range: not enough data then.`,
        };
      return {
        ...base,
        state: 'marked',
        suggestions,
        predictionBefore,
        result: { ...result, markedAt: result.markedAt.toISOString() },
        comparison,
      };
    },

    /** Marks (or re-marks) the race's result; 404 for another athlete's race or activity, 409 before the race day. */
    async mark(a: Athlete, raceId: string, input: MarkResultInput): Promise<RaceResultView> {
      const { race, key } = await deps.races.find(a, raceId);
      if (race.raceDate > deps.analytics.today(a)) throw notYet(race.raceDate);
      if (!(await repo.activityOf(deps.db, a.id, input.activityId))) throw notFound('Activity');
      const v = { activityId: input.activityId, carbsG: input.carbsG ?? null, fluidL: input.fluidL ?? null, note: input.note || null };
      await repo.putResult(deps.db, a.id, key, v, deps.clock.now());
      return this.view(a, raceId);
    },

    /** Takes the mark off; 404 when the race is not the athlete's or has no result. */
    async unmark(a: Athlete, raceId: string): Promise<void> {
      const { key } = await deps.races.find(a, raceId);
      if (!(await repo.removeResult(deps.db, a.id, key))) throw notFound('Race result');
    },

    /** Past races, newest first, each with its result and the prediction made before it (the /races page). */
    past: (a: Athlete) => pastRaceList(deps.db, a, deps.analytics.today(a)),
  };
}

export type RaceResultService = ReturnType<typeof createRaceResultService>;
