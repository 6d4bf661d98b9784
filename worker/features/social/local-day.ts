// The athlete's local date of many instants, cheaply: Intl costs ~50–100 µs a call, and a board close or a
// ten-year history asks for tens of thousands. Every zone's offset is a multiple of 15 minutes and changes
// on a quarter hour, so one answer serves a whole 15-minute UTC bucket exactly.
import { localDateOf } from '../../lib/dates';

const BUCKET_MS = 15 * 60_000;

/** A memoized `localDateOf` for one zone (keep it for one evaluation; it grows with the buckets asked). */
export function localDater(timeZone: string): (instant: Date) => string {
  const memo = new Map<number, string>();
  return (instant) => {
    const bucket = Math.floor(instant.getTime() / BUCKET_MS);
    let day = memo.get(bucket);
    if (day === undefined) {
      day = localDateOf(new Date(bucket * BUCKET_MS), timeZone);
      memo.set(bucket, day);
    }
    return day;
  };
}
