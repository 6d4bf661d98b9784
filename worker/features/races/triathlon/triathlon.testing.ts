// Synthetic triathletes: dated thresholds, long rides with power, fresh runs and bricks with a planted slowdown.
import type { ThresholdReceipt, TriSession } from './triathlon.types';

export const TODAY = '2027-03-01';
const T0 = Date.UTC(2027, 0, 4, 7); // a Monday morning, UTC

export const threshold = (value: number, effectiveFrom = '2027-02-22'): ThresholdReceipt => ({
  value,
  source: 'estimated',
  effectiveFrom,
  activityId: 'a-thr',
  note: null,
});

let n = 0;
const session = (s: Partial<TriSession> & Pick<TriSession, 'sport' | 'startMs' | 'movingTimeS' | 'distanceM'>): TriSession => {
  n += 1;
  const date = new Date(s.startMs).toISOString().slice(0, 10);
  return {
    id: `${s.sport}-${n}`,
    name: `${s.sport} ${n}`,
    date,
    elapsedTimeS: s.movingTimeS,
    avgHr: null,
    avgPowerW: null,
    normalizedPowerW: null,
    intensityFactor: null,
    ...s,
  };
};

/** A ride on day `d` (from T0) at `np` W and `speedMps`, `hours` long, ending at the returned session's end. */
export const ride = (d: number, hours: number, np: number, speedMps: number, ftp = 250) =>
  session({
    sport: 'ride',
    startMs: T0 + d * 86_400_000,
    movingTimeS: hours * 3600,
    distanceM: speedMps * hours * 3600,
    normalizedPowerW: np,
    avgPowerW: np / 1.04,
    intensityFactor: np / ftp,
  });

/** A run on day `d`, `offsetS` after T0 of that day, at `paceSPerKm` and heart rate `hr`. */
export const run = (d: number, km: number, paceSPerKm: number, hr: number | null, offsetS = 0) =>
  session({ sport: 'run', startMs: T0 + d * 86_400_000 + offsetS * 1000, movingTimeS: km * paceSPerKm, distanceM: km * 1000, avgHr: hr });

/** A ride of `hours` at IF `rideIf`, then a run `gapS` later slowed by `slowdown` against `freshPace` at `hr`. */
export function brick(d: number, hours: number, rideIf: number, slowdown: number, freshPace: number, hr: number, gapS = 300): TriSession[] {
  const r = ride(d, hours, rideIf * 250, 9);
  return [r, run(d, 5, freshPace * (1 + slowdown), hr, hours * 3600 + gapS)];
}
