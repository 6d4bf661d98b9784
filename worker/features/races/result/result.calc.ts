// After the race (ADR 096, "After the race"): what was run against what was planned. Pure: the recorded track
// (time, distance, heart rate, elevation as the activity's stream reader gives them), the prediction made before the
// race day, the fuel the athlete logged. A part whose data is missing says so and shows nothing in its place.
import { courseProfile, effortCost } from '../effort-grade.calc';
import { DEFAULT_NEGATIVE_SPLIT, planPacing, type SplitUnit, UNIT_M } from '../pacing.calc';
import { COURSE_LENGTH_TOLERANCE } from '../effort-grade.calc';
import { fuelOf, type FuelLogged, type LoggedFuel } from './fuel.calc';

export { fuelOf };
export type { FuelLogged, LoggedFuel };

/** Seconds since the start, cumulative metres; heart rate (bpm) and elevation (m) where recorded (null or ≤ 0 HR: none). */
export interface RecordedTrack {
  t: readonly number[];
  d: readonly number[];
  hr?: readonly (number | null)[] | null;
  altitude?: readonly (number | null)[] | null;
}

export interface PredictedBefore {
  low: number;
  mid: number;
  high: number;
  /** When it was first made (ISO): the newest stored before the race day started. */
  madeAt: string;
}

export interface ResultInput {
  raceDistanceM: number;
  unit: SplitUnit;
  /** The activity's elapsed time: the race clock. */
  finishS: number;
  track: RecordedTrack | null;
  predicted: PredictedBefore | null;
  fuel: LoggedFuel;
  today: string;
}

export interface SplitRow {
  index: number;
  distanceM: number;
  plannedS: number | null;
  actualS: number;
  /** actual − planned: positive when slower than planned. */
  deltaS: number | null;
  grade: number | null;
}

export type Part<T> = ({ ok: true } & T) | { ok: false; reason: string };

export interface Halves {
  firstS: number;
  secondS: number;
  /** The half's time on the flat at the same effort (the pacing grade model over the recorded elevation). */
  gradeAdjusted: { firstS: number; secondS: number } | null;
  planned: { firstS: number; secondS: number } | null;
  /** second ÷ first − 1 on grade-adjusted times where there is elevation: positive is a positive split. */
  splitPct: number;
  heart: Part<{ firstBpm: number; secondBpm: number; driftBpm: number; driftPct: number; decouplingPct: number; how: string }>;
  verdict: string;
}

export interface PredictionError {
  predicted: PredictedBefore;
  errorS: number;
  errorPct: number;
  inRange: boolean;
}

export interface RaceResultAnswer {
  finishS: number;
  error: Part<PredictionError>;
  splits: Part<{ unit: SplitUnit; rows: SplitRow[]; notes: string[] }>;
  halves: Part<Halves>;
  fuel: FuelLogged;
}

/** A half run within 1 % of the other (grade-adjusted) is "even": our band, about the noise of a GPS half's length. */
export const EVEN_SPLIT_BAND = 0.01;
const pct = (x: number) => `${Math.abs(x).toFixed(1)} %`;

export function predictionError(finishS: number, p: PredictedBefore | null): Part<PredictionError> {
  if (!p) return { ok: false, reason: 'No prediction was made before the race day.' };
  const errorS = finishS - p.mid;
  return { ok: true, predicted: p, errorS, errorPct: (errorS / p.mid) * 100, inRange: finishS >= p.low && finishS <= p.high };
}

/** The track laid onto the race distance (as the course is), or why not. */
function laidOn(track: RecordedTrack | null, D: number) {
  if (!track || track.t.length < 2 || track.d.length !== track.t.length)
    return { reason: 'No distance stream was recorded: the splits and halves cannot be read.' };
  const d0 = track.d[0]!;
  const L = track.d[track.d.length - 1]! - d0;
  if (!(Math.abs(L - D) <= COURSE_LENGTH_TOLERANCE * D))
    return {
      reason: `The recording measures ${Math.round(L)} m; the race is ${Math.round(D)} m (more than 3 % apart): splits not compared.`,
    };
  const t0 = track.t[0]!;
  const x = track.d.map((v) => ((v - d0) * D) / L);
  const t = track.t.map((v) => v - t0);
  return { x, t, lengthM: L };
}

/** Linear interpolation of ys at xs = at (xs non-decreasing). */
function at(xs: readonly number[], ys: readonly number[], v: number): number {
  if (v <= xs[0]!) return ys[0]!;
  let lo = 0;
  let hi = xs.length - 1;
  if (v >= xs[hi]!) return ys[hi]!;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (xs[m]! < v) lo = m;
    else hi = m;
  }
  const span = xs[hi]! - xs[lo]!;
  return span > 0 ? ys[lo]! + ((ys[hi]! - ys[lo]!) * (v - xs[lo]!)) / span : ys[hi]!;
}

/** Time-weighted mean heart rate between two clock times (pairs of readings > 0 only); null when none. */
function meanHr(t: readonly number[], hr: readonly (number | null)[], from: number, to: number): number | null {
  let w = 0;
  let s = 0;
  for (let i = 1; i < t.length; i++) {
    const a = Math.max(from, t[i - 1]!);
    const b = Math.min(to, t[i]!);
    const h0 = hr[i - 1];
    const h1 = hr[i];
    if (b <= a || !(h0 && h0 > 0) || !(h1 && h1 > 0)) continue;
    w += b - a;
    s += (b - a) * ((h0 + h1) / 2);
  }
  return w > 0 ? s / w : null;
}

