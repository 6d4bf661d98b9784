// The athlete's thresholds as the exports convert with them: a format that keeps absolute values (FIT
// watts and speeds, .erg watts) or fractions (FIT % FTP, .zwo, .mrc) gets the other from these. They are the
// ones in effect on the workout's day by analytics' one rule (thresholdsInEffect: a lapsed estimate is none).
import type { WorkoutThresholds } from '../../analytics';
import type { Thresholds } from '../../workouts';

export interface ExportThresholds {
  ftpW?: number | null;
  lthrBpm?: number | null;
  /** Run threshold speed, m/s. */
  thresholdSpeedMps?: number | null;
  /** Swim critical speed, m/s. */
  cssSpeedMps?: number | null;
}

/** Analytics' thresholds in effect (paces in s/km and s/100 m) as the exports' speeds. */
export const exportThresholds = (t: WorkoutThresholds): ExportThresholds => ({
  ftpW: t.ftpW,
  lthrBpm: t.lthrBpm,
  thresholdSpeedMps: t.thresholdPaceSecPerKm ? 1000 / t.thresholdPaceSecPerKm : null,
  cssSpeedMps: t.cssSecPer100m ? 100 / t.cssSecPer100m : null,
});

/** The same, in the workouts feature's words (totals). */
export const workoutThresholds = (t: ExportThresholds): Thresholds => ({
  ftpW: t.ftpW ?? null,
  lthrBpm: t.lthrBpm ?? null,
  thresholdPaceSecPerKm: t.thresholdSpeedMps ? 1000 / t.thresholdSpeedMps : null,
  cssSecPer100m: t.cssSpeedMps ? 100 / t.cssSpeedMps : null,
});
