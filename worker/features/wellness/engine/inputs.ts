// The engine's inputs: each a daily series named in plain words, with the lag and window it is read at, and the
// source of every day's value. Built purely from the gathered EngineData; gatherInputs reads it for a range.
import { daysBetween, fromEpochDay, toEpochDay } from '../../../lib/dates';
import { PRECEDENCE, type NumericFieldKey, type WellnessSource } from '../wellness.fields';
import { wellnessSourceName } from '../wellness.policy';
import { type EngineData, type FieldDays, type InputSource, trainingStart } from './engine-data';
import type { InputSpec } from './questions.calc';

export interface EngineInput extends InputSpec {
  /** The source of each day's value in `series`. */
  sources: ReadonlyMap<string, InputSource>;
}

/** Reads the athlete's gathered data for from..to (the engine service's reader: DB, policy-filtered). */
export type EngineReader = (from: string, to: string) => Promise<EngineData>;

/** Runs this long or longer count as long runs. */
export const LONG_RUN_S = 90 * 60;

type Series = { series: Map<string, number>; sources: Map<string, InputSource> };
const empty = (): Series => ({ series: new Map(), sources: new Map() });

/** A field merged by precedence (the athlete's check-in first), each day with its source. */
function merged(days: FieldDays | undefined, scale = (v: number) => v): Series {
  const out = empty();
  for (const [day, bySource] of Object.entries(days ?? {})) {
    const s = PRECEDENCE.find((p) => bySource[p] !== undefined);
    if (s) {
      out.series.set(day, scale(bySource[s]!));
      out.sources.set(day, s);
    }
  }
  return out;
}

/** One source only: the one with the most days (ties: by precedence), so a series never mixes devices. */
function mainSource(days: FieldDays | undefined, scale = (v: number) => v): Series & { source: WellnessSource | null } {
  const counts = new Map<WellnessSource, number>();
  for (const bySource of Object.values(days ?? {}))
    for (const s of Object.keys(bySource) as WellnessSource[]) counts.set(s, (counts.get(s) ?? 0) + 1);
  const source = [...counts].sort((a, b) => b[1] - a[1] || PRECEDENCE.indexOf(a[0]) - PRECEDENCE.indexOf(b[0]))[0]?.[0] ?? null;
  const out = empty();
  if (source)
    for (const [day, bySource] of Object.entries(days ?? {}))
      if (bySource[source] !== undefined) {
        out.series.set(day, scale(bySource[source]!));
        out.sources.set(day, source);
      }
  return { ...out, source };
}

/**
 * The training record as arrays by day over the window plus the 35 days before it (the widest look-back), so each
 * day's windowed sums are two prefix-sum reads: a full pass over three years stays a few milliseconds.
 */
function trainingDays(data: EngineData) {
  const lookback = 35;
  const first = toEpochDay(data.from) - lookback;
  const n = toEpochDay(data.to) - first + 1;
  const load = new Float64Array(n);
  const longRuns = new Float64Array(n);
  const above = new Float64Array(n);
  const zoned = new Float64Array(n);
  const zonedKnown = new Float64Array(n);
  for (const [day, l] of Object.entries(data.load)) {
    const i = toEpochDay(day) - first;
    if (i >= 0 && i < n) load[i] = l;
  }
  for (const a of data.activities) {
    const i = toEpochDay(a.day) - first;
    if (i < 0 || i >= n) continue;
    if (a.sport === 'run' && a.movingS >= LONG_RUN_S) longRuns[i]! += 1;
    if (a.aboveS !== null && a.zonedS !== null) {
      above[i]! += a.aboveS;
      zoned[i]! += a.zonedS;
      zonedKnown[i]! += 1;
    }
  }
  const prefix = (xs: Float64Array) => {
    const p = new Float64Array(xs.length + 1);
    for (let i = 0; i < xs.length; i++) p[i + 1] = p[i]! + xs[i]!;
    return p;
  };
  const trainedP = prefix(load.map((l) => (l > 0 ? 1 : 0)));
  const p = {
    load: prefix(load),
    longRuns: prefix(longRuns),
    above: prefix(above),
    zoned: prefix(zoned),
    known: prefix(zonedKnown),
    trained: trainedP,
  };
  /** Sum of `xs` over the `days` days ending at index i (clipped at the array's start). */
  const sum = (xs: Float64Array, i: number, days: number) => xs[i + 1]! - xs[Math.max(0, i + 1 - days)]!;
  return { first, n, lookback, p, sum };
}

