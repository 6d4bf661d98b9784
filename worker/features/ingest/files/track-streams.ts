// Compact per-second streams from a track's cleaned sample columns.
import { deltaEncode } from '../../../lib/delta-code.ts';
import { type ActivityStreams, POSITION_SCALE } from '../../activities/index.ts';

type Channel = 'hr' | 'speed' | 'power' | 'alt' | 'cad';
const CHANNELS: Channel[] = ['hr', 'speed', 'power', 'alt', 'cad'];
const SCALE: Record<Channel, number> = { hr: 1, speed: 100, power: 1, alt: 10, cad: 1 };
const KEY: Record<Channel, 'hr' | 'speedCms' | 'power' | 'altitudeDm' | 'cadence'> = {
  hr: 'hr',
  speed: 'speedCms',
  power: 'power',
  alt: 'altitudeDm',
  cad: 'cadence',
};

/** The track's distance and accepted positions (NaN where a point has none), beside the sample channels. */
export interface TrackPath {
  /** Metres covered by each point; empty when the track has neither positions nor a device distance. */
  cumM: number[];
  lat: number[];
  lon: number[];
}

/**
 * One sample per whole second of offset (the last point of a second wins); sparser sources keep
 * their own offsets rather than being interpolated. A channel's gaps carry the previous value
 * forward (the first value backward), and a channel with no value at all is left out. Distance and
 * position are stored delta-coded (ActivityStreams).
 */
export function trackStreams(tS: number[], cols: Record<Channel, number[]>, path: TrackPath, maxPoints: number): ActivityStreams | null {
  const keep: number[] = [];
  for (let i = 0; i < tS.length; i++) {
    const sec = Math.round(tS[i]!);
    if (keep.length && Math.round(tS[keep[keep.length - 1]!]!) === sec) keep[keep.length - 1] = i;
    else keep.push(i);
  }
  const stride = Math.max(1, Math.ceil(keep.length / Math.max(1, maxPoints)));
  const picked = stride === 1 ? keep : keep.filter((_, k) => k % stride === 0);
  const out: ActivityStreams = { t: picked.map((i) => Math.round(tS[i]!)) };
  for (const ch of CHANNELS) {
    const values = filled(picked.map((i) => cols[ch][i] ?? Number.NaN));
    if (values) out[KEY[ch]] = values.map((v) => Math.round(v * SCALE[ch]));
  }
  if (path.cumM.length) out.distanceDmDelta = deltaEncode(picked.map((i) => Math.round(path.cumM[i]! * 10)));
  const lat = filled(picked.map((i) => path.lat[i] ?? Number.NaN));
  const lon = filled(picked.map((i) => path.lon[i] ?? Number.NaN));
  if (lat && lon) {
    out.latE6Delta = deltaEncode(lat.map((v) => Math.round(v * POSITION_SCALE)));
    out.lngE6Delta = deltaEncode(lon.map((v) => Math.round(v * POSITION_SCALE)));
  }
  return out;
}

/** Gaps carry the previous value forward (the first value backward); null when there is no value at all. */
function filled(values: number[]): number[] | null {
  const first = values.find((v) => !Number.isNaN(v));
  if (first === undefined) return null;
  let last = first;
  return values.map((v) => {
    if (!Number.isNaN(v)) last = v;
    return last;
  });
}
