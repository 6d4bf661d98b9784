// The race's fuelling plan: carbohydrate, fluid and sodium per hour, laid out per aid station or per gel with the
// distance and the clock at each (ADR 096, "Fuelling and fluids"). Pure: no clock, no db; errors name their field.
import { type CarbPlan, carbPlan, type GutSession } from './carbs.calc';
import { type FluidPlan, chooseSweatRate, fluidPlan, type SweatTest } from './fluids.calc';

/** Where the athlete takes things in: at given km marks, every N km, or a gel of N grams whenever one is due. */
export type FuellingLayout =
  | { kind: 'aidStations'; km: number[] }
  | { kind: 'everyKm'; km: number }
  | { kind: 'gels'; gramsPerGel: number };

/** A pace plan's clock: metres from the start and seconds on the clock there (planPacing's splits fit). */
export interface ClockPoint {
  distanceM: number;
  clockS: number;
}

export interface FuellingInput {
  distanceM: number;
  /** Expected finish (s); with `pace`, the pace plan's clock at the finish wins. */
  durationS?: number;
  /** Where the expected finish comes from, in words (the page shows it). */
  durationBasis: string;
  pace?: readonly ClockPoint[];
  layout: FuellingLayout;
  sweatTests: readonly SweatTest[];
  raceTemperatureC?: number | null;
  gutSessions: readonly GutSession[];
  /** The athlete's today: gut training counts over the 12 weeks before it. */
  today: string;
}

/** One place on the course and what to take there: the stretch since the previous stop (or the start). */
export interface FuelStop {
  n: number;
  distanceM: number;
  clockS: number;
  /** Seconds since the previous stop: what this stop covers. */
  stretchS: number;
  carbsG: number;
  fluidL: { low: number; high: number };
  sodiumMg: { low: number; high: number };
}

export interface FuellingPlan {
  distanceM: number;
  durationS: number;
  durationBasis: string;
  clockBasis: string;
  carbs: CarbPlan;
  fluids: FluidPlan;
  layout: FuellingLayout;
  stops: FuelStop[];
  /** The sums of the stops (what the table adds up to). */
  totals: { carbsG: number; fluidL: { low: number; high: number }; sodiumMg: { low: number; high: number } };
  notes: string[];
}

export type FuellingField = 'distanceM' | 'durationS' | 'pace' | 'aidStationsKm' | 'everyKm' | 'carbsPerGel' | 'temperatureC';
export interface FuellingError {
  field: FuellingField;
  message: string;
}
export type FuellingAnswer = { ok: true; plan: FuellingPlan } | { ok: false; error: FuellingError };

export const MAX_STOPS = 200;
export const GEL_GRAMS = { min: 5, max: 100 } as const;
const MAX_DURATION_S = 48 * 3600;

const fail = (field: FuellingField, message: string): FuellingAnswer => ({ ok: false, error: { field, message } });

/** Clock ↔ distance along the pace plan (linear between points, the last stretch's pace beyond), or steady. */
function clockOf(distanceM: number, durationS: number | undefined, pace: readonly ClockPoint[] | undefined) {
  if (!pace || pace.length === 0) {
    const d = durationS ?? Number.NaN;
    return {
      at: (m: number) => (d * m) / distanceM,
      distanceAt: (s: number) => (distanceM * s) / d,
      basis: 'A steady pace to the expected finish.',
    };
  }
  const pts = [{ distanceM: 0, clockS: 0 }, ...pace.filter((p) => p.distanceM > 0)];
  const seg = (pick: (p: ClockPoint) => number, x: number) => {
    let i = 1;
    while (i < pts.length - 1 && pick(pts[i]!) < x) i++;
    return [pts[i - 1]!, pts[i]!] as const;
  };
  return {
    at: (m: number) => {
      const [a, b] = seg((p) => p.distanceM, m);
      return a.clockS + ((m - a.distanceM) * (b.clockS - a.clockS)) / (b.distanceM - a.distanceM);
    },
    distanceAt: (s: number) => {
      const [a, b] = seg((p) => p.clockS, s);
      return a.distanceM + ((s - a.clockS) * (b.distanceM - a.distanceM)) / (b.clockS - a.clockS);
    },
    basis: `The clock at each stop from the pace plan's ${pace.length} splits.`,
  };
}

function checkPace(pace: readonly ClockPoint[] | undefined): string | null {
  if (!pace || pace.length === 0) return null;
  let prev = { distanceM: 0, clockS: 0 };
  for (const p of pace) {
    if (!Number.isFinite(p.distanceM) || !Number.isFinite(p.clockS)) return 'Every pace point needs a finite distance and clock';
    if (p.distanceM <= prev.distanceM || p.clockS <= prev.clockS) return 'Pace points must move forward in both distance and clock';
    prev = p;
  }
  return null;
}

