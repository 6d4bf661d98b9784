// Sweat rate from a weighed test, which of the athlete's tests the plan rests on, the fluid per hour (never more than
// the sweat rate: no mass gain) and sodium as a range (ADR 096, "Fuelling and fluids"). Pure: no clock, no db.

/** Whole-body sweat rate 1.21 ± 0.68 L/h in 506 athletes (Baker et al. 2016); above 4 L/h a test is mis-weighed. */
export const MAX_SWEAT_RATE_L_PER_H = 4;
/** Sweat sodium ~18–71 mmol/L (Baker et al. 2016), × 23 mg/mmol. */
export const SWEAT_SODIUM_MMOL_PER_L = { low: 18, high: 71 } as const;
export const SODIUM_MG_PER_MMOL = 23;
/** Without a test: ad libitum, no more than ~0.4–0.8 L/h (Noakes 2003). */
export const AD_LIB_L_PER_H = { low: 0.4, high: 0.8 } as const;
/** Drinking keeps the loss within 2 % of body mass (ACSM 2007); never so much that mass is gained. */
export const ALLOWED_LOSS_FRACTION = 0.02;
/** Under an hour without a test, losses stay small: drink to thirst, nothing planned (our rule, said on the page). */
export const NO_TEST_MIN_DURATION_S = 3600;
/** Tests whose temperature is within ±5 °C of the race's count as "similar" (our rule). */
export const SIMILAR_TEMPERATURE_C = 5;
/** The plan uses at most the 5 newest matching tests, their median. */
export const TESTS_USED = 5;

export interface SweatTestInput {
  durationMin: number;
  massBeforeKg: number;
  massAfterKg: number;
  fluidL: number;
  urineL?: number | null;
}

export type SweatField = 'durationMin' | 'massBeforeKg' | 'massAfterKg' | 'fluidL' | 'urineL';
export interface SweatError {
  field: SweatField;
  message: string;
}

/** Sweat rate (L/h) = (mass before − mass after + fluid drunk − urine) ÷ hours; 1 kg of mass is 1 L of sweat. */
export function sweatRateOf(t: SweatTestInput): { lPerH: number; lossL: number } | { error: SweatError } {
  const bad = (field: SweatField, message: string) => ({ error: { field, message } });
  const urine = t.urineL ?? 0;
  const finite = [t.durationMin, t.massBeforeKg, t.massAfterKg, t.fluidL, urine].every(Number.isFinite);
  if (!finite) return bad('durationMin', 'Every number must be finite');
  if (t.durationMin < 15 || t.durationMin > 720) return bad('durationMin', 'A sweat test lasts 15 minutes to 12 hours');
  if (t.massBeforeKg < 25 || t.massBeforeKg > 250) return bad('massBeforeKg', 'Body mass is 25–250 kg');
  if (t.massAfterKg < 25 || t.massAfterKg > 250) return bad('massAfterKg', 'Body mass is 25–250 kg');
  if (t.fluidL < 0 || t.fluidL > 10) return bad('fluidL', 'Fluid drunk is 0–10 L');
  if (urine < 0 || urine > 5) return bad('urineL', 'Urine is 0–5 L');
  const lossL = t.massBeforeKg - t.massAfterKg + t.fluidL - urine;
  const lPerH = lossL / (t.durationMin / 60);
  if (lossL < 0)
    return bad(
      'massAfterKg',
      `Mass after (${t.massAfterKg} kg) is ${(-lossL).toFixed(2)} kg more than before plus what you drank minus urine: check the scale or the litres`,
    );
  if (lPerH > MAX_SWEAT_RATE_L_PER_H)
    return bad(
      'massAfterKg',
      `These numbers give ${lPerH.toFixed(2)} L/h, above the plausible ${MAX_SWEAT_RATE_L_PER_H} L/h (Baker et al. 2016: 1.21 ± 0.68): check the masses and the duration`,
    );
  return { lPerH, lossL };
}

/** A stored test as the plan reads it. */
export interface SweatTest {
  id: string;
  date: string;
  rateLPerH: number;
  massBeforeKg: number;
  temperatureC: number | null;
}

