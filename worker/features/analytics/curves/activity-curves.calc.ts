// What one activity stores of its duration curves: a curve per kind its sport family reads, with the points no
// human has produced taken out (each with its reason), as best efforts are (ADR 012, ADR 063 "Storage"). Pure.
import type { ActivityStreams, Sport } from '../../activities';
import { POWER_CEILING_W, WORLD_RECORD_S } from '../calc/plausibility.calc';
import type { EffortSource } from '../calc/plausibility.calc';
import { effortGrids } from '../streams/activity-track.calc';
import { CURVE_DURATIONS, type CurveKind, curveSeries, meanMaxCurve } from './mean-max.calc';

export type CurveSport = 'ride' | 'run' | 'swim';
export const CURVE_SPORTS: readonly CurveSport[] = ['ride', 'run', 'swim'];
export const CURVE_KINDS: readonly CurveKind[] = ['power', 'speed', 'hr'];

/** The curves each sport family keeps: speed is a ride's terrain more than its rider, so rides keep power. */
export const KINDS_OF: Readonly<Record<CurveSport, readonly CurveKind[]>> = {
  ride: ['power', 'hr'],
  run: ['speed', 'power', 'hr'],
  swim: ['speed', 'hr'],
};

export const curveSportOf = (sport: Sport): CurveSport | null => (sport === 'ride' || sport === 'run' || sport === 'swim' ? sport : null);

export type CurveExclusionReason = 'power_ceiling' | 'world_record' | 'implausible_effort' | 'sport_inferred';
type Exclusion = StoredCurve['excluded'][number];

export interface StoredCurve {
  kind: CurveKind;
  sport: CurveSport;
  /** Per CURVE_DURATIONS point: the mean, null where the activity is too short or the point does not count. */
  values: (number | null)[];
  starts: (number | null)[];
  excluded: (
    | { durationS: number; value: number; startS: number; reason: CurveExclusionReason; ref: number | null }
    | { durationS: number; value: null; startS: number; reason: 'no_reading'; ref: null; note: string }
  )[];
}

type Ceiling = readonly (readonly [t: number, v: number])[];

// Power: POWER_CEILING_W's durations; under 5 s, instantaneous peaks of elite track sprinters (reported near
// 2,500–2,700 W) are allowed for with 3,000 W at 1 s.
const POWER_CEILING: Ceiling = [[1, 3000], ...Object.entries(POWER_CEILING_W).map(([t, w]) => [Number(t), w] as const)];
// Running: the world records' speeds (WORLD_RECORD_S) from 400 m on; windows up to 20 s may reach the fastest speed
// ever measured in a race (Bolt, Berlin 2009: 12.42 m/s), rounded up. A window is a flying start, a record is not,
// so short records would be too strict.
const RUN_CEILING: Ceiling = [[20, 12.5], ...Object.entries(WORLD_RECORD_S).map(([d, s]) => [s, Number(d) / s] as const)];
// Swimming: the fastest 50 m ever swum (short course, Crooks 2024: 19.90 s), for every window.
const SWIM_CEILING: Ceiling = [[1, 50 / 19.9]];

/** The ceilings by table, for the page's "not counted" notes and the tests. */
export const CURVE_CEILINGS = { power: POWER_CEILING, run: RUN_CEILING, swim: SWIM_CEILING } as const;

/** The ceiling at `t`: linear in log-duration between the table's points, flat beyond its ends. */
export function ceilingAt(table: Ceiling, t: number): number {
  const first = table[0]!;
  if (t <= first[0]) return first[1];
  for (let i = 1; i < table.length; i++) {
    const [t1, v1] = table[i]!;
    if (t <= t1) {
      const [t0, v0] = table[i - 1]!;
      return v0 + ((v1 - v0) * Math.log(t / t0)) / Math.log(t1 / t0);
    }
  }
  return table.at(-1)![1];
}

function ceilingOf(kind: CurveKind, sport: CurveSport): { table: Ceiling; reason: CurveExclusionReason } | null {
  if (kind === 'power') return { table: POWER_CEILING, reason: 'power_ceiling' };
  if (kind === 'speed') return { table: sport === 'swim' ? SWIM_CEILING : RUN_CEILING, reason: 'world_record' };
  return null;
}

const KIND_WORD: Record<CurveKind, string> = { power: 'power', speed: 'speed', hr: 'heart rate' };
const clock = (s: number) =>
  `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** A lost sensor's silences inside the recording, said as left out: no window of the curve spans them. */
function silences(kind: CurveKind, missing: ActivityStreams['missing'] & object, length: number): Exclusion[] {
  const spans = kind === 'hr' || kind === 'power' ? (missing[kind] ?? []) : [];
  return spans.flatMap(([from, to]) => {
    const startS = Math.max(0, from);
    const durationS = Math.min(length, to) - startS;
    if (durationS <= 0) return [];
    const note = `${KIND_WORD[kind]} missing for ${durationS} s from ${clock(startS)}; no window spans it`;
    return [{ durationS, value: null, startS, reason: 'no_reading' as const, ref: null, note }];
  });
}

/** The curves one activity keeps (none without streams or outside the three families). */
export function activityCurves(row: EffortSource & { sport: Sport }, streams: ActivityStreams | null): StoredCurve[] {
  const sport = curveSportOf(row.sport);
  if (!sport || !streams) return [];
  // The same grids decodeTrack makes for the activity page, without what curves do not read.
  const track = { grid: effortGrids(streams), missing: streams.missing ?? {} };
  const out: StoredCurve[] = [];
  for (const kind of KINDS_OF[sport]) {
    const series = curveSeries(track, kind);
    if (!series) continue;
    const curve = meanMaxCurve(series);
    if (curve.every((p) => p === null)) continue;
    // Speed carries the recording's trust, as run bests do: a flagged or sport-guessed file sets no pace curve.
    const whole: CurveExclusionReason | null =
      kind === 'speed' ? (row.implausibleEffort ? 'implausible_effort' : row.sportInferred ? 'sport_inferred' : null) : null;
    const ceiling = ceilingOf(kind, sport);
    const stored: StoredCurve = { kind, sport, values: [], starts: [], excluded: silences(kind, track.missing, series.length) };
    curve.forEach((p, i) => {
      const durationS = CURVE_DURATIONS[i]!;
      const ref = ceiling ? ceilingAt(ceiling.table, durationS) : null;
      const reason = !p ? null : whole ? whole : ref !== null && p.value > ref ? ceiling!.reason : null;
      if (p && reason) stored.excluded.push({ durationS, value: p.value, startS: p.startS, reason, ref: whole ? null : ref });
      stored.values.push(p && !reason ? p.value : null);
      stored.starts.push(p && !reason ? p.startS : null);
    });
    out.push(stored);
  }
  return out;
}
