// What the training pages show: the views' types, the ranges and toggles, colours and labels. The views
// (worker/features/analytics/analytics.views.ts) already speak the athlete's units; how each number is
// written is in analytics-format.ts, and the insight rules' numbers in insight-values.ts.

import type { analyticsViews } from '../../../worker/features/analytics';

type View<K extends keyof typeof analyticsViews> = NonNullable<Awaited<ReturnType<(typeof analyticsViews)[K]>>>;
export type FitnessView = View<'fitness'>;
export type FitnessDayView = FitnessView['days'][number];
export type WeeklyVolumeView = View<'weeklyVolume'>;
export type SportDistributionView = View<'sportDistribution'>;
export type HeatmapView = View<'heatmap'>;
export type PersonalBestsView = View<'personalBests'>;
export type AgeGradesView = View<'ageGrades'>;
export type EfficiencyView = View<'efficiency'>;
export type InsightsView = View<'insights'>;
export type InsightView = InsightsView['insights'][number];
export type ActivityAnalysisView = View<'activity'>;
export type ThresholdsView = View<'thresholds'>;
export type ReceiptView = FitnessDayView['activities'][number];
export type Units = 'km' | 'mi';

// ---------- Ranges and toggles (search params, so they work without JavaScript) ----------

export const PMC_RANGES = [
  { value: '42', days: 42, label: '42 days', short: '42d' },
  { value: '90', days: 90, label: '90 days', short: '90d' },
  { value: '180', days: 180, label: '180 days', short: '180d' },
  { value: '1y', days: 365, label: '1 year', short: '1y' },
] as const;
export type PmcRange = (typeof PMC_RANGES)[number]['value'];
export const DEFAULT_PMC_RANGE: PmcRange = '90';

export const VOLUME_METRICS = [
  { value: 'time', label: 'Time' },
  { value: 'distance', label: 'Distance' },
  { value: 'load', label: 'Load' },
] as const;
export type VolumeMetric = (typeof VOLUME_METRICS)[number]['value'];
export const DEFAULT_VOLUME_METRIC: VolumeMetric = 'time';

/** Line and area colours of the fitness chart (its legend is drawn on the server with the same). */
export const PMC_COLORS = { ctl: '#0f766e', atl: '#be185d', tsb: '#64748b', tsbFill: '#cbd5e1' } as const;

// ---------- Words ----------

// The one table of sport labels lives with the sports themselves (the feature's browser-safe surface).
export { sportLabel } from '../../../worker/features/activities/browser';

/** One colour per sport, used by every chart so a sport looks the same everywhere (each is ≥ 3:1 on white). */
export const SPORT_COLORS: Record<string, string> = {
  run: '#0f766e',
  ride: '#1d4ed8',
  swim: '#7c3aed',
  walk: '#a16207',
  hike: '#4d7c0f',
  strength: '#be185d',
  other: '#475569',
};
export const SPORT_ORDER = ['run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'];
export const sportColor = (sport: string) => SPORT_COLORS[sport] ?? SPORT_COLORS.other!;

export const FORM_LABELS: Record<string, string> = {
  fresh: 'Fresh',
  neutral: 'Neutral',
  productive: 'Productive',
  overreaching: 'Overreaching',
};
/** What stands in for a form label until the history supports one (the API's `establishing`, ADR 044). */
export const establishingText = (daysMore: number) => `Fitness is being established — ${daysMore} more ${daysMore === 1 ? 'day' : 'days'}`;

export const RAMP_LABELS: Record<string, string> = {
  detraining: 'Detraining',
  maintaining: 'Maintaining',
  building: 'Building',
  high: 'High',
  very_high: 'Very high',
};

export const CONFIDENCE_LABELS: Record<string, string> = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' };

export const THRESHOLD_LABELS: Record<string, string> = {
  ftp: 'FTP',
  threshold_pace: 'Threshold pace',
  css: 'Critical swim speed',
  lthr: 'Threshold heart rate',
  max_hr: 'Maximum heart rate',
  resting_hr: 'Resting heart rate',
};
export const THRESHOLD_ORDER = ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr'] as const;

/** Without an LTHR, threshold HR is this share of max HR (the worker's LTHR_OF_MAX; a test holds them equal). */
export const THRESHOLD_HR_OF_MAX = 0.89;
/** "threshold HR 168 bpm (89 % of max HR 189 bpm)": the one heart-rate zone model's threshold, named (issue 55). */
export function hrZonesFrom(kind: string, value: number): string {
  if (kind !== 'max_hr') return `threshold HR ${Math.round(value)} bpm`;
  return `threshold HR ${Math.round(value * THRESHOLD_HR_OF_MAX)} bpm (${Math.round(THRESHOLD_HR_OF_MAX * 100)} % of max HR ${Math.round(value)} bpm)`;
}

export const METHOD_NAMES: Record<string, string> = {
  power_tss: 'Power TSS',
  rtss: 'Run TSS (pace)',
  hr_tss: 'Heart-rate TSS',
  swim_tss: 'Swim TSS',
  duration_estimate: 'Estimated from duration',
};
