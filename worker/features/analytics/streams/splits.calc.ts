// Automatic splits: one per kilometre or mile of the athlete's units, cut where the distance stream
// reaches each boundary (interpolated between samples), each with the figures of its stretch.

import { METRES_PER_UNIT, type DistanceUnits } from '../../../lib/format';
import { type ActivityTrack, timeAtDistance } from './activity-track.calc';
import { type RangeFigures, rangeFigures } from './range-figures.calc';

// A last stretch shorter than this is GPS settling at the finish, not a split.
const MIN_LAST_SPLIT_M = 10;

export interface Split {
  /** 1-based. */
  index: number;
  /** Metres in the split: a whole unit, except perhaps the last. */
  distanceM: number;
  figures: RangeFigures;
}

/** Splits per km or mile from the distance stream; empty when the activity covered less than 10 m. */
export function splitsOf(track: ActivityTrack, units: DistanceUnits): Split[] {
  const unit = METRES_PER_UNIT[units];
  const start = track.distanceM[0]!;
  const total = track.distanceM[track.n - 1]! - start;
  const out: Split[] = [];
  let fromS = track.t[0]!;
  for (let k = 1; (k - 1) * unit < total; k++) {
    const reach = Math.min(k * unit, total);
    const metres = reach - (k - 1) * unit;
    if (metres < MIN_LAST_SPLIT_M && k > 1) break;
    const toS = reach >= total ? track.t[track.n - 1]! : (timeAtDistance(track, start + reach) ?? track.t[track.n - 1]!);
    out.push({ index: k, distanceM: Math.round(metres * 10) / 10, figures: rangeFigures(track, fromS, toS, { short: true }) });
    fromS = toS;
  }
  return out;
}
