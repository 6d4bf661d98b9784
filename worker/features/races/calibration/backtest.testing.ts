// The calibration backtest (issue 56, ADR 096): for every generated athlete and race distance, predictFinish from
// what the data shows today, then whether the actual time fell in the 80 % range, how wide it was and how far the
// middle missed — overall and by stratum, and for each method alone. Shared by the benchmark
// (bench/race-calibration.bench.ts) and the node-lane guard (backtest.test.ts).
import { predictFinish } from '../predict.calc';
import type { MethodName } from '../races.types';
import { type GeneratedAthlete, type GeneratorOptions, generateAthletes, RACE_DISTANCES } from './athletes.testing';

export interface Outcome {
  distanceM: number;
  bests: number;
  lowVolume: boolean;
  withCs: boolean;
  actualS: number;
  low: number;
  mid: number;
  high: number;
  methods: Partial<Record<MethodName, number>>;
  /** Which race, where the outcome is a real one (the public set). */
  label?: string;
}

export interface Backtest {
  outcomes: Outcome[];
  /** Athlete × distance pairs answered "not enough data yet" (no usable best). */
  notEnoughData: number;
}

/** True volume under 40 km a week: the generator's hidden figure, not what the app reported. */
export const LOW_VOLUME_KM = 40;

export function backtestAthletes(athletes: Iterable<GeneratedAthlete>, distances: readonly number[] = RACE_DISTANCES): Backtest {
  const outcomes: Outcome[] = [];
  let notEnoughData = 0;
  for (const a of athletes) {
    for (const distanceM of distances) {
      const p = predictFinish({ ...a.input, race: { distanceM, date: a.raceDate } });
      if (p.state !== 'predicted') {
        notEnoughData++;
        continue;
      }
      const methods: Outcome['methods'] = {};
      for (const m of p.methods) if (m.ran) methods[m.method] = m.timeS;
      outcomes.push({
        distanceM,
        bests: p.used.length,
        lowVolume: a.trueKmPerWeek < LOW_VOLUME_KM,
        withCs: methods.criticalSpeed !== undefined,
        actualS: a.truth.get(distanceM)!,
        ...p.range,
        methods,
      });
    }
  }
  return { outcomes, notEnoughData };
}

export const backtest = (athletes: number, seed: number, options?: GeneratorOptions): Backtest =>
  backtestAthletes(generateAthletes(athletes, seed, options));

export interface Summary {
  n: number;
  /** Share of actual times inside [low, high]. */
  coverage: number;
  /** Share faster than low, and slower than high. */
  fast: number;
  slow: number;
  /** Mean (high − low) ÷ mid, %. */
  widthPct: number;
  /** Median |actual − mid| ÷ mid, %. */
  mdapePct: number;
  /** Median (actual − mid) ÷ mid, %: positive when the athletes ran slower than the middle. */
  biasPct: number;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Coverage, width and error of the outcomes; with `method`, of that method alone: its time as the middle and the
 * same range scaled onto it (so the range's shape is the core's, only its centre the method's).
 */
export function summarize(outcomes: Outcome[], method?: MethodName): Summary {
  const rows = method ? outcomes.filter((o) => o.methods[method] !== undefined) : outcomes;
  let inside = 0;
  let fast = 0;
  let slow = 0;
  let width = 0;
  const errors: number[] = [];
  for (const o of rows) {
    const mid = method ? o.methods[method]! : o.mid;
    const scale = mid / o.mid;
    const low = o.low * scale;
    const high = o.high * scale;
    if (o.actualS < low) fast++;
    else if (o.actualS > high) slow++;
    else inside++;
    width += (high - low) / mid;
    errors.push((o.actualS - mid) / mid);
  }
  const n = rows.length;
  return {
    n,
    coverage: inside / n,
    fast: fast / n,
    slow: slow / n,
    widthPct: (100 * width) / n,
    mdapePct: 100 * median(errors.map(Math.abs)),
    biasPct: 100 * median(errors),
  };
}

const distanceName = (d: number) => ({ 5000: '5 km', 10000: '10 km', 21097.5: 'half', 42195: 'marathon' })[d] ?? `${d} m`;

/** The strata the benchmark reports: each a label and the outcomes in it. */
export function strata(outcomes: Outcome[]): [string, Outcome[]][] {
  const by = (label: string, keep: (o: Outcome) => boolean): [string, Outcome[]] => [label, outcomes.filter(keep)];
  return [
    ['all', outcomes],
    ...RACE_DISTANCES.map((d) => by(distanceName(d), (o) => o.distanceM === d)),
    by('1 best', (o) => o.bests === 1),
    by('2 bests', (o) => o.bests === 2),
    by('3+ bests', (o) => o.bests >= 3),
    by(`volume < ${LOW_VOLUME_KM} km`, (o) => o.lowVolume),
    by(`volume ≥ ${LOW_VOLUME_KM} km`, (o) => !o.lowVolume),
    by('with CS', (o) => o.withCs),
    by('without CS', (o) => !o.withCs),
    by('marathon, volume < 40', (o) => o.distanceM === 42195 && o.lowVolume),
    by('marathon, 1 best', (o) => o.distanceM === 42195 && o.bests === 1),
  ];
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const pad = (s: string, n: number) => s.padStart(n);

/** The printed table: one line per stratum, then one per method. */
export function table(b: Backtest): string {
  const head = `${'stratum'.padEnd(24)}${pad('n', 7)}${pad('coverage', 10)}${pad('faster', 9)}${pad('slower', 9)}${pad('width', 9)}${pad('|err| md', 10)}${pad('bias md', 9)}`;
  const line = (label: string, s: Summary) =>
    `${label.padEnd(24)}${pad(String(s.n), 7)}${pad(pct(s.coverage), 10)}${pad(pct(s.fast), 9)}${pad(pct(s.slow), 9)}` +
    `${pad(`${s.widthPct.toFixed(1)} %`, 9)}${pad(`${s.mdapePct.toFixed(2)} %`, 10)}${pad(`${s.biasPct.toFixed(2)} %`, 9)}`;
  const rows = strata(b.outcomes).map(([label, os]) => line(label, summarize(os)));
  const methods = (['riegel', 'vdot', 'criticalSpeed'] as const).map((m) => line(`method: ${m}`, summarize(b.outcomes, m)));
  return [head, ...rows, ...methods, `not enough data yet: ${b.notEnoughData} athlete × distance pairs`].join('\n');
}
