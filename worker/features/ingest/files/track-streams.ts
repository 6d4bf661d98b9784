// Compact per-second streams from a track's cleaned sample columns.
import type { ActivityStreams } from '../../activities/index.ts';

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

/**
 * One sample per whole second of offset (the last point of a second wins); sparser sources keep
 * their own offsets rather than being interpolated. A channel's gaps carry the previous value
 * forward (the first value backward), and a channel with no value at all is left out.
 */
export function trackStreams(tS: number[], cols: Record<Channel, number[]>, maxPoints: number): ActivityStreams | null {
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
    const values = picked.map((i) => cols[ch][i] ?? Number.NaN);
    const first = values.find((v) => !Number.isNaN(v));
    if (first === undefined) continue;
    let last = first;
    out[KEY[ch]] = values.map((v) => {
      if (!Number.isNaN(v)) last = v;
      return Math.round(last * SCALE[ch]);
    });
  }
  return out;
}
