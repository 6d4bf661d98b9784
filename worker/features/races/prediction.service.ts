// A race's predicted finish: the core (predictFinish) fed from analytics under the athlete's `analytics` data use
// (bests, the run model's CS and D′, the last eight weeks' volume) and, for the plan's goal race, the plan's
// race-day form. Computed on every read (the reads are analytics' cached answers, the core is pure); a row is
// stored only when the answer differs from the race's newest one, so each stored row is a prediction the
// athlete saw, dated from when it was first made.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { sha256Hex } from '../../lib/crypto';
import { addDays } from '../../lib/dates';
import type { Athlete, AnalyticsService } from '../analytics';
import { raceDayForm } from './plan-goal';
import { predictFinish } from './predict.calc';
import type { CriticalSpeedInput, Prediction, RaceBest, VolumeInput } from './races.types';
import * as racesRepo from './races.repo';
import type { RacePrediction } from './races.schema';
import type { RacesService } from './races.service';
import { RECENT_DAYS } from './recent-bests.calc';
import { markedPastRaces } from './result/past';

/**
 * Bumped when the core's rules change, so an unchanged answer under new rules is stored again. 2: base σ 0.035 and
 * 40 % of the methods' spread, from the calibration backtest; 3: past races' errors (ADR 096).
 */
export const ENGINE_VERSION = 3;
/** The weeks of running volume the range reads (ADR 096: "the last eight"). */
export const VOLUME_WEEKS = 8;

export type PredictionAnalytics = Pick<AnalyticsService, 'runBestsBetween' | 'models' | 'weeks' | 'today' | 'sourcesFor'>;

export interface PredictionDeps {
  db: Db;
  clock: Clock;
  analytics: PredictionAnalytics;
  races: Pick<RacesService, 'find'>;
}

/** What would make a prediction possible, or narrower, in the athlete's words. */
export function helpFor(p: Prediction): string[] {
  if (p.state === 'unsupported') return [];
  if (p.state === 'notEnoughData')
    return [
      'Race or run hard over 5 km or more: every method starts from a recent best of 1500 m or longer (the last 180 days).',
      'Hard efforts of 2–20 minutes in training add the critical-speed view.',
    ];
  const kinds = new Set(p.widenings.map((w) => w.kind));
  const out: string[] = [];
  if (kinds.has('thinHistory'))
    out.push('A hard effort at another distance (at least 1.5× longer or shorter) lets the Riegel exponent be your own.');
  if (p.methods.some((m) => m.method === 'criticalSpeed' && !m.ran))
    out.push('Hard efforts of 2–20 minutes in training add the critical-speed view.');
  if (kinds.has('extrapolation')) out.push('A best nearer the race distance narrows the range.');
  if (kinds.has('unknownVolume')) out.push('Record your runs: four of the last eight weeks tell the range how much you train.');
  if (kinds.has('oldBests')) out.push('A hard effort in the last 90 days replaces the older bests.');
  return out;
}

/** CS and D′ from the run model. It is fitted on the 90 days ending today: dated today. No fit, none (the core says why). */
export function criticalSpeedOf(model: Awaited<ReturnType<PredictionAnalytics['models']>>, today: string): CriticalSpeedInput | null {
  return 'fit' in model.fit ? { csMps: model.fit.fit.critical, dPrimeM: model.fit.fit.reserve, date: today } : null;
}

/** `ai`: the AI coach's reads (its data policy's sources, never Strava's API copies); `analytics` otherwise. */
export type PredictionUse = 'analytics' | 'ai';

async function inputsOf(analytics: PredictionAnalytics, a: Athlete, today: string, use: PredictionUse) {
  const [rows, model, weeks] = await Promise.all([
    analytics.runBestsBetween(a, use, addDays(today, -RECENT_DAYS), today),
    analytics.models(a, 'run', use),
    analytics.weeks(a, VOLUME_WEEKS, use),
  ]);
  const bests: RaceBest[] = rows.map((r) => ({
    distanceM: r.distanceM,
    timeS: r.timeS,
    date: r.date,
    activityId: r.receipt.activityId,
    name: r.receipt.name,
  }));
  const criticalSpeed = criticalSpeedOf(model, today);
  const withData = weeks.filter((w) => w.total.count > 0);
  const runKm = withData.reduce((s, w) => s + (w.bySport.run?.distanceM ?? 0), 0) / 1000;
  const volume: VolumeInput = {
    kmPerWeek: withData.length ? runKm / withData.length : 0,
    weeksWithData: withData.length,
    ofWeeks: weeks.length,
  };
  return { bests, criticalSpeed, volume };
}

/**
 * A triathlon has no single 80 % range: its legs are planned at a target intensity (the Swim · bike · run tab), and a
 * sum of plans is not a prediction with a calibrated spread (ADR 096, triathlon slice).
 */
export const TRIATHLON_REASON =
  'a triathlon is planned leg by leg: see its Swim · bike · run tab for each leg’s target and the total they add up to';

export function createPredictionService(deps: PredictionDeps) {
  async function answer(a: Athlete, raceId: string, use: PredictionUse) {
    const { race, key, planId } = await deps.races.find(a, raceId);
    const today = deps.analytics.today(a);
    if (race.sport === 'triathlon') return { race, key, prediction: { state: 'unsupported', reason: TRIATHLON_REASON } as Prediction };
    const [inputs, form, past] = await Promise.all([
      inputsOf(deps.analytics, a, today, use),
      planId ? raceDayForm(deps.db, a.id, planId) : Promise.resolve(null),
      deps.analytics.sourcesFor(use).then((allowed) => markedPastRaces(deps.db, a, today, allowed)),
    ]);
    // The athlete's marked results before this race, each against the prediction made before its own day.
    const pastRaces = past.filter((p) => p.date < race.raceDate);
    const prediction = predictFinish({ race: { distanceM: race.distanceM, date: race.raceDate }, today, ...inputs, form, pastRaces });
    return { race, key, prediction };
  }

  return {
    /** The prediction from the AI coach's sources, not stored (the stored ones are what the athlete saw). */
    async forCoach(a: Athlete, raceId: string): Promise<RacePrediction> {
      const { race, prediction } = await answer(a, raceId, 'ai');
      return {
        raceId: race.id,
        madeAt: deps.clock.now().toISOString(),
        engineVersion: ENGINE_VERSION,
        prediction,
        help: helpFor(prediction),
      };
    },

    /** The race's prediction now, stored when it changed; 404 for a race that is not the athlete's. */
    async prediction(a: Athlete, raceId: string): Promise<RacePrediction> {
      const { race, key, prediction } = await answer(a, raceId, 'analytics');
      const answerHash = await sha256Hex(`${ENGINE_VERSION}:${JSON.stringify(prediction)}`);
      const latest = await racesRepo.latestPrediction(deps.db, a.id, key);
      let madeAt = latest?.madeAt;
      if (!latest || latest.answerHash !== answerHash) {
        madeAt = deps.clock.now();
        await racesRepo.insertPrediction(deps.db, a.id, key, {
          madeAt,
          state: prediction.state,
          range: prediction.state === 'predicted' ? prediction.range : null,
          answer: prediction,
          answerHash,
          engineVersion: ENGINE_VERSION,
        });
      }
      return { raceId: race.id, madeAt: madeAt!.toISOString(), engineVersion: ENGINE_VERSION, prediction, help: helpFor(prediction) };
    },
  };
}

export type PredictionService = ReturnType<typeof createPredictionService>;