export interface SweatBasis {
  rateLPerH: number;
  used: SweatTest[];
  /** Body mass for the 2 % rule: the newest used test's mass before. */
  massKg: number;
  basis: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The rate the plan uses: the median of the newest 5 tests within ±5 °C of the race's temperature when it is given
 * and some match, else the median of the newest 5 tests; null without a test.
 */
export function chooseSweatRate(tests: readonly SweatTest[], raceTemperatureC: number | null): SweatBasis | null {
  if (tests.length === 0) return null;
  const newest = [...tests].sort((a, b) => b.date.localeCompare(a.date));
  const similar =
    raceTemperatureC === null
      ? []
      : newest.filter((t) => t.temperatureC !== null && Math.abs(t.temperatureC - raceTemperatureC) <= SIMILAR_TEMPERATURE_C);
  const pool = similar.length > 0 ? similar : newest;
  const used = pool.slice(0, TESTS_USED);
  const rateLPerH = median(used.map((t) => t.rateLPerH));
  const which =
    similar.length > 0
      ? `the median of your ${used.length} newest test${used.length > 1 ? 's' : ''} within ±${SIMILAR_TEMPERATURE_C} °C of ${raceTemperatureC} °C`
      : `the median of your ${used.length} newest test${used.length > 1 ? 's' : ''}${raceTemperatureC === null ? '' : ` (none within ±${SIMILAR_TEMPERATURE_C} °C of ${raceTemperatureC} °C)`}`;
  return { rateLPerH, used, massKg: used[0]!.massBeforeKg, basis: `Sweat rate ${rateLPerH.toFixed(2)} L/h: ${which}.` };
}

export interface FluidPlan {
  /** Litres per hour planned; low = high with a sweat test, the ad-libitum band without. */
  lPerH: { low: number; high: number };
  measured: boolean;
  sweat: SweatBasis | null;
  basis: string[];
  /** Sodium (mg/h) in what is drunk at sweat's concentration: fluid × 18–71 mmol/L × 23 (Baker et al. 2016). */
  sodiumMgPerH: { low: number; high: number };
  sodiumBasis: string;
}

/** Fluids and sodium per hour for a race of `durationS`. Never more than the sweat rate: no mass gain (ACSM 2007). */
export function fluidPlan(durationS: number, sweat: SweatBasis | null): FluidPlan {
  const hours = durationS / 3600;
  let lPerH: { low: number; high: number };
  const basis: string[] = [];
  if (sweat) {
    const lossL = sweat.rateLPerH * hours;
    const allowedL = ALLOWED_LOSS_FRACTION * sweat.massKg;
    const drink = Math.min(sweat.rateLPerH, Math.max(0, (lossL - allowedL) / hours));
    lPerH = { low: drink, high: drink };
    basis.push(
      sweat.basis,
      `You would lose ${lossL.toFixed(2)} L over ${hours.toFixed(2)} h; drinking ${drink.toFixed(2)} L/h keeps the loss within 2 % of your ${sweat.massKg} kg (${allowedL.toFixed(2)} L; ACSM 2007) and never above your sweat rate, so you cannot gain weight (hyponatraemia; ACSM 2007).`,
    );
  } else if (durationS < NO_TEST_MIN_DURATION_S) {
    lPerH = { low: 0, high: 0 };
    basis.push('No sweat test yet, and under an hour losses stay small: drink to thirst, nothing is planned.');
  } else {
    lPerH = { ...AD_LIB_L_PER_H };
    basis.push(
      `No sweat test yet: a conservative default, drink to thirst and no more than ${AD_LIB_L_PER_H.low}–${AD_LIB_L_PER_H.high} L/h (Noakes 2003). A sweat test makes this your own.`,
    );
  }
  const mg = (l: number, mmol: number) => l * mmol * SODIUM_MG_PER_MMOL;
  return {
    lPerH,
    measured: sweat !== null,
    sweat,
    basis,
    sodiumMgPerH: { low: mg(lPerH.low, SWEAT_SODIUM_MMOL_PER_L.low), high: mg(lPerH.high, SWEAT_SODIUM_MMOL_PER_L.high) },
    sodiumBasis: `Sodium in what you drink at sweat’s concentration: the fluid × ${SWEAT_SODIUM_MMOL_PER_L.low}–${SWEAT_SODIUM_MMOL_PER_L.high} mmol/L × ${SODIUM_MG_PER_MMOL} mg/mmol (Baker et al. 2016); a sweat sodium test would narrow it.`,
  };
}
