// Which activities count on leaderboards and for achievements (ADR 082), each exclusion with the reason
// the athlete is shown. Pure: callers pass the rows (with their sample times and distances when they have
// streams) and the unit of work's data policy. The domain reference's cheating patterns, in order: provider
// terms, manual entries, no recording, linked or unlinked duplicates, impossible speeds, sparse sampling,
// synthetic timestamps; the plausibility layer's own doubts count too.
import {
  type ActivitySource,
  type DataQualityCode,
  isSameEffort,
  maxSpeedMps,
  pickCanonical,
  type Policy,
  type Sport,
} from '../activities';

export interface BoardActivity {
  id: string;
  athleteId: string;
  source: ActivitySource;
  sport: Sport;
  startTime: Date;
  elapsedTimeS: number;
  movingTimeS: number;
  distanceM: number;
  /** Set when duplicate linking made this row a copy of another (ADR 013). */
  duplicateOf: string | null;
  detailComplete: boolean;
  createdAt: Date;
  dataQuality: readonly { code: DataQualityCode }[];
  /**
   * Sample times (s since the start) and cumulative distance (m) of the recording, and whether it has GPS
   * positions; null for a summary.
   */
  samples: { t: readonly number[]; distanceM: readonly number[]; positions: boolean } | null;
}

export const EXCLUSION_CODES = [
  'provider_terms',
  'manual',
  'no_recording',
  'linked_duplicate',
  'duplicate',
  'impossible_speed',
  'sparse_samples',
  'synthetic_timestamps',
  'data_doubted',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface Exclusion {
  code: ExclusionCode;
  /** What the athlete reads beside the activity (the rule page says the same). */
  reason: string;
}

export interface Judged<A extends BoardActivity = BoardActivity> {
  activity: A;
  exclusion: Exclusion | null;
}

/**
 * The fastest any human holds for five minutes, per sport family: the 1,000 m world record is run at
 * 7.6 m/s (2:11.96) and the 5,000 m at 6.6; rides 25 m/s (a long Alpine descent; the hour record is
 * 15.8); swims 2.5 m/s (the 50 m record is 2.4). Faster for five minutes is a vehicle.
 */
const SUSTAINED_MPS: Readonly<Record<Sport, number>> = { run: 7.6, walk: 7.6, hike: 7.6, ride: 25, swim: 2.5, strength: 7.6, other: 70 };
const WINDOW_S = 300;
/** The domain reference: sparse GPS (≥ 10 s between fixes) cuts corners and lengthens nothing honestly. */
const SPARSE_MEDIAN_S = 10;
/** Real GPS moves speed from second to second by far more than this (noise alone is ~5–30 %). */
const SYNTHETIC_SPEED_CV = 0.01;
/** The plausibility layer's doubts that make a recording unfit to rank: its totals and samples disagree, a
 * best effort no human produced, a sport guessed from speed (ADR 012 keeps those out of sport PBs too). */
const DOUBTED: ReadonlySet<DataQualityCode> = new Set(['totals_disagree', 'implausible_effort', 'sport_inferred']);

/** The sentence each exclusion shows (the rule page lists them). */
export const EXCLUSION_REASONS: Readonly<Record<ExclusionCode, string>> = {
  provider_terms: "Came through Strava's API, whose terms keep it to you: upload the original or your Strava archive to compete.",
  manual: 'Entered by hand: only device or file recordings count.',
  no_recording: 'No recording behind it (a summary without samples).',
  linked_duplicate: 'Another recording of the same effort counts instead.',
  duplicate: 'Overlaps another recording of the same effort, which counts instead.',
  impossible_speed: 'Faster than anyone can go in this sport: a vehicle or a faulty recording.',
  sparse_samples: 'Recorded every 10 s or less often: too sparse to measure the distance fairly.',
  synthetic_timestamps: 'Its times look generated, not recorded (perfectly even pace between every point).',
  data_doubted: 'The data-quality checks doubted this recording (see its page).',
};

export const excluded = (code: ExclusionCode): Exclusion => ({ code, reason: EXCLUSION_REASONS[code] });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The fastest mean speed over any five-minute stretch of the recording (0 when shorter). */
function fastestWindowMps(t: readonly number[], d: readonly number[]): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (j < i && t[i]! - t[j]! > WINDOW_S) j++;
    const span = t[i]! - t[j]!;
    if (span >= WINDOW_S * 0.9) best = Math.max(best, (d[i]! - d[j]!) / span);
  }
  return best;
}

