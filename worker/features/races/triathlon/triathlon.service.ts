// A triathlon's plan: the pure core (planTriathlon) fed from analytics under the `analytics` data use, so strict
// mode's Strava API rows count for neither the thresholds nor the rides and bricks. Computed on every read (the
// core is pure and the answer is a plan, not a prediction: nothing is stored).
import { addDays } from '../../../lib/dates';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { AnalyticsService, Athlete, DatedThreshold } from '../../analytics';
import type { RacesService } from '../races.service';
import { RECENT_DAYS } from '../recent-bests.calc';
import { planTriathlon } from './triathlon.calc';
import type { TriathlonPlanResponse } from './triathlon.schema';
import type { ThresholdReceipt } from './triathlon.types';

export type TriathlonAnalytics = Pick<AnalyticsService, 'thresholdsOn' | 'sessionsBetween' | 'models' | 'today'>;

export interface TriathlonDeps {
  analytics: TriathlonAnalytics;
  races: Pick<RacesService, 'find'>;
}

const receipt = (t: DatedThreshold | undefined): ThresholdReceipt | null =>
  t ? { value: t.value, source: t.source, effectiveFrom: t.effectiveFrom, activityId: t.activityId, note: t.note } : null;

export function createTriathlonService(deps: TriathlonDeps) {
  return {
    /** The plan of the athlete's triathlon; 404 for another athlete's race or for a run. */
    async plan(a: Athlete, raceId: string, opts: { bikeHours?: number; flat?: boolean } = {}): Promise<TriathlonPlanResponse> {
      const { race } = await deps.races.find(a, raceId);
      if (race.sport !== 'triathlon' || !race.format)
        throw new AppError(ErrorCode.NOT_FOUND, 'This race is a run: the swim · bike · run plan is for triathlons.');
      const today = deps.analytics.today(a);
      // The same 180 days the run prediction reads: recent enough to be today's fitness.
      const from = addDays(today, -RECENT_DAYS);
      const [thresholds, sessions, model] = await Promise.all([
        deps.analytics.thresholdsOn(a, today, 'analytics'),
        deps.analytics.sessionsBetween(a, from, today, 'analytics'),
        deps.analytics.models(a, 'run', 'analytics'),
      ]);
      const plan = planTriathlon({
        format: race.format,
        today,
        css: receipt(thresholds.css),
        ftp: receipt(thresholds.ftp),
        runThreshold: receipt(thresholds.threshold_pace),
        runDPrimeM: 'fit' in model.fit ? model.fit.fit.reserve : null,
        sessions,
        bikeHours: opts.bikeHours ?? null,
        flatCourse: opts.flat ?? false,
      });
      return { raceId: race.id, format: race.format, plan, window: { from, to: today } };
    },
  };
}

export type TriathlonService = ReturnType<typeof createTriathlonService>;
