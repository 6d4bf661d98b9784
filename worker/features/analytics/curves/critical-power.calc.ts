// Critical power and W′ (critical speed and D′ for runs) from a mean-maximal curve. The model is the two-parameter
// one (Monod & Scherrer 1965) in its linear work–time form: work = CP·t + W′, fitted by least squares over the
// curve's points inside a duration window (2–20 min by default, as the 3- and 12-minute tests bracket it).
// Pure; every answer says which points it rests on and how well they fit, or why there is no answer.

export interface CurveSample {
  /** Seconds. */
  t: number;
  /** Mean power (W) or speed (m/s) over t. */
  mean: number;
}

export interface ModelWindow {
  fromS: number;
  toS: number;
}

export const DEFAULT_WINDOW: ModelWindow = { fromS: 120, toS: 1200 };
/** Points needed inside the window, and how far apart the shortest and longest must be, for a fit worth showing. */
export const MIN_POINTS = 3;
const MIN_SPAN_RATIO = 4;
/**
 * W′/CP (D′/CS) below this many seconds means the best means barely fall from 2 to 20 minutes: one steady
 * session's pace, not maximal efforts, whose near-straight work line fits "±0.2 %" and says nothing of CP (issue 55).
 * Maximal efforts give 20–100 s (elite runners' D′ 100–200 m at 5–6 m/s; cyclists' W′ 10–25 kJ at 200–400 W).
 */
export const MIN_RESERVE_S = 15;

/**
 * A fit claims a margin of error (± on CP and W′) only when its efforts come from two sessions at least: one
 * recording's best efforts are nested windows of it, and their scatter about the line is no standard error (issue
 * 55's "CS ± 0.2 %" from one easy long run). The thresholds page and the models card both ask this.
 */
export const claimsMargin = (activityIds: readonly string[]) => new Set(activityIds).size >= 2;

export interface CriticalFit {
  /** Critical power (W) or critical speed (m/s): the slope. */
  critical: number;
  /** W′ (J) or D′ (m): the intercept. */
  reserve: number;
  criticalSE: number;
  reserveSE: number;
  /** Standard error of the estimate of the work (J) or distance (m) at a point. */
  see: number;
  r2: number;
  /** The points fitted, in seconds. */
  used: number[];
  window: ModelWindow;
}

export type FitAnswer = { fit: CriticalFit } | { insufficient: string };

export function fitCritical(samples: CurveSample[], window: ModelWindow = DEFAULT_WINDOW): FitAnswer {
  const pts = samples.filter((s) => s.t >= window.fromS && s.t <= window.toS && s.mean > 0).sort((a, b) => a.t - b.t);
  if (pts.length < MIN_POINTS)
    return {
      insufficient: `needs best efforts at ${MIN_POINTS} or more durations between ${label(window.fromS)} and ${label(window.toS)}`,
    };
  const shortest = pts[0]!.t;
  const longest = pts.at(-1)!.t;
  if (longest < shortest * MIN_SPAN_RATIO)
    return { insufficient: `needs efforts from ${label(window.fromS)} to at least ${label(window.fromS * MIN_SPAN_RATIO)}` };
  const n = pts.length;
  const xs = pts.map((p) => p.t);
  const ys = pts.map((p) => p.mean * p.t);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  const critical = sxy / sxx;
  const reserve = my - critical * mx;
  if (!(critical > 0) || !(reserve > 0))
    return {
      insufficient: 'the best efforts in the window do not fall with duration as the model needs: go hard for 3 and for 12 minutes',
    };
  if (reserve / critical < MIN_RESERVE_S)
    return {
      insufficient:
        'not enough data: the best efforts barely fall from 2 to 20 minutes, as in one steady session, so they are not maximal: go hard for 3 and for 12 minutes',
    };
  const sse = Math.max(0, syy - critical * sxy);
  const see = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  const criticalSE = see / Math.sqrt(sxx);
  const reserveSE = see * Math.sqrt(1 / n + (mx * mx) / sxx);
  return {
    fit: { critical, reserve, criticalSE, reserveSE, see, r2: syy > 0 ? 1 - sse / syy : 1, used: xs, window },
  };
}

/** The model's mean at duration t: W′/t + CP. */
export const modelMean = (fit: Pick<CriticalFit, 'critical' | 'reserve'>, t: number): number => fit.critical + fit.reserve / t;

const label = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);
