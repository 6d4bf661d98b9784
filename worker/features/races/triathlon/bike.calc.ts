// The bike leg from a training-load budget: TSS = h × IF² × 100, so IF = √(TSS / (100·h)) (domain reference), the
// target power IF × FTP (dated), and the split from the athlete's long rides' speed carried to that power. Speed at
// another power goes as its cube root (air drag dominates on the flat, power ∝ v³; the rides' hills and wind stay in
// their speed). The split and IF depend on each other, so they are solved together (a contraction: h ∝ h^(1/6)).
import { FORMAT_SPECS, LONG_RIDE_S, MAX_IF, type TriFormat, VI_TARGET, VI_TARGET_FLAT, WHAT_IF_STEPS } from './formats';
import type { BikeLeg, LongRide, NotEnough, ThresholdReceipt, TriSession, WhatIf } from './triathlon.types';
import { formatDay } from '../../../lib/format';

/** The closed form: IF for a TSS budget over h hours. */
export const ifForBudget = (tss: number, hours: number) => Math.sqrt(tss / (100 * hours));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Rides of two hours or more with power: their IF, NP, VI and speed (the receipts), best IF first. */
export function longRides(sessions: TriSession[], ftpW: number): LongRide[] {
  return sessions
    .filter((s) => s.sport === 'ride' && s.movingTimeS >= LONG_RIDE_S && (s.normalizedPowerW ?? 0) > 0 && s.distanceM > 0)
    .map((s) => ({
      activityId: s.id,
      name: s.name,
      date: s.date,
      durationS: s.movingTimeS,
      normalizedPowerW: s.normalizedPowerW!,
      intensityFactor: s.intensityFactor ?? s.normalizedPowerW! / ftpW,
      variabilityIndex: s.avgPowerW ? s.normalizedPowerW! / s.avgPowerW : null,
      speedMps: s.distanceM / s.movingTimeS,
    }))
    .sort((a, b) => b.intensityFactor - a.intensityFactor);
}

/** The speed the long rides give at `powerW`: each ride's speed carried by the cube root of the power ratio, median. */
export const speedAt = (rides: LongRide[], powerW: number) =>
  median(rides.map((r) => r.speedMps * (powerW / r.normalizedPowerW) ** (1 / 3)));

export function planBike(
  format: TriFormat,
  ftp: ThresholdReceipt | null,
  sessions: TriSession[],
  bikeHours: number | null | undefined,
  flatCourse: boolean,
): BikeLeg | NotEnough {
  const spec = FORMAT_SPECS[format];
  if (!ftp || !(ftp.value > 0))
    return {
      state: 'notEnoughData',
      reason: 'no FTP in effect',
      help: ['Set your FTP in Settings → Training, or ride hard efforts of 2–20 minutes with power so it is estimated.'],
    };
  const rides = longRides(sessions, ftp.value);
  const ifAt = (h: number) => Math.min(MAX_IF, ifForBudget(spec.bikeTss, h));
  let hours: number;
  let timeSource: BikeLeg['timeSource'];
  if (rides.length > 0) {
    timeSource = 'longRides';
    hours = spec.bikeM / speedAt(rides, 0.8 * ftp.value) / 3600;
    for (let i = 0; i < 60; i++) hours = spec.bikeM / speedAt(rides, ifAt(hours) * ftp.value) / 3600;
  } else if (bikeHours && bikeHours > 0) {
    timeSource = 'input';
    hours = bikeHours;
  } else
    return {
      state: 'notEnoughData',
      reason: 'no ride of 2 hours or more with power to take the speed from',
      help: ['Record a ride of 2 hours or more with a power meter, or enter your expected bike time.'],
    };
  const raw = ifForBudget(spec.bikeTss, hours);
  const intensityFactor = Math.min(MAX_IF, raw);
  const targetPowerW = intensityFactor * ftp.value;
  const best = rides[0];
  const check: BikeLeg['check'] = !best
    ? { state: 'noLongRides', text: 'No ride of 2 hours or more with power to check this intensity against.' }
    : best.intensityFactor > 1
      ? {
          // FTP is about an hour's best: above it for two hours or more, the FTP is what is wrong, and the target with it.
          state: 'ftpLow',
          text: `You held IF ${best.intensityFactor.toFixed(2)} for ${Math.round(best.durationS / 60)} min (${best.name}, ${formatDay(best.date)}): above FTP for that long means your FTP of ${Math.round(ftp.value)} W (${ftp.source === 'manual' ? 'set by you' : 'estimated'} from ${formatDay(ftp.effectiveFrom)}) is likely too low, and this target with it. Set it in Settings → Training, or ride a hard 20-minute effort with power.`,
        }
      : best.intensityFactor >= intensityFactor
        ? {
            state: 'held',
            text: `You have held IF ${best.intensityFactor.toFixed(2)} for ${Math.round(best.durationS / 60)} min (${best.name}, ${formatDay(best.date)}).`,
          }
        : {
            state: 'above',
            text: `Above every long ride of yours: the best is IF ${best.intensityFactor.toFixed(2)} for ${Math.round(best.durationS / 60)} min (${best.name}, ${formatDay(best.date)}).`,
          };
  return {
    state: 'planned',
    distanceM: spec.bikeM,
    tssBudget: spec.bikeTss,
    budgetSource: spec.budgetSource,
    tss: hours * intensityFactor ** 2 * 100,
    hours,
    timeS: hours * 3600,
    intensityFactor,
    capped: raw > MAX_IF,
    targetPowerW,
    speedMps: spec.bikeM / (hours * 3600),
    timeSource,
    ftp,
    longRides: rides.slice(0, 5),
    check,
    viTarget: flatCourse ? VI_TARGET_FLAT : VI_TARGET,
  };
}

/**
 * Riding IF + Δ: the split at the faster speed (cube root of the power ratio), the TSS it adds, and the run's cost
 * from the bricks' slope (slowdown per IF) times the fresh run time, or unknown with why.
 */
export function whatIf(bike: BikeLeg, run: { freshTimeS: number } | null, slope: { slope: number } | { why: string }): WhatIf[] {
  return WHAT_IF_STEPS.filter((d) => bike.intensityFactor + d <= MAX_IF).map((d) => {
    const harder = bike.intensityFactor + d;
    const seconds = bike.timeS / (harder / bike.intensityFactor) ** (1 / 3);
    const tssAdded = (seconds / 3600) * harder ** 2 * 100 - bike.tss;
    const cost =
      'slope' in slope && run
        ? { runCostS: run.freshTimeS * slope.slope * d, runCostWhy: 'from the slope of your bricks’ slowdown against their rides’ IF' }
        : null;
    return {
      ifDelta: d,
      intensityFactor: harder,
      bikeSecondsSaved: bike.timeS - seconds,
      tssAdded,
      runCostS: cost?.runCostS ?? null,
      runCostWhy: cost?.runCostWhy ?? ('why' in slope ? slope.why : 'unknown: the run leg has no plan yet'),
    };
  });
}
