// The athlete's thresholds as the exports convert with them: a format that keeps absolute values (FIT
// watts and speeds, .erg watts) or fractions (FIT % FTP, .zwo, .mrc) gets the other from these.
// Values are the ones in effect on the workout's day: the latest manual value from before it, else the
// current estimate (analytics' rule, ADR 007).
import type { Thresholds } from '../../workouts';

/** ftp W; threshold_pace and css as speed m/s; lthr bpm (analytics' units). */
export interface ThresholdRowLike {
  kind: string;
  value: number;
  effectiveFrom: string;
  source: 'manual' | 'estimated';
}

export interface ExportThresholds {
  ftpW?: number | null;
  lthrBpm?: number | null;
  /** Run threshold speed, m/s. */
  thresholdSpeedMps?: number | null;
  /** Swim critical speed, m/s. */
  cssSpeedMps?: number | null;
}

export function thresholdsOn(rows: ThresholdRowLike[], day: string): ExportThresholds {
  const value = (kind: string): number | null => {
    const manual = rows
      .filter((r) => r.kind === kind && r.source === 'manual' && r.effectiveFrom <= day)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .at(-1);
    const v = manual?.value ?? rows.find((r) => r.kind === kind && r.source === 'estimated')?.value;
    return v && v > 0 ? v : null;
  };
  return { ftpW: value('ftp'), lthrBpm: value('lthr'), thresholdSpeedMps: value('threshold_pace'), cssSpeedMps: value('css') };
}

/** The same, in the workouts feature's words (totals). */
export const workoutThresholds = (t: ExportThresholds): Thresholds => ({
  ftpW: t.ftpW ?? null,
  lthrBpm: t.lthrBpm ?? null,
  thresholdPaceSecPerKm: t.thresholdSpeedMps ? 1000 / t.thresholdSpeedMps : null,
  cssSecPer100m: t.cssSpeedMps ? 100 / t.cssSpeedMps : null,
});
