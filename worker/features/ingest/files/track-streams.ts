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
 * forward (the first value backward), and a channel with no value at all is left out; where a heart-rate strap
 * or power meter went silent, `missing` says so (lostSpans). Distance and position are stored delta-coded
 * (ActivityStreams).
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
  // The held values above are for drawing; the sensors' real silences are kept so no figure counts them.
  for (const ch of ['hr', 'power'] as const) {
    const spans = out[ch] ? lostSpans(tS, cols[ch]) : [];
    if (spans.length) out.missing = { ...out.missing, [ch]: spans };
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

/** Median positive interval between points (s), the recording interval smart recording varies around. */
function medianIntervalS(tS: number[]): number | null {
  const dts: number[] = [];
  for (let i = 1; i < tS.length; i++) if (tS[i]! > tS[i - 1]!) dts.push(tS[i]! - tS[i - 1]!);
  if (!dts.length) return null;
  dts.sort((a, b) => a - b);
  return dts[dts.length >> 1]!;
}

/**
 * Where a channel went silent while points kept coming: half-open spans [from, to) of whole seconds. A silence counts
 * when the channel's readings either side of it (or the recording's first or last point) are further apart than
 * a pause is: 10 s, or 4× the median point interval for sparser files — the analytics grid's pause rule
 * (analytics calc/stream-grid.calc.ts), so smart recording's 1–8 s spacing and a dropped sample or two are not
 * losses. Inside such a silence an interval that is itself a pause stays a pause (the grid's rule for a stop); its
 * seconds are not listed, only the points and the running intervals without a reading.
 */
export function lostSpans(tS: number[], values: number[]): [number, number][] {
  const n = Math.min(tS.length, values.length);
  const median = medianIntervalS(tS);
  const gap = median === null ? 10 : Math.max(10, 4 * median);
  const read = (i: number) => Number.isFinite(values[i]);
  const spans: [number, number][] = [];
  const mark = (from: number, to: number) => {
    if (to <= from) return;
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
  };
  let prev = -1; // the last point with a reading
  for (let j = 0; j <= n; j++) {
    if (j < n && !read(j)) continue;
    // Points prev+1 .. j-1 have no reading; j is the next one with a reading (n: none after).
    const lo = Math.max(prev, 0);
    const hi = j < n ? j : n - 1;
    if (j - prev > 1 && tS[hi]! - tS[lo]! > gap) {
      for (let k = lo; k < hi; k++) {
        const a = Math.round(tS[k]!);
        const b = Math.round(tS[k + 1]!);
        const fromS = read(k) ? a + 1 : a;
        // A running interval is silent all through; a pause's inside is the grid's to fill, only its ends count here.
        if (b - a <= gap) mark(fromS, read(k + 1) ? b : b + 1);
        else {
          if (!read(k)) mark(a, a + 1);
          if (!read(k + 1)) mark(b, b + 1);
        }
      }
    }
    prev = j;
  }
  return spans;
}