/** A series computed for each day of the window from the training record, once it has `warmup` days of history. */
function training(data: EngineData, t: ReturnType<typeof trainingDays>, warmup: number, value: (i: number) => number | null): Series {
  const out = empty();
  const start = trainingStart(data);
  if (!start) return out;
  const from = Math.max(toEpochDay(start) + warmup, toEpochDay(data.from));
  for (let i = from - t.first; i < t.n; i++) {
    const v = value(i);
    if (v !== null && Number.isFinite(v)) {
      const day = fromEpochDay(t.first + i);
      out.series.set(day, v);
      out.sources.set(day, 'activities');
    }
  }
  return out;
}

const wellnessField = (data: EngineData, f: NumericFieldKey) => data.wellness[f];

/** The wellness fields each input reads (none: the training record only); a patch rebuilds only what a field feeds. */
export const INPUT_FIELDS: Readonly<Record<string, readonly NumericFieldKey[]>> = {
  sleep: ['sleepS'],
  sleep_7d: ['sleepS'],
  sleep_quality: ['sleepQuality'],
  sleep_score: ['sleepScore'],
  hrv: ['hrvRmssd'],
  resting_hr: ['restingHr'],
  soreness: ['soreness'],
  fatigue: ['fatigue'],
  stress: ['stress'],
  device_stress: ['deviceStress'],
  mood: ['mood'],
  motivation: ['motivation'],
  load_ramp: [],
  long_runs_14d: [],
  intensity_7d: [],
  days_off_7d: [],
  weight_trend: ['weightKg'],
  tsb: [],
};

/** Computed on first use only: a patch builds the one or two inputs a check-in touched. */
function lazy<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}

/**
 * The athlete's inputs over the gathered window (the same list every time, so the family's size is stable;
 * an input with no days is still asked and counted as untested). `only`: build just those.
 */