/** The plan, or the first bad input with its field. */
export function planFuelling(input: FuellingInput): FuellingAnswer {
  const { distanceM, layout } = input;
  if (!Number.isFinite(distanceM) || distanceM <= 0 || distanceM > 400_000)
    return fail('distanceM', 'The race distance must be 1 m to 400 km');
  const paceProblem = checkPace(input.pace);
  if (paceProblem) return fail('pace', paceProblem);
  const hasPace = (input.pace?.length ?? 0) > 0;
  if (
    !hasPace &&
    (input.durationS === undefined || !Number.isFinite(input.durationS) || input.durationS <= 0 || input.durationS > MAX_DURATION_S)
  )
    return fail('durationS', 'The expected finish must be more than 0 s and at most 48 h');
  const t = input.raceTemperatureC ?? null;
  if (t !== null && (!Number.isFinite(t) || t < -30 || t > 50)) return fail('temperatureC', 'The race temperature must be −30 to 50 °C');

  const clock = clockOf(distanceM, input.durationS, input.pace);
  const durationS = clock.at(distanceM);
  if (!(durationS > 0 && durationS <= MAX_DURATION_S)) return fail('pace', 'The pace plan must reach the finish within 48 h');

  const carbs = carbPlan(durationS, input.gutSessions, input.today);
  const fluids = fluidPlan(durationS, chooseSweatRate(input.sweatTests, t));

  const marks = stopMarks(layout, distanceM, durationS, carbs.gPerH, clock);
  if ('field' in marks) return { ok: false, error: marks };

  let prevS = 0;
  const stops: FuelStop[] = marks.map((m, i) => {
    const clockS = m.clockS;
    const stretchS = clockS - prevS;
    prevS = clockS;
    const h = stretchS / 3600;
    const carbsG = layout.kind === 'gels' ? layout.gramsPerGel : carbs.gPerH * h;
    return {
      n: i + 1,
      distanceM: m.distanceM,
      clockS,
      stretchS,
      carbsG,
      fluidL: { low: fluids.lPerH.low * h, high: fluids.lPerH.high * h },
      sodiumMg: { low: fluids.sodiumMgPerH.low * h, high: fluids.sodiumMgPerH.high * h },
    };
  });
  const sum = (f: (s: FuelStop) => number) => stops.reduce((a, s) => a + f(s), 0);
  const totals = {
    carbsG: sum((s) => s.carbsG),
    fluidL: { low: sum((s) => s.fluidL.low), high: sum((s) => s.fluidL.high) },
    sodiumMg: { low: sum((s) => s.sodiumMg.low), high: sum((s) => s.sodiumMg.high) },
  };
  const notes: string[] = [];
  if (stops.length === 0)
    notes.push(layout.kind === 'gels' ? 'No gel falls due before the finish at this rate.' : 'No aid station before the finish.');
  const covered = stops.at(-1)?.clockS ?? 0;
  if (stops.length > 0 && durationS - covered > 0)
    notes.push('Each stop covers the stretch since the one before; the last stretch to the finish needs nothing more.');
  return {
    ok: true,
    plan: {
      distanceM,
      durationS,
      durationBasis: input.durationBasis,
      clockBasis: clock.basis,
      carbs,
      fluids,
      layout,
      stops,
      totals,
      notes,
    },
  };
}

/** How many multiples of `step` fall strictly before `end` (a rounding hair short of the finish is the finish). */
const stopsBefore = (end: number, step: number) => Math.max(0, Math.ceil(end / step - 1e-9) - 1);

/** Where the stops are: the given marks (checked), every N km, or a gel each time gramsPerGel is due. */
function stopMarks(
  layout: FuellingLayout,
  distanceM: number,
  durationS: number,
  gPerH: number,
  clock: ReturnType<typeof clockOf>,
): ClockPoint[] | FuellingError {
  const at = (m: number) => ({ distanceM: m, clockS: clock.at(m) });
  if (layout.kind === 'aidStations') {
    const km = layout.km;
    if (km.length > MAX_STOPS) return { field: 'aidStationsKm', message: `At most ${MAX_STOPS} aid stations` };
    for (let i = 0; i < km.length; i++) {
      const k = km[i]!;
      if (!Number.isFinite(k) || k <= 0 || k * 1000 >= distanceM)
        return { field: 'aidStationsKm', message: `Aid station ${k} km is not between the start and the finish (${distanceM / 1000} km)` };
      if (i > 0 && k <= km[i - 1]!) return { field: 'aidStationsKm', message: 'Aid stations must be in order along the course, each once' };
    }
    return km.map((k) => at(k * 1000));
  }
  if (layout.kind === 'everyKm') {
    const n = layout.km;
    if (!Number.isFinite(n) || n <= 0 || n * 1000 >= distanceM)
      return { field: 'everyKm', message: 'Every N km needs N above 0 and short of the finish' };
    const count = stopsBefore(distanceM, n * 1000);
    if (count > MAX_STOPS) return { field: 'everyKm', message: `At most ${MAX_STOPS} aid stations` };
    return Array.from({ length: count }, (_, i) => at((i + 1) * n * 1000));
  }
  const g = layout.gramsPerGel;
  if (!Number.isFinite(g) || g < GEL_GRAMS.min || g > GEL_GRAMS.max)
    return { field: 'carbsPerGel', message: `A gel holds ${GEL_GRAMS.min}–${GEL_GRAMS.max} g of carbohydrate` };
  if (gPerH <= 0) return [];
  const everyS = (g / gPerH) * 3600;
  const count = stopsBefore(durationS, everyS);
  if (count > MAX_STOPS) return { field: 'carbsPerGel', message: `More than ${MAX_STOPS} gels: choose bigger gels` };
  return Array.from({ length: count }, (_, i) => {
    const s = (i + 1) * everyS;
    return { distanceM: clock.distanceAt(s), clockS: s };
  });
}