/** Generated times: every moving step at one speed, or time that does not run forwards. */
function syntheticTimes(t: readonly number[], d: readonly number[]): boolean {
  const speeds: number[] = [];
  for (let i = 1; i < t.length; i++) {
    const dt = t[i]! - t[i - 1]!;
    if (dt <= 0) return true;
    const v = (d[i]! - d[i - 1]!) / dt;
    if (v > 0.5) speeds.push(v);
  }
  if (speeds.length < 30) return false;
  const mean = speeds.reduce((s, v) => s + v, 0) / speeds.length;
  const sd = Math.sqrt(speeds.reduce((s, v) => s + (v - mean) ** 2, 0) / speeds.length);
  return sd / mean < SYNTHETIC_SPEED_CV;
}

/**
 * A source whose terms keep it off the boards: "upload the original" is the way, unless duplicate linking already
 * made it a copy of another recording (a Strava copy of a Garmin file), which is then what counts (issue 55).
 */
export const termsOrCopy = (a: Pick<BoardActivity, 'duplicateOf'>): Exclusion =>
  excluded(a.duplicateOf !== null ? 'linked_duplicate' : 'provider_terms');

/** One activity on its own (duplicates are judged against the others in `judgeActivities`). */
export function judgeOne(a: BoardActivity, policy: Policy): Exclusion | null {
  if (!policy.allows(a.source, 'social')) return termsOrCopy(a);
  if (a.source === 'manual') return excluded('manual');
  if (a.duplicateOf !== null) return excluded('linked_duplicate');
  const s = a.samples;
  if (!s || s.t.length < 2 || s.distanceM.length !== s.t.length) return excluded('no_recording');
  if (a.dataQuality.some((n) => DOUBTED.has(n.code))) return excluded('data_doubted');
  const mean = a.movingTimeS > 0 ? a.distanceM / a.movingTimeS : 0;
  // The plausibility layer's per-sample ceiling, held on average, or the five-minute human ceiling.
  if (mean > maxSpeedMps(a.sport) || fastestWindowMps(s.t, s.distanceM) > SUSTAINED_MPS[a.sport]) return excluded('impossible_speed');
  const steps = s.t.slice(1).map((t, i) => t - s.t[i]!);
  // Only GPS tracks: a treadmill's or trainer's device may report its belt or flywheel speed exactly.
  if (s.positions && syntheticTimes(s.t, s.distanceM)) return excluded('synthetic_timestamps');
  if (median(steps) >= SPARSE_MEDIAN_S) return excluded('sparse_samples');
  return null;
}

/**
 * Every activity judged. Among one athlete's activities that pass on their own, any two that are the same
 * effort by duplicate linking's rule count once (its canonical copy), even if the athlete split them: one
 * person cannot cover two distances at the same time.
 */
export function judgeActivities<A extends BoardActivity>(
  list: readonly A[],
  policy: Policy,
  /** Each activity's own verdict when already known (ADR 084's stored judgments); `judgeOne` otherwise. */
  single: (a: A) => Exclusion | null = (a) => judgeOne(a, policy),
): Judged<A>[] {
  const judged = list.map((activity) => ({ activity, exclusion: single(activity) }));
  const byAthlete = new Map<string, Judged<A>[]>();
  for (const j of judged) {
    if (j.exclusion) continue;
    const own = byAthlete.get(j.activity.athleteId);
    if (own) own.push(j);
    else byAthlete.set(j.activity.athleteId, [j]);
  }
  for (const own of byAthlete.values()) {
    own.sort((x, y) => x.activity.startTime.getTime() - y.activity.startTime.getTime());
    for (let i = 0; i < own.length; i++) {
      const x = own[i]!;
      if (x.exclusion) continue;
      for (let k = i + 1; k < own.length; k++) {
        const y = own[k]!;
        // Sorted by start: nothing later can overlap once a start is past this one's end.
        if (y.activity.startTime.getTime() > x.activity.startTime.getTime() + x.activity.elapsedTimeS * 1000 + 60_000) break;
        if (y.exclusion || !isSameEffort(x.activity, y.activity)) continue;
        const keep = pickCanonical([x.activity, y.activity]);
        (keep === x.activity ? y : x).exclusion = excluded('duplicate');
        if (x.exclusion) break;
      }
    }
  }
  return judged;
}
