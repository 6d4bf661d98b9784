// The Analysis page's choices (kind × sport × range × comparison), as the address carries them, and how its
// durations and receipts are written. Shared by the loader and the page, so both read the address alike.

import type { curvesViews } from '../../../worker/features/analytics';

export type CurveView = Awaited<ReturnType<(typeof curvesViews)['curve']>>;
export type CurvePointView = CurveView['curve']['points'][number];
export type ModelsView = Awaited<ReturnType<(typeof curvesViews)['models']>>;

export const CURVE_KINDS = [
  { value: 'power', label: 'Power' },
  { value: 'pace', label: 'Pace' },
  { value: 'hr', label: 'Heart rate', short: 'HR' },
] as const;
export type CurveKindParam = (typeof CURVE_KINDS)[number]['value'];

/** Power is measured on the bike; pace on foot and in the water; heart rate anywhere. */
export const SPORTS_FOR: Record<CurveKindParam, readonly ('ride' | 'run' | 'swim')[]> = {
  power: ['ride'],
  pace: ['run', 'swim'],
  hr: ['ride', 'run', 'swim'],
};
export const SPORT_LABELS = { ride: 'Ride', run: 'Run', swim: 'Swim' } as const;

export const CURVE_RANGE_OPTIONS = [
  { value: '42d', label: '42 days', short: '42 d' },
  { value: '90d', label: '90 days', short: '90 d' },
  { value: 'season', label: 'This season', short: 'Season' },
  { value: 'year', label: '1 year', short: '1 y' },
  { value: 'all', label: 'All time', short: 'All' },
  { value: 'custom', label: 'Custom' },
] as const;
export type CurveRangeParam = (typeof CURVE_RANGE_OPTIONS)[number]['value'];

export const COMPARE_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'previous', label: 'Previous range', short: 'Previous' },
  { value: 'last-season', label: 'Last season' },
  { value: 'custom', label: 'Custom' },
] as const;
export type CompareParam = (typeof COMPARE_OPTIONS)[number]['value'];

/** Every choice the page makes, as the address carries it (dates empty when not given). */
export interface AnalysisParams {
  kind: CurveKindParam;
  sport: 'ride' | 'run' | 'swim';
  range: CurveRangeParam;
  from: string;
  to: string;
  compare: CompareParam;
  compareFrom: string;
  compareTo: string;
}

/** The durations the table lists (an intervals.icu / WKO reader's usual marks); 2 h only when there is one. */
export const KEY_DURATIONS = [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200] as const;

/** "5 s", "1 min", "1 h 30 min": a curve's duration as the axis and the table write it. */
export function durationLabel(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The activity at the moment a point's best window starts, for as long as it lasts. */
export const pointHref = (p: { activityId: string; startS: number; durationS: number }) =>
  `/activities/${p.activityId}?at=${p.startS}&for=${p.durationS}`;

const mmss = (s: number) => {
  const t = Math.round(s);
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
};

/**
 * What a curve plots for a point: watts, bpm, or for speed curves the pace (seconds per km or mi, per 100 m
 * in the water), which an endurance athlete reads rather than m/s.
 */
export const plotted = (p: { value: number; pace: number | null }) => p.pace ?? p.value;

/** A plotted value as the athlete reads it: "312 W", "172 bpm", "4:12 /km", "1:45 /100 m". */
export function curveValue(kind: CurveView['kind'], paceUnit: string | null, y: number): string {
  if (kind === 'power') return `${Math.round(y)} W`;
  if (kind === 'hr') return `${Math.round(y)} bpm`;
  return `${mmss(y)}\u00a0${paceUnit === '/100m' ? '/100 m' : (paceUnit ?? '')}`;
}

/** The axis' shorter form: "312", "4:12". */
export const curveTick = (kind: CurveView['kind'], y: number) => (kind === 'speed' ? mmss(y) : String(Math.round(y)));

/** The model's prediction at `t` seconds, in what the chart plots: CP + W′/t, or the pace of CS + D′/t. */
export function modelAt(fit: NonNullable<ModelsView['fit']>, t: number, metresPerUnit: number | null): number {
  const v = fit.critical + fit.reserve / t;
  return metresPerUnit ? metresPerUnit / v : v;
}
