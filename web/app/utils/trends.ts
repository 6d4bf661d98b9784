// What the trends page shows: the views' types, its choices (search params, so they work without
// JavaScript) and the zone colours the activity page's zones use.
import type { trendsViews } from '../../../worker/features/analytics';

export type ZoneTrendsView = Awaited<ReturnType<(typeof trendsViews)['zones']>>;
export type ZoneWeekView = ZoneTrendsView['weeks'][number];
export type EfficiencyTrendsView = Awaited<ReturnType<(typeof trendsViews)['efficiency']>>;
export type EfficiencyMonthView = EfficiencyTrendsView['months'][number];

export const ZONE_BASES = [
  { value: 'hr', label: 'Heart rate', short: 'HR' },
  { value: 'power', label: 'Power' },
  { value: 'pace', label: 'Pace' },
] as const;
export type ZoneBasis = (typeof ZONE_BASES)[number]['value'];
export const ZONE_SPORTS = [
  { value: 'all', label: 'All sports', short: 'All' },
  { value: 'ride', label: 'Rides' },
  { value: 'run', label: 'Runs' },
] as const;
export type ZoneSport = (typeof ZONE_SPORTS)[number]['value'];
export const TREND_WEEKS = [
  { value: '12', label: '12 weeks', short: '12w' },
  { value: '26', label: '26 weeks', short: '26w' },
  { value: '52', label: '52 weeks', short: '52w' },
] as const;
export const EFFICIENCY_SPORTS = [
  { value: 'run', label: 'Runs' },
  { value: 'ride', label: 'Rides' },
] as const;
export const TREND_MONTHS = [
  { value: '12', label: '12 months', short: '12m' },
  { value: '24', label: '24 months', short: '24m' },
] as const;

/** Zone 1…7, the same colours as the activity page's zone bars (styles/analytics/streams.css). */
export const ZONE_COLORS = ['#93c5fd', '#34d399', '#facc15', '#fb923c', '#ef4444', '#b91c1c', '#7f1d1d'];

/** Why a week has no zone seconds, in words. */
export const WEEK_STATE_WORDS: Record<ZoneWeekView['state'], string> = {
  ok: '',
  no_activities: 'No activities',
  no_stream: 'No recordings with this channel',
  no_threshold: 'No threshold for these zones',
  pending: 'Being analysed',
};

/** "1:05" (hours:minutes) for a zone's seconds in a week. */
export function hm(seconds: number): string {
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