export function inputsOf(data: EngineData, only?: (key: string) => boolean): EngineInput[] {
  const t = lazy(() => trainingDays(data));
  const sum = (xs: Float64Array, i: number, days: number) => t().sum(xs, i, days);
  const hours = (s: number) => Math.round((s / 3600) * 100) / 100;
  const sleep = lazy(() => merged(wellnessField(data, 'sleepS'), hours));
  const hrv = lazy(() => mainSource(wellnessField(data, 'hrvRmssd'), (v) => Math.log(v)));
  const rhr = lazy(() => mainSource(wellnessField(data, 'restingHr')));
  const weightTrend = lazy(() => {
    const weight = merged(wellnessField(data, 'weightKg'));
    const meanNear = (day: number) => {
      // The weight of a day: the mean of the readings in the 3 days ending on it (a single weigh-in is noisy).
      let s = 0;
      let n = 0;
      for (let i = 0; i < 3; i++) {
        const v = weight.series.get(fromEpochDay(day - i));
        if (v !== undefined) {
          s += v;
          n++;
        }
      }
      return n > 0 ? s / n : null;
    };
    const out = empty();
    for (const day of weight.series.keys()) {
      const e = toEpochDay(day);
      const now = meanNear(e);
      const before = meanNear(e - 14);
      if (now !== null && before !== null) {
        out.series.set(day, Math.round((now - before) * 100) / 100);
        out.sources.set(day, weight.sources.get(day)!);
      }
    }
    return out;
  });
  const spec = (key: string, label: string, unit: string, s: Series, lag: number, window = 1): EngineInput => ({
    key,
    label,
    unit,
    series: s.series,
    sources: s.sources,
    lag,
    window,
  });
  const scale = (f: NumericFieldKey) => merged(wellnessField(data, f));
  const defs: [string, () => EngineInput][] = [
    // Sleep is stored on its wake day, so "the night before" an outcome is the same day's value.
    ['sleep', () => spec('sleep', 'sleep the night before', 'h', sleep(), 0)],
    ['sleep_7d', () => spec('sleep_7d', 'your 7-day average sleep', 'h', sleep(), 0, 7)],
    ['sleep_quality', () => spec('sleep_quality', 'sleep quality (1–4)', '', scale('sleepQuality'), 0)],
    ['sleep_score', () => spec('sleep_score', "your device's sleep score", '', scale('sleepScore'), 0)],
    ['hrv', () => spec('hrv', `HRV that morning (ln rMSSD${hrv().source ? `, ${wellnessSourceName(hrv().source!)}` : ''})`, '', hrv(), 0)],
    [
      'resting_hr',
      () => spec('resting_hr', `resting HR that morning${rhr().source ? ` (${wellnessSourceName(rhr().source!)})` : ''}`, 'bpm', rhr(), 0),
    ],
    ['soreness', () => spec('soreness', 'soreness (1–4)', '', scale('soreness'), 0)],
    ['fatigue', () => spec('fatigue', 'fatigue (1–4)', '', scale('fatigue'), 0)],
    ['stress', () => spec('stress', 'stress (1–4)', '', scale('stress'), 0)],
    ['device_stress', () => spec('device_stress', "your device's stress score the day before", '', scale('deviceStress'), 1)],
    ['mood', () => spec('mood', 'mood (1–4)', '', scale('mood'), 0)],
    ['motivation', () => spec('motivation', 'motivation (1–4)', '', scale('motivation'), 0)],
    [
      'load_ramp',
      () =>
        spec(
          'load_ramp',
          'the 7 days’ load against the 4 weeks before',
          '%',
          training(data, t(), 34, (i) => {
            const before = sum(t().p.load, i - 7, 28) / 4;
            return before > 0 ? Math.round((sum(t().p.load, i, 7) / before) * 100) : null;
          }),
          1,
        ),
    ],
    [
      'long_runs_14d',
      () =>
        spec(
          'long_runs_14d',
          'long runs (90 min or more) in the 14 days before',
          '',
          training(data, t(), 13, (i) => sum(t().p.longRuns, i, 14)),
          1,
        ),
    ],
    [
      'intensity_7d',
      () =>
        spec(
          'intensity_7d',
          'the share of time above threshold HR in the 7 days before',
          '%',
          training(data, t(), 6, (i) => {
            const zoned = sum(t().p.zoned, i, 7);
            return sum(t().p.known, i, 7) > 0 && zoned > 0 ? Math.round((sum(t().p.above, i, 7) / zoned) * 1000) / 10 : null;
          }),
          1,
        ),
    ],
    [
      'days_off_7d',
      () =>
        spec(
          'days_off_7d',
          'days off in the 7 days before',
          '',
          training(data, t(), 6, (i) => 7 - sum(t().p.trained, i, 7)),
          1,
        ),
    ],
    ['weight_trend', () => spec('weight_trend', 'your weight change over the 14 days before', 'kg', weightTrend(), 0)],
    // analytics' TSB of a day is the day before's CTL − ATL: the form the athlete brings into the day.
    [
      'tsb',
      () =>
        spec(
          'tsb',
          'form (TSB) coming into the day',
          '',
          training(data, t(), 0, (i) => data.tsb[fromEpochDay(t().first + i)] ?? null),
          0,
        ),
    ],
  ];
  return defs.filter(([k]) => !only || only(k)).map(([, build]) => build());
}

/** The athlete's inputs for from..to, read through the engine's reader (wellness and analytics, policy-filtered). */
export async function gatherInputs(read: EngineReader, from: string, to: string): Promise<EngineInput[]> {
  return inputsOf(await read(from, to));
}

/** Days covered, for the words of a range ("over 412 days"). */
export const spanDays = (data: Pick<EngineData, 'from' | 'to'>) => daysBetween(data.from, data.to) + 1;
