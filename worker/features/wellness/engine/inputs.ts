// The engine's inputs: each a daily series named in plain words, with the lag and window it is read at, and the
// source of every day's value. Built purely from the gathered EngineData; gatherInputs reads it for a range.
import { addDays, daysBetween } from '../../../lib/dates';
import { PRECEDENCE, type NumericFieldKey, type WellnessSource } from '../wellness.fields';
import type { EngineData, FieldDays, InputSource } from './engine-data';
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

/** Every day from `from` to `to`. */
function* eachDay(from: string, to: string) {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/** A series computed for each day from the training record (only once there are `warmup` days of history before it). */
function training(data: EngineData, warmup: number, value: (day: string) => number | null): Series {
  const out = empty();
  if (!data.firstTrainingDay) return out;
  const start = addDays(data.firstTrainingDay, warmup) > data.from ? addDays(data.firstTrainingDay, warmup) : data.from;
  for (const day of eachDay(start, data.to)) {
    const v = value(day);
    if (v !== null && Number.isFinite(v)) {
      out.series.set(day, v);
      out.sources.set(day, 'activities');
    }
  }
  return out;
}

const sumLoad = (data: EngineData, end: string, days: number) => {
  let s = 0;
  for (let i = 0; i < days; i++) s += data.load[addDays(end, -i)] ?? 0;
  return s;
};

/** Activities by day (the window sums read them). */
function activitiesByDay(data: EngineData) {
  const by = new Map<string, EngineData['activities']>();
  for (const a of data.activities) by.set(a.day, [...(by.get(a.day) ?? []), a]);
  return by;
}

const wellnessField = (data: EngineData, f: NumericFieldKey) => data.wellness[f];

/**
 * The athlete's inputs over the gathered window (the same list every time, so the family's size is stable;
 * an input with no days is still asked and counted as untested).
 */
export function inputsOf(data: EngineData): EngineInput[] {
  const byDay = activitiesByDay(data);
  const hours = (s: number) => Math.round((s / 3600) * 100) / 100;
  const sleep = merged(wellnessField(data, 'sleepS'), hours);
  const hrv = mainSource(wellnessField(data, 'hrvRmssd'), (v) => Math.log(v));
  const rhr = mainSource(wellnessField(data, 'restingHr'));
  const weight = merged(wellnessField(data, 'weightKg'));
  const windowSum = (end: string, days: number, f: (a: EngineData['activities'][number]) => number | null) => {
    let s = 0;
    let known = false;
    for (let i = 0; i < days; i++)
      for (const a of byDay.get(addDays(end, -i)) ?? []) {
        const v = f(a);
        if (v !== null) {
          s += v;
          known = true;
        }
      }
    return known ? s : null;
  };
  const meanNear = (day: string) => {
    // The weight of a day: the mean of the readings in the 3 days ending on it (a single weigh-in is noisy).
    let s = 0;
    let n = 0;
    for (let i = 0; i < 3; i++) {
      const v = weight.series.get(addDays(day, -i));
      if (v !== undefined) {
        s += v;
        n++;
      }
    }
    return n > 0 ? s / n : null;
  };
  const weightTrend = empty();
  for (const day of weight.series.keys()) {
    const now = meanNear(day);
    const before = meanNear(addDays(day, -14));
    if (now !== null && before !== null) {
      weightTrend.series.set(day, Math.round((now - before) * 100) / 100);
      weightTrend.sources.set(day, weight.sources.get(day)!);
    }
  }
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
  return [
    // Sleep is stored on its wake day, so "the night before" an outcome is the same day's value.
    spec('sleep', 'sleep the night before', 'h', sleep, 0),
    spec('sleep_7d', 'your 7-day average sleep', 'h', sleep, 0, 7),
    spec('sleep_quality', 'sleep quality (1–4)', '', scale('sleepQuality'), 0),
    spec('sleep_score', "your device's sleep score", '', scale('sleepScore'), 0),
    spec('hrv', `HRV that morning (ln rMSSD${hrv.source ? `, ${hrv.source}` : ''})`, '', hrv, 0),
    spec('resting_hr', `resting HR that morning${rhr.source ? ` (${rhr.source})` : ''}`, 'bpm', rhr, 0),
    spec('soreness', 'soreness (1–4)', '', scale('soreness'), 0),
    spec('fatigue', 'fatigue (1–4)', '', scale('fatigue'), 0),
    spec('stress', 'stress (1–4)', '', scale('stress'), 0),
    spec('device_stress', "your device's stress score the day before", '', scale('deviceStress'), 1),
    spec('mood', 'mood (1–4)', '', scale('mood'), 0),
    spec('motivation', 'motivation (1–4)', '', scale('motivation'), 0),
    spec(
      'load_ramp',
      'the last 7 days’ load against the 4 weeks before',
      '%',
      training(data, 34, (d) => {
        const before = sumLoad(data, addDays(d, -7), 28) / 4;
        return before > 0 ? Math.round((sumLoad(data, d, 7) / before) * 100) : null;
      }),
      1,
    ),
    spec(
      'long_runs_14d',
      'long runs (90 min or more) in the 14 days before',
      '',
      training(data, 13, (d) => windowSum(d, 14, (a) => (a.sport === 'run' && a.movingS >= LONG_RUN_S ? 1 : 0)) ?? 0),
      1,
    ),
    spec(
      'intensity_7d',
      'the share of time above threshold HR in the 7 days before',
      '%',
      training(data, 6, (d) => {
        const above = windowSum(d, 7, (a) => a.aboveS);
        const zoned = windowSum(d, 7, (a) => a.zonedS);
        return above !== null && zoned ? Math.round((above / zoned) * 1000) / 10 : null;
      }),
      1,
    ),
    spec(
      'days_off_7d',
      'days off in the 7 days before',
      '',
      training(data, 6, (d) => {
        let off = 0;
        for (let i = 0; i < 7; i++) if (!(data.load[addDays(d, -i)]! > 0)) off++;
        return off;
      }),
      1,
    ),
    spec('weight_trend', 'your weight change over the 14 days before', 'kg', weightTrend, 0),
    spec(
      'tsb',
      'form (TSB) the day before',
      '',
      training(data, 0, (d) => data.tsb[d] ?? null),
      1,
    ),
  ];
}

/** The athlete's inputs for from..to, read through the engine's reader (wellness and analytics, policy-filtered). */
export async function gatherInputs(read: EngineReader, from: string, to: string): Promise<EngineInput[]> {
  return inputsOf(await read(from, to));
}

/** Days covered, for the words of a range ("over 412 days"). */
export const spanDays = (data: Pick<EngineData, 'from' | 'to'>) => daysBetween(data.from, data.to) + 1;
