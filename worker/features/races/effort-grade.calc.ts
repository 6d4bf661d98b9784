// The course for pacing: validated, laid onto the race distance, elevation smoothed over distance, and the grade
// model that says how much slower a stretch is at equal effort (ADR 096, "Third slice: pacing").

/** One point of a course: metres along it and elevation in metres. */
export interface CoursePoint {
  distanceM: number;
  elevationM: number;
}

export type PacingErrorReason =
  | 'badTarget'
  | 'badNegativeSplit'
  | 'tooFewPoints'
  | 'badNumber'
  | 'notMonotonic'
  | 'lengthMismatch'
  | 'absurdElevation';

/** Why a plan cannot be made: `field` names the input a 400 should point at. */
export interface PacingError {
  reason: PacingErrorReason;
  field: 'distanceM' | 'targetS' | 'negativeSplit' | 'course';
  message: string;
}

/**
 * Relative cost of running at grade g (rise over run) at equal effort, 1 on the flat: 1 + 2.9·g + 17·g².
 * Our own quadratic through Strava's 2017 equal-heart-rate curve (Robb, "An Improved GAP Model", Strava Engineering,
 * 2017-10-03, ~6 million runs): cheapest ≈ 0.876 near −8.5 %, back to flat cost near −17 %, ≈ 1.46 at +10 %.
 * Checked against a public reproduction of the curve's values (aaron-schroeder/specialsauce,
 * specialsauce/sources/strava.py, MIT: Strava's factor read back from synthetic constant-grade uploads): −10 %
 * 0.876, −8 % 0.876, −4 % 0.918, +4 % 1.135, +10 % 1.459, −15 % 0.941, −20 % 1.081, +20 % 2.297 — within 1.8 % of
 * ours from −20 % to +20 % (a least-squares refit there gives 2.99 and 17.2: no change worth making).
 * Minetti's lab curve keeps getting cheaper down to −18 % (≈ 0.50 of flat; 0.60 at −10 %) and plans descents far too fast.
 */
export const EFFORT_LINEAR = 2.9;
export const EFFORT_QUADRATIC = 17;
/** Road and trail race grades sit within ±25 %; beyond it, the curve has no data under it and the smoothing missed a spike. */
export const MAX_COURSE_GRADE = 0.25;
export const effortCost = (grade: number): number => {
  const g = Math.min(MAX_COURSE_GRADE, Math.max(-MAX_COURSE_GRADE, grade));
  return 1 + EFFORT_LINEAR * g + EFFORT_QUADRATIC * g * g;
};

/** A course may be a little longer or shorter than the race (GPS, a tangent line); beyond 3 % it is another course. */
export const COURSE_LENGTH_TOLERANCE = 0.03;
/** Lowest and highest ground a race is run on (the Dead Sea shore, about −430 m; Everest, 8849 m), with margin. */
const MIN_ELEVATION_M = -450;
const MAX_ELEVATION_M = 9000;
/**
 * Elevation is averaged over ±50 m of course before grades are read (as analytics' grade does over ±40 m of travel):
 * a course file's point-to-point steps are noise; a 100-m window keeps every hill a runner paces for.
 */
export const COURSE_SMOOTH_HALF_M = 50;

/** The course on an even grid over the race distance: smoothed elevation at each of `n + 1` marks, `stepM` apart. */
export interface CourseProfile {
  stepM: number;
  elevationM: Float64Array;
  /** The course's own length, before it was laid onto the race distance. */
  courseLengthM: number;
}

const err = (reason: PacingErrorReason, message: string): PacingError => ({ reason, field: 'course', message });

/**
 * Validates the course and lays it on the race distance (scaled along its length, so a course 1 % long still ends
 * at the finish), resampled every `stepM` and smoothed. No course (null or none at all): flat.
 */
export function courseProfile(course: readonly CoursePoint[] | null | undefined, raceM: number): CourseProfile | PacingError {
  const stepM = Math.max(10, raceM / 10000);
  const n = Math.max(1, Math.round(raceM / stepM));
  const step = raceM / n;
  if (!course || course.length === 0) return { stepM: step, elevationM: new Float64Array(n + 1), courseLengthM: raceM };
  if (course.length < 2) return err('tooFewPoints', 'a course needs at least two points');
  for (const p of course) {
    if (!Number.isFinite(p?.distanceM) || !Number.isFinite(p?.elevationM))
      return err('badNumber', 'every point needs a distance and an elevation');
    if (p.elevationM < MIN_ELEVATION_M || p.elevationM > MAX_ELEVATION_M)
      return err('absurdElevation', `an elevation of ${p.elevationM} m is not on Earth's land`);
  }
  for (let i = 1; i < course.length; i++)
    if (course[i]!.distanceM < course[i - 1]!.distanceM)
      return err(
        'notMonotonic',
        `the distance goes back at point ${i + 1} (${course[i]!.distanceM} m after ${course[i - 1]!.distanceM} m)`,
      );
  const start = course[0]!.distanceM;
  const length = course[course.length - 1]!.distanceM - start;
  if (!(Math.abs(length - raceM) <= COURSE_LENGTH_TOLERANCE * raceM))
    return err('lengthMismatch', `the course is ${Math.round(length)} m; the race is ${Math.round(raceM)} m (more than 3 % apart)`);
  // Resample by linear interpolation on the course's own distance, scaled to the race.
  const raw = new Float64Array(n + 1);
  for (let k = 0, j = 1; k <= n; k++) {
    const at = start + (k / n) * length;
    while (j < course.length - 1 && course[j]!.distanceM < at) j++;
    const a = course[j - 1]!;
    const b = course[j]!;
    const span = b.distanceM - a.distanceM;
    raw[k] = span > 0 ? a.elevationM + ((b.elevationM - a.elevationM) * (at - a.distanceM)) / span : b.elevationM;
  }
  return { stepM: step, elevationM: smoothed(raw, Math.round(COURSE_SMOOTH_HALF_M / step)), courseLengthM: length };
}

/** A centred moving average of `half` marks each side; near the ends the window shrinks to stay centred. */
function smoothed(raw: Float64Array, half: number): Float64Array {
  const n = raw.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + raw[i]!;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = Math.min(half, i, n - 1 - i);
    out[i] = (prefix[i + h + 1]! - prefix[i - h]!) / (2 * h + 1);
  }
  return out;
}