function verdictOf(first: number, second: number, splitPct: number, planned: Halves['planned'], graded: boolean): string {
  const kind = Math.abs(splitPct) <= EVEN_SPLIT_BAND * 100 ? 'an even split' : splitPct > 0 ? 'a positive split' : 'a negative split';
  const basis = graded ? ' (grade-adjusted)' : '';
  if (!planned)
    return `First half against second: ${kind}, the second half ${pct(splitPct)} ${splitPct > 0 ? 'slower' : 'faster'}${basis}.`;
  const f = ((first - planned.firstS) / planned.firstS) * 100;
  const s = ((second - planned.secondS) / planned.secondS) * 100;
  const word = (x: number) => (x <= 0 ? 'faster' : 'slower');
  return `Went out ${pct(f)} ${word(f)} than planned, second half ${pct(s)} ${word(s)} than planned: ${kind}${basis}.`;
}

export function raceResult(input: ResultInput): RaceResultAnswer {
  const D = input.raceDistanceM;
  const error = predictionError(input.finishS, input.predicted);
  const fuel = fuelOf(input.fuel, input.finishS);
  const laid = laidOn(input.track, D);
  if ('reason' in laid) {
    const missing = { ok: false as const, reason: laid.reason! };
    return { finishS: input.finishS, error, splits: missing, halves: missing, fuel };
  }
  const { x, t } = laid;
  const notes: string[] = [];
  if (Math.abs(laid.lengthM - D) >= 1)
    notes.push(`The recording measures ${Math.round(laid.lengthM)} m; it was laid onto the race's ${Math.round(D)} m.`);
  const alt = input.track!.altitude;
  const course =
    alt && alt.length === x.length && alt.every((e) => e !== null && Number.isFinite(e))
      ? x.map((distanceM, i) => ({ distanceM, elevationM: alt[i]! }))
      : null;
  if (!course) notes.push('No elevation was recorded: the course is taken as flat.');
  // The plan the prediction implied, over the course as run: its middle at even effort, the default negative split.
  const plan = input.predicted
    ? planPacing({
        distanceM: D,
        targetS: input.predicted.mid,
        unit: input.unit,
        course,
        negativeSplit: DEFAULT_NEGATIVE_SPLIT,
        // The first-half check is a warning before the race; after it, the splits say what happened.
        criticalSpeed: null,
        today: input.today,
      })
    : null;
  if (!input.predicted) notes.push('No prediction was made before the race day: no planned splits to compare.');
  else if (plan && !plan.ok) notes.push(`No planned splits: ${plan.error.message}.`);
  const planned = plan?.ok ? plan.plan : null;
  const unitM = UNIT_M[input.unit];
  const rows: SplitRow[] = [];
  for (let from = 0, i = 0; from < D - 1e-6; i++) {
    const to = D - (i + 1) * unitM < 1 ? D : (i + 1) * unitM;
    const actualS = at(x, t, to) - at(x, t, from);
    const p = planned?.splits[i];
    rows.push({
      index: i + 1,
      distanceM: to - from,
      plannedS: p ? p.timeS : null,
      actualS,
      deltaS: p ? actualS - p.timeS : null,
      grade: course && p ? p.grade : null,
    });
    from = to;
  }
  const total = t[t.length - 1]!;
  const firstS = at(x, t, D / 2);
  const secondS = total - firstS;
  const profile = course ? courseProfile(course, D) : null;
  let gradeAdjusted: Halves['gradeAdjusted'] = null;
  if (profile && !('reason' in profile)) {
    // Flat-equivalent metres of each half: each step's length × the grade's cost, as the pacing plan weighs them.
    const e = profile.elevationM;
    const half = Math.round((e.length - 1) / 2);
    let c1 = 0;
    let c2 = 0;
    for (let k = 0; k < e.length - 1; k++) {
      const c = profile.stepM * effortCost((e[k + 1]! - e[k]!) / profile.stepM);
      if (k < half) c1 += c;
      else c2 += c;
    }
    gradeAdjusted = { firstS: (firstS * (D / 2)) / c1, secondS: (secondS * (D / 2)) / c2 };
  }
  const ga = gradeAdjusted ?? { firstS, secondS };
  const splitPct = (ga.secondS / ga.firstS - 1) * 100;
  const plannedHalves = planned ? { firstS: planned.firstHalfS, secondS: planned.secondHalfS } : null;
  const hr = input.track!.hr;
  const h1 = hr ? meanHr(t, hr, 0, firstS) : null;
  const h2 = hr ? meanHr(t, hr, firstS, total) : null;
  const heart: Halves['heart'] =
    h1 && h2
      ? {
          ok: true,
          firstBpm: h1,
          secondBpm: h2,
          driftBpm: h2 - h1,
          driftPct: ((h2 - h1) / h1) * 100,
          // Pa:HR: grade-adjusted speed per beat, first half against second (as analytics reads it on steady runs).
          decouplingPct: ((D / 2 / ga.firstS / h1 - D / 2 / ga.secondS / h2) / (D / 2 / ga.firstS / h1)) * 100,
          how: 'Pa:HR decoupling: grade-adjusted speed per heartbeat in the first half against the second, by distance; heart rate averaged over time.',
        }
      : { ok: false, reason: 'No heart rate was recorded in both halves: drift and decoupling are not read.' };
  return {
    finishS: input.finishS,
    error,
    splits: { ok: true, unit: input.unit, rows, notes },
    halves: {
      ok: true,
      firstS,
      secondS,
      gradeAdjusted,
      planned: plannedHalves,
      splitPct,
      heart,
      verdict: verdictOf(firstS, secondS, splitPct, plannedHalves, gradeAdjusted !== null),
    },
    fuel,
  };
}
