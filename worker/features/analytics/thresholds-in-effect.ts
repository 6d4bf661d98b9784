// The athlete's thresholds in effect on a day, in the units a structured workout's totals read
// (workouts' Thresholds): what a planned workout's time and load are worked out with (ADR 055).
import type { Executor } from '../../db/executor';
import type { ActivitySource } from '../activities';
import { thresholdHr } from './calc/load.calc';
import { thresholdTimeline } from './calc/thresholds.calc';
import { thresholds } from './thresholds.repo';

export interface WorkoutThresholds {
  ftpW: number | null;
  thresholdPaceSecPerKm: number | null;
  cssSecPer100m: number | null;
  lthrBpm: number | null;
}

/**
 * Stored speeds are m/s; a workout's paces are seconds per km (run) and per 100 m (swim). `sources`: a reader other
 * than the owner (a coach), who reads the athlete's own values and the estimates of activities those sources allow.
 */
export async function thresholdsInEffect(
  db: Executor,
  userId: string,
  day: string,
  sources?: readonly ActivitySource[],
): Promise<WorkoutThresholds> {
  const t = thresholdTimeline(await thresholds(db, userId, sources)).at(day);
  return {
    ftpW: t.ftp ?? null,
    thresholdPaceSecPerKm: t.threshold_pace ? 1000 / t.threshold_pace : null,
    cssSecPer100m: t.css ? 100 / t.css : null,
    lthrBpm: thresholdHr(t),
  };
}
