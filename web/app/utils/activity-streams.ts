// How the activity page reads its streams: each channel's name, unit and text in the athlete's units
// (pace for foot sports, speed for rides, per 100 m for swims), and the drawn samples as chart rows.
// Pure, so the server's HTML and the hydrated page agree.

import type { AnalyticsService } from '../../../worker/features/analytics';
import type { Units } from './analytics';
import { elevation, fixed, METRES_PER, pace, raceTime } from './analytics-format';

export type StreamsView = NonNullable<Awaited<ReturnType<AnalyticsService['activityStreams']>>>;
export type RangeView = NonNullable<Awaited<ReturnType<AnalyticsService['activityStreamsRange']>>>;
export type Figures = NonNullable<StreamsView['figures']>;
export type Series = NonNullable<StreamsView['series']>;
export type Channel = StreamsView['channels'][number];
export type Axis = 'time' | 'distance';

/** Below this a second is standing still: no pace to draw. */
const MOVING_MPS = 0.5;

export type SpeedStyle = 'pace' | 'speed' | 'swim';
export const speedStyleOf = (sport: string): SpeedStyle =>
  sport === 'run' || sport === 'walk' || sport === 'hike' ? 'pace' : sport === 'swim' ? 'swim' : 'speed';

/** Seconds per km / mi (or per 100 m for swims) at a speed; null when standing. */
export function paceSeconds(mps: number | null | undefined, style: SpeedStyle, units: Units): number | null {
  if (!mps || mps < MOVING_MPS) return null;
  return (style === 'swim' ? 100 : METRES_PER[units]) / mps;
}

/** "5:12 /km", "1:48 /100 m" or "31.2 km/h". */
export function speedText(mps: number | null | undefined, style: SpeedStyle, units: Units): string {
  if (style === 'speed') return mps == null ? '—' : `${fixed((mps * 3600) / METRES_PER[units], 1)} ${units === 'mi' ? 'mph' : 'km/h'}`;
  const s = paceSeconds(mps, style, units);
  if (s === null) return '—';
  return style === 'swim' ? `${raceTime(s)}\u00a0/100\u00a0m` : (pace(s, units) ?? '—');
}

/** Altitude in the athlete's units: metres, or feet for mile users. */
export const altitudeIn = (m: number, units: Units) => (units === 'mi' ? m * 3.28084 : m);

export interface ChannelMeta {
  label: string;
  unit: string;
  color: string;
}

export function channelMeta(channel: Channel, sport: string, units: Units): ChannelMeta {
  const style = speedStyleOf(sport);
  const foot = style === 'pace';
  switch (channel) {
    case 'speed':
      return style === 'speed'
        ? { label: 'Speed', unit: units === 'mi' ? 'mph' : 'km/h', color: '#2563eb' }
        : { label: 'Pace', unit: style === 'swim' ? '/100 m' : `/${units}`, color: '#2563eb' };
    case 'gap':
      return { label: 'Grade-adjusted pace', unit: `/${units}`, color: '#7c3aed' };
    case 'hr':
      return { label: 'Heart rate', unit: 'bpm', color: '#dc2626' };
    case 'power':
      return { label: 'Power', unit: 'W', color: '#b45309' };
    case 'cadence':
      return { label: 'Cadence', unit: foot ? 'spm' : 'rpm', color: '#0f766e' };
    case 'altitude':
      return { label: 'Elevation', unit: units === 'mi' ? 'ft' : 'm', color: '#64748b' };
  }
}

/** A channel's value as text, e.g. "152 bpm", "5:12 /km", "312 ft". */
export function valueText(channel: Channel, v: number | null | undefined, sport: string, units: Units): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const style = speedStyleOf(sport);
  if (channel === 'speed') return speedText(v, style, units);
  if (channel === 'gap') return speedText(v, 'pace', units);
  if (channel === 'altitude') return elevation(v, units);
  return `${Math.round(v)} ${channelMeta(channel, sport, units).unit}`;
}

/** "1:02:03" / "12:04" elapsed since the start. */
export const clock = (seconds: number) => raceTime(seconds);

/** "3.20 km" covered. */
export const covered = (metres: number, units: Units) => `${fixed(metres / METRES_PER[units], 2)} ${units}`;

/** One chart row per drawn sample: its time, distance and each channel in the unit the chart plots. */
export interface Row {
  i: number;
  t: number;
  d: number;
  /** Pace charts plot seconds per unit (null when standing); speed charts km/h or mph. */
  speed?: number | null;
  gap?: number | null;
  hr?: number;
  power?: number;
  cadence?: number;
  altitude?: number;
}

export function rowsOf(series: Series, sport: string, units: Units): Row[] {
  const style = speedStyleOf(sport);
  const v = series.values;
  return series.t.map((t, i) => {
    const row: Row = { i, t, d: series.d[i]! };
    if (v.speed) row.speed = style === 'speed' ? (v.speed[i]! * 3600) / METRES_PER[units] : paceSeconds(v.speed[i], style, units);
    if (v.gap) row.gap = paceSeconds(v.gap[i], 'pace', units);
    if (v.hr) row.hr = v.hr[i];
    if (v.power) row.power = v.power[i];
    if (v.cadence) row.cadence = v.cadence[i];
    if (v.altitude) row.altitude = altitudeIn(v.altitude[i]!, units);
    return row;
  });
}

/** The charts stacked on the page: GAP shares the pace chart. */
export const chartsOf = (channels: Channel[]): Channel[] => channels.filter((c) => c !== 'gap');
