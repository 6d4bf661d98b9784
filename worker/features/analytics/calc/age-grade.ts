// Road age grading with the WMA / USATF MLDR 2025 tables: how a time compares with the best
// expected for the athlete's age and sex, as a percentage (100 % ≈ the age-group world standard).

import { WMA_ROAD_2025 } from './wma-road-2025.data';

export type AgeGradeSex = 'male' | 'female';

export interface AgeGrade {
  /** Age standard ÷ time × 100. */
  percent: number;
  /** Best expected time (s) for this age, sex and distance. */
  ageStandardS: number;
  /** Open-class (peak-age) standard (s) at this distance. */
  openStandardS: number;
}

const MIN_AGE = 5;
const MAX_AGE = 100;
// A course measured a little short of 1 mile or long of 200 km still grades against the end column.
const END_TOLERANCE = 0.005;
// Floating error only: 21097.5 m / 1000 must count as the 21.0975 km column.
const SAME_DISTANCE = 1e-9;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string): [number, number, number] {
  const m = DATE.exec(value);
  if (!m) throw new RangeError(`Expected a YYYY-MM-DD date, got "${value}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth) throw new RangeError(`Not a calendar date: "${value}"`);
  return [y, mo, d];
}

/**
 * Whole years of age on a calendar date (both YYYY-MM-DD). Someone born on 29 February turns a year
 * older on 1 March in common years (the rule in e.g. English law), since 28 February comes before the birthday.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = parseDate(birthDate);
  const [y, m, d] = parseDate(onDate);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/**
 * Age grade for a road performance, or null outside the tables (distance not within 1 mile–200 km
 * ± 0.5 %, age outside 5–100, or no positive time). Between table distances the age standard (and the
 * reported open standard) is interpolated linearly in log(distance), the 2025 tables' own method.
 */
export function ageGrade(input: { sex: AgeGradeSex; age: number; distanceM: number; timeS: number }): AgeGrade | null {
  const { sex, distanceM, timeS } = input;
  const age = Math.floor(input.age);
  if (!(age >= MIN_AGE && age <= MAX_AGE)) return null;
  if (!(timeS > 0) || !Number.isFinite(timeS) || !(distanceM > 0)) return null;

  const table = WMA_ROAD_2025[sex];
  const factors = table.factors[age];
  const distances = table.distancesKm;
  const first = distances[0]!;
  const last = distances[distances.length - 1]!;
  const km = distanceM / 1000;
  if (km < first * (1 - END_TOLERANCE) || km > last * (1 + END_TOLERANCE)) return null;
  if (!factors) return null;

  const d = Math.min(Math.max(km, first), last);
  const ageStandardAt = (i: number): number => table.openStandardS[i]! / factors[i]!;

  let hi = distances.findIndex((x) => x >= d * (1 - SAME_DISTANCE));
  if (hi < 0) hi = distances.length - 1;
  let ageStandardS: number;
  let openStandardS: number;
  if (Math.abs(distances[hi]! - d) <= d * SAME_DISTANCE || hi === 0) {
    ageStandardS = ageStandardAt(hi);
    openStandardS = table.openStandardS[hi]!;
  } else {
    const lo = hi - 1;
    const u = Math.log(d / distances[lo]!) / Math.log(distances[hi]! / distances[lo]!);
    ageStandardS = ageStandardAt(lo) * (1 - u) + ageStandardAt(hi) * u;
    openStandardS = table.openStandardS[lo]! * (1 - u) + table.openStandardS[hi]! * u;
  }
  return { percent: (ageStandardS / timeS) * 100, ageStandardS, openStandardS };
}
