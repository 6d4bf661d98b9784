// What the activity page draws: the channels of a range on one shared set of samples, downsampled with
// LTTB per channel (their union, so each chart keeps its peaks and one cursor serves them all), with the
// time and distance of each drawn sample and, where recorded, its position for the route.

import { type ActivityTrack, CHANNELS, type Channel, indexAt } from './activity-track.calc';
import { lttbUnion } from './lttb.calc';

/** Points each channel keeps: about one per pixel of a wide chart. */
export const DRAW_POINTS_PER_CHANNEL = 500;

export interface DrawnSeries {
  /** Seconds since the start. */
  t: number[];
  /** Metres covered. */
  d: number[];
  /** Per channel, values in m/s, bpm, W, rpm or spm, m; only channels the activity has. */
  values: Partial<Record<Channel, number[]>>;
  /** Degrees (5 decimals, about a metre); null without a position stream. */
  lat: number[] | null;
  lng: number[] | null;
}

const DECIMALS: Record<Channel, number> = { speed: 2, gap: 2, hr: 0, power: 0, cadence: 0, altitude: 1 };
const rounder = (digits: number) => {
  const k = 10 ** digits;
  return (v: number) => Math.round(v * k) / k;
};

/** The channels the track has, in the page's order. */
export const channelsOf = (track: ActivityTrack): Channel[] => CHANNELS.filter((c) => track.values[c]);

/** The drawn samples of seconds `from`…`to` (the whole activity by default). */
export function drawSeries(
  track: ActivityTrack,
  from = 0,
  to = Number.POSITIVE_INFINITY,
  perChannel = DRAW_POINTS_PER_CHANNEL,
): DrawnSeries {
  const i0 = indexAt(track.t, from);
  const i1 = Math.max(i0, indexAt(track.t, to + 1e-9));
  const channels = channelsOf(track);
  const picks = lttbUnion(
    track.t,
    channels.map((c) => track.values[c]!),
    perChannel,
    i0,
    i1,
  );
  const take = (xs: Float64Array, f: (v: number) => number) => picks.map((i) => f(xs[i]!));
  const values: DrawnSeries['values'] = {};
  for (const c of channels) values[c] = take(track.values[c]!, rounder(DECIMALS[c]));
  const deg = rounder(5);
  return {
    t: take(track.t, rounder(1)),
    d: take(track.distanceM, Math.round),
    values,
    lat: track.lat ? take(track.lat, deg) : null,
    lng: track.lng ? take(track.lng, deg) : null,
  };
}
