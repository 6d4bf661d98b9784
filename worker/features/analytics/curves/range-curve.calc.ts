// A range's curve is the point-by-point best of its activities' curves, each point keeping its receipt: the
// activity, its day and the moment. Merging is associative and commutative (ties go to the earlier day, then the
// smaller id), so a range built activity by activity equals one built at once, in any order.
import { type ActivityCurve, CURVE_DURATIONS } from './mean-max.calc';

export interface RangePoint {
  value: number;
  activityId: string;
  /** The activity's local date, YYYY-MM-DD. */
  date: string;
  startS: number;
}

export type RangeCurve = (RangePoint | null)[];

export const emptyRange = (): RangeCurve => CURVE_DURATIONS.map(() => null);

/** Whether `a` wins over `b` at one duration: a higher mean, else the earlier day, else the smaller id. */
function beats(a: RangePoint, b: RangePoint): boolean {
  if (a.value !== b.value) return a.value > b.value;
  if (a.date !== b.date) return a.date < b.date;
  return a.activityId < b.activityId;
}

export function mergeRanges(a: RangeCurve, b: RangeCurve): RangeCurve {
  return CURVE_DURATIONS.map((_, i) => {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (!x) return y;
    if (!y) return x;
    return beats(y, x) ? y : x;
  });
}

/** One activity's curve as a range of one. */
export function rangeOf(activityId: string, date: string, curve: ActivityCurve): RangeCurve {
  return CURVE_DURATIONS.map((_, i) => {
    const p = curve[i];
    return p ? { value: p.value, activityId, date, startS: p.startS } : null;
  });
}
