// Critical power and W′ (critical speed and D′ for runs) from a mean-maximal curve. The model is the two-parameter
// one (Monod & Scherrer 1965) in its linear work–time form: work = CP·t + W′, fitted by least squares over the
// curve's maximal efforts inside a duration window (2–20 min by default, as the 3- and 12-minute tests bracket it).
// Pure; every answer says which points it rests on and how well they fit, or why there is no answer.

export interface CurveSample {
  /** Seconds. */
  t: number;
  /** Mean power (W) or speed (m/s) over t. */
  mean: number;
  /** The point's receipt, where the caller has it: the activity and the second its window starts. */
  activityId?: string;
  startS?: number;
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
  /** The window's other points, each with why it is not a maximal effort (the page's receipts). */
  leftOut: LeftOut[];
  window: ModelWindow;
}

/**
 * Why a point is not fitted: `longer` — a longer effort seen over a shorter window (the curve is flat there);
 * `easier` — a shorter effort with easier time around it in the same activity; `under` — under the line of the
 * maximal efforts, so not all-out.
 */
export type LeftOutReason = 'longer' | 'easier' | 'under';
export interface LeftOut {
  t: number;
  reason: LeftOutReason;
}

export type FitAnswer = { fit: CriticalFit } | { insufficient: string };

// A point whose mean is within this of the next longer point's is that longer effort seen over a shorter window
// (the curve is flat between two separate efforts), not an effort of its own. A maximal curve still falls by more
// between the ladder's points: 0.26 % from 18 to 20 min at CP 350 W and W′ 10 kJ.
const FLAT_SHARE = 0.001;
// A point further than this below the upper envelope of work against time is submaximal. Loose enough for the
// ±2 % a real curve wobbles by; the flat and mixture rules catch what lies closer.
const ENVELOPE_SLACK = 0.05;
// The largest W′/CP (D′/CS) taken as plausible, in seconds. A maximal effort of t_p at P_p then implies
// CP ≥ P_p · t_p / (t_p + TAU_MAX); a longer window that adds to it time below that is not maximal (see `isMixture`).
const TAU_MAX_S = 120;

const work = (p: CurveSample) => p.mean * p.t;

/**
 * True when `q` is a shorter point's effort `p` plus easier time around it, in the same activity: q's window contains
 * p's, and the time q adds is below the lowest CP that p, if maximal, allows. Under the model a maximal effort extended
 * goes on at CP (work_q − work_p = CP·(t_q − t_p)); anything slower puts q under the line W′ + CP·t. Needs both
 * receipts; without them (a curve with no start seconds) nothing is a mixture and the envelope rule alone applies.
 */
function isMixture(q: CurveSample, shorter: CurveSample[]): boolean {
  if (q.activityId === undefined || q.startS === undefined) return false;
  const qStart = q.startS;
  return shorter.some((p) => {
    if (p.activityId !== q.activityId || p.startS === undefined || p.t >= q.t) return false;
    if (p.startS < qStart || p.startS + p.t > qStart + q.t) return false;
    const added = (work(q) - work(p)) / (q.t - p.t);
    return added < (p.mean * p.t) / (p.t + TAU_MAX_S);
  });
}

/**
 * The curve's points that are maximal efforts. On a mean-max curve, between two separate maximal efforts the curve is
 * flat at the longer effort's power, and past an effort the curve is that effort plus easy riding; in the work–time
 * plane both lie below the line W′ + CP·t the maximal efforts lie on, and fitting them biases W′ low (−17 % from five
 * rides of one effort each) or, for a lone effort, returns the easy riding as CP. So the fit takes the upper envelope,
 * as GoldenCheetah's and ActivityLog2's search intervals do (domain reference, "Duration curves"; ADR 063): points
 * where the curve still falls (FLAT_SHARE), that are not a shorter point's effort plus easier time in the same activity
 * (`isMixture`, from the points' receipts), and that lie on or near the upper concave hull of work (ENVELOPE_SLACK).
 * The rest come back with their reason.
 */
export function maximalEfforts(sorted: CurveSample[]): { kept: CurveSample[]; leftOut: LeftOut[] } {
  const leftOut: LeftOut[] = [];
  const falling = sorted.filter((p, i) => {
    const next = sorted[i + 1];
    const reason: LeftOutReason | null =
      next && p.mean <= next.mean * (1 + FLAT_SHARE) ? 'longer' : isMixture(p, sorted.slice(0, i)) ? 'easier' : null;
    if (reason) leftOut.push({ t: p.t, reason });
    return reason === null;
  });
  // Upper concave hull of (t, work), monotone chain: a point on or under the chord of its neighbours is not a vertex.
  const hull: CurveSample[] = [];
  for (const p of falling) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      if ((work(b) - work(a)) * (p.t - a.t) > (work(p) - work(a)) * (b.t - a.t)) break;
      hull.pop();
    }
    hull.push(p);
  }
  const envelope = (t: number): number => {
    let k = 1;
    while (k < hull.length - 1 && hull[k]!.t < t) k++;
    const a = hull[k - 1]!;
    const b = hull[k] ?? a;
    return b.t === a.t ? work(a) : work(a) + ((work(b) - work(a)) * (t - a.t)) / (b.t - a.t);
  };
  const kept = falling.filter((p) => {
    const on = work(p) >= envelope(p.t) * (1 - ENVELOPE_SLACK);
    if (!on) leftOut.push({ t: p.t, reason: 'under' });
    return on;
  });
  return { kept, leftOut: leftOut.sort((a, b) => a.t - b.t) };
}

export function fitCritical(samples: CurveSample[], window: ModelWindow = DEFAULT_WINDOW): FitAnswer {
  const inWindow = samples.filter((s) => s.t >= window.fromS && s.t <= window.toS && s.mean > 0).sort((a, b) => a.t - b.t);
  if (inWindow.length < MIN_POINTS)
    return {
      insufficient: `needs best efforts at ${MIN_POINTS} or more durations between ${label(window.fromS)} and ${label(window.toS)}`,
    };
  const spanOf = (xs: CurveSample[]) => xs.at(-1)!.t >= xs[0]!.t * MIN_SPAN_RATIO;
  if (!spanOf(inWindow))
    return { insufficient: `needs efforts from ${label(window.fromS)} to at least ${label(window.fromS * MIN_SPAN_RATIO)}` };
  const { kept: pts, leftOut } = maximalEfforts(inWindow);
  if (pts.length < MIN_POINTS || !spanOf(pts))
    return {
      insufficient:
        pts.length === 0 || (pts.length === 1 && !inWindow.some((q, i) => isMixture(q, inWindow.slice(0, i))))
          ? 'the best efforts in the window do not fall with duration as the model needs: go hard for 3 and for 12 minutes'
          : `needs maximal efforts at ${MIN_POINTS} or more durations from ${label(window.fromS)} to at least ${label(window.fromS * MIN_SPAN_RATIO)}: the curve there rests on ${pts.length} (${pts.map((p) => label(p.t)).join(', ')}), the rest are those efforts with easier time around them or longer efforts seen over shorter windows`,
    };
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
    fit: { critical, reserve, criticalSE, reserveSE, see, r2: syy > 0 ? 1 - sse / syy : 1, used: xs, leftOut, window },
  };
}

/** The model's mean at duration t: W′/t + CP. */
export const modelMean = (fit: Pick<CriticalFit, 'critical' | 'reserve'>, t: number): number => fit.critical + fit.reserve / t;

const label = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);
